using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using SmartFactory.Web.Features.Providers;
using static SmartFactory.Web.Tests.ImportBuilders;
using static SmartFactory.Web.Tests.ReportBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Workbooks that get past the upload scan (decision 020) because the scan and MiniExcel disagree on which zip parts are
/// the sheets and the shared strings, and workbooks whose damage ends in an error page. Found by the re-attack of
/// 2026-12-04 (docs/benchmarks.md, "Import limits under hostile workbooks, re-measured 2026-12-04";
/// benchmarks/hostile-workbooks.py makes the same files at full size: a 60,000,000-character cell in a 4.4 MB upload held
/// about 440 MB of the server's memory after the answer, four at once 1.86 GB).
/// </summary>
public sealed class HostileWorkbookTests : IDisposable
{
    private const string ProviderLogin = "hostile@example.com";
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string TooLong = "有单元格的内容超过 32767 个字符，已拒绝。";
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<Browser> GrantedProviderAsync()
    {
        var provider = _app.Browser();
        await ProviderAsync(_app, provider, ProviderLogin);
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);
        await GrantAsync(enterprise, ProviderLogin);
        return provider;
    }

    /// <summary>
    /// A minimal workbook, sheet "评价": the relationships point at <paramref name="sheetPart"/> (and a shared-strings
    /// part when <paramref name="sharedPart"/> is given), the zip stores them under exactly those names.
    /// </summary>
    private static byte[] Workbook(string sheetPart, string sheetData, string? sharedPart = null, string? sharedStrings = null)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            var sheetTarget = sheetPart.TrimStart('/')["xl/".Length..];
            var shared = sharedPart is null ? "" : $"""<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="{sharedPart.Replace('\\', '/')["xl/".Length..]}"/>""";
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="评价" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="{sheetTarget}"/>{shared}</Relationships>""");
            Part(sheetPart, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>""");
            if (sharedPart is not null)
            {
                Part(sharedPart, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Main}">{sharedStrings}</sst>""");
            }
        }
        return file.ToArray();
    }

    private static string Header => $"""<row r="1"><c r="A1" t="inlineStr"><is><t>{ImportWorkbook.Code}</t></is></c></row>""";

    private static string InlineCell(int row, string text) => $"""<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{text}</t></is></c></row>""";

    private int Drafts => _app.Query(db => db.Assessments.Count(a => a.DtScore != null || a.Ratings.Any()));

    [Theory]
    [InlineData("xl/worksheets/sheet1.bin")]
    [InlineData("/xl/worksheets/sheet1.xml")]
    [InlineData("xl/worksheets/sheets/sheet1.xml")]
    public async Task ACellLongerThanExcelAllowsIsRefusedWhateverTheSheetPartIsCalled(string sheetPart)
    {
        var provider = await GrantedProviderAsync();
        var workbook = Workbook(sheetPart, Header + InlineCell(2, new string('9', 40_000)));

        var page = await UploadAsync(provider, "评价.xlsx", workbook);

        // Today MiniExcel reads the sheet the scan skipped: the 40,000-character cell reaches the row check ("该企业不存在…").
        Assert.Equal(TooLong, Assert.Single(Report(page)).Message);
        Assert.Equal(0, Drafts);
    }

    [Fact]
    public async Task ASheetStoredOutsideTheWorksheetsFolderIsNotReadAtAll()
    {
        var provider = await GrantedProviderAsync();
        // The relationships point at xl/data.bin; the scan does not read that part, and neither does the reader.
        var workbook = Workbook("xl/data.bin", Header + InlineCell(2, new string('9', 40_000)));

        var page = await UploadAsync(provider, "评价.xlsx", workbook);

        Assert.DoesNotContain(Report(page), p => p.Value.Contains("9999"));
        Assert.Equal(0, Drafts);
    }

    [Fact]
    public async Task MoreRowsThanTheLimitAreRefusedWhenTheSheetPartDoesNotEndInXml()
    {
        var provider = await GrantedProviderAsync();
        var rows = string.Concat(Enumerable.Range(2, 20_001).Select(r => InlineCell(r, $"91320000X{r:D9}")));

        var page = await UploadAsync(provider, "评价.xlsx", Workbook("xl/worksheets/sheet1.bin", Header + rows));

        Assert.Equal("有工作表超过 20000 行（不含表头），上限为 20000 行；请分成几个文件上传。", Assert.Single(Report(page)).Message);
    }

    [Fact]
    public async Task MoreColumnsThanTheLimitAreRefusedWhenTheCellsCarryNoReference()
    {
        var provider = await GrantedProviderAsync();
        var cells = string.Concat(Enumerable.Range(0, 5_000).Select(_ => "<c t=\"inlineStr\"><is><t>1</t></is></c>"));

        var page = await UploadAsync(provider, "评价.xlsx", Workbook("xl/worksheets/sheet1.xml", Header + $"<row r=\"2\">{cells}</row>"));

        Assert.StartsWith("有工作表超过", Assert.Single(Report(page)).Message);
        Assert.Contains("列", Report(page).Single().Message);
    }

    [Fact]
    public async Task ASharedStringSplitByAnEmptyNestedItemIsMeasuredWhole()
    {
        var provider = await GrantedProviderAsync();
        // The reader joins every <t> of the outer <si>; an empty <si/> inside it must not start a new count.
        var piece = $"<t>{new string('9', 20_000)}</t>";
        var workbook = Workbook("xl/worksheets/sheet1.xml",
            Header + """<row r="2"><c r="A2" t="s"><v>0</v></c></row>""",
            sharedPart: "xl/sharedStrings.xml", sharedStrings: $"<si>{piece}<si/>{piece}</si>");

        var page = await UploadAsync(provider, "评价.xlsx", workbook);

        Assert.Equal(TooLong, Assert.Single(Report(page)).Message);
    }

    [Fact]
    public async Task ColumnsNumberedByPositionAfterACellWithoutAReferenceAreCountedSo()
    {
        var provider = await GrantedProviderAsync();
        // The reader numbers every cell by position once the first has no reference: 5,000 cells all claiming A1.
        var cells = "<c t=\"inlineStr\"><is><t>1</t></is></c>" + string.Concat(Enumerable.Range(0, 5_000).Select(_ => "<c r=\"A1\" t=\"inlineStr\"><is><t>1</t></is></c>"));

        var page = await UploadAsync(provider, "评价.xlsx", Workbook("xl/worksheets/sheet1.xml", $"<row r=\"1\">{cells}</row>"));

        Assert.StartsWith("有工作表超过", Assert.Single(Report(page)).Message);
        Assert.Contains("列", Report(page).Single().Message);
    }

    [Fact]
    public async Task ASharedStringLongerThanExcelAllowsIsRefusedWhenItsPartIsNamedWithABackslash()
    {
        var provider = await GrantedProviderAsync();
        var workbook = Workbook("xl/worksheets/sheet1.xml",
            Header + """<row r="2"><c r="A2" t="s"><v>0</v></c></row>""",
            sharedPart: @"xl\sharedStrings.xml", sharedStrings: $"<si><t>{new string('9', 40_000)}</t></si>");

        var page = await UploadAsync(provider, "评价.xlsx", workbook);

        Assert.Equal(TooLong, Assert.Single(Report(page)).Message);
    }

    [Fact]
    public async Task AZipWhoseCentralDirectoryIsDamagedIsRefusedWithAMessageNotAnErrorPage()
    {
        var provider = await GrantedProviderAsync();
        var workbook = Workbook("xl/worksheets/sheet1.xml", Header + InlineCell(2, "91320000X000000001"));
        // The end record stays; the central directory it points to is overwritten.
        var end = workbook.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var size = BitConverter.ToInt32(workbook, end + 12);
        var offset = BitConverter.ToInt32(workbook, end + 16);
        workbook.AsSpan(offset, size).Fill(0x5A);

        var response = await provider.PostFileAsync("/Providers/Import", "/Providers/Import", [], "评价.xlsx", workbook);

        // Today: 500, System.IO.InvalidDataException from ZipArchive.Entries in WorkbookScan.Declared.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("无法读取该文件", Assert.Single(Report(page)).Message);
    }

    [Fact]
    public async Task ASharedStringCellWithoutASharedStringsPartIsRefusedWithAMessageNotAnErrorPage()
    {
        var provider = await GrantedProviderAsync();
        var workbook = Workbook("xl/worksheets/sheet1.xml", Header + """<row r="2"><c r="A2" t="s"><v>0</v></c></row>""");

        var response = await provider.PostFileAsync("/Providers/Import", "/Providers/Import", [], "评价.xlsx", workbook);

        // Today: 500, NullReferenceException in MiniExcel's ExcelOpenXmlSheetReader.ConvertCellValue, which
        // ImportCells.Readable does not catch.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("无法读取该文件", Assert.Single(Report(page)).Message);
    }
}
