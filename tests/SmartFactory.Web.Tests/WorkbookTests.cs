using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SmartFactory.Web.Features.Admin;
using SmartFactory.Web.Features.Providers;
using static SmartFactory.Web.Tests.DownloadWorld;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Every workbook the system serves (issue 16 part 1), downloaded as its user downloads it: valid Office Open XML by the
/// Open XML SDK's validator, the header row frozen and every column given a width its header fits in, a known row read
/// back with its number a number and its date a date, and a Chinese file name that Windows can save.
/// </summary>
public sealed class WorkbookTests(DownloadWorld world) : IClassFixture<DownloadWorld>
{
    /// <summary>
    /// One workbook: who downloads it from where ({simulation} is the world's simulation), its file name (* stands for
    /// digits and dashes, such as a time), the sheet with a row whose <paramref name="Column"/> is <paramref name="Value"/>,
    /// and which columns of that row hold a number and a date (null when the workbook has none).
    /// </summary>
    public sealed record Workbook(string Caller, string Url, string FileName, string Sheet, string Column, string Value, string? NumberColumn, string? DateColumn);

    /// <summary>Every workbook the system writes, one a line: a new download adds its line here.</summary>
    public static readonly Workbook[] Workbooks =
    [
        new("county", "/Officials?handler=Export", "企业名单-苏州市虎丘区.xlsx", "企业名单", "企业名称", Name, "建设指数", "提交时间"),
        new("county", "/Officials/Applications?handler=Export", "先进级申报-苏州市虎丘区.xlsx", "先进级申报", "企业", Name, "申报编号", "更新时间"),
        new("provider", "/Providers/Import?handler=Template", "自评估批量导入模板.xlsx", "评价", ImportWorkbook.Name, Name, ImportWorkbook.Dt, ImportWorkbook.DtDate),
        new("system", "/Admin?handler=Workbook", "规则数值-JS-2026-2026.1.xlsx", RuleSetWorkbook.ValuesSheet, RuleSetWorkbook.PathColumn, "tiers.advanced.minScenarios", RuleSetWorkbook.CurrentColumn, null),
        new("system", "/Admin/Simulation?id={simulation}&handler=Export", "政策模拟-{simulation}-等级变化企业.xlsx", "等级变化企业", "企业名称", Name, null, null),
        new("city", "/Officials/Recommendations?handler=Xlsx&table=summary", "* 年度第一批-推荐汇总表-苏州市.xlsx", "推荐汇总表", "企业名称", Name, "建设指数", "推荐时间"),
        new("city", "/Officials/Recommendations?handler=Xlsx&table=review", "* 年度第一批-审核情况表-苏州市.xlsx", "审核情况表", "企业名称", Name, null, "核查日期"),
        new("audit", "/Audit?handler=Export", "审计日志-*.xlsx", "审计日志", "操作", AuditAction, "序号", "时间"),
    ];

    public static TheoryData<string> Urls => new(Workbooks.Select(w => w.Url));

    private string Fill(string text) => text.Replace("{simulation}", world.SimulationId.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [MemberData(nameof(Urls))]
    public async Task TheWorkbookIsValidReadsBackAndOpensWithAFrozenHeaderAndWideEnoughColumns(string url)
    {
        var workbook = Workbooks.Single(w => w.Url == url);
        var response = await world.Callers[workbook.Caller].Client.GetAsync(Fill(url));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        Assert.Equal(ReportBuilders.XlsxType, response.Content.Headers.ContentType?.MediaType);
        AssertFileName(response, Fill(workbook.FileName));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        AssertValid(bytes);
        AssertEverySheetFrozenAndSized(bytes, workbook);
        var row = ReportBuilders.Rows(bytes, workbook.Sheet).FirstOrDefault(r => Convert.ToString(r[workbook.Column], CultureInfo.InvariantCulture) == workbook.Value);
        Assert.True(row is not null, $"no row of {workbook.Sheet} has {workbook.Column} = {workbook.Value}");
        if (workbook.NumberColumn is { } number)
        {
            Assert.True(row[number] is double or int or long or decimal, $"{number} reads back as {row[number]?.GetType().Name ?? "nothing"}: {row[number]}");
        }
        if (workbook.DateColumn is { } date)
        {
            Assert.True(row[date] is DateTime, $"{date} reads back as {row[date]?.GetType().Name ?? "nothing"}: {row[date]}");
        }
    }

    [Fact]
    public async Task TheImportTemplatesScoreAndDateAreTheDraftsNumberAndDate()
    {
        var workbook = Workbooks.Single(w => w.Url == "/Providers/Import?handler=Template");
        var bytes = await world.Callers[workbook.Caller].Client.GetByteArrayAsync(workbook.Url);

        var row = ReportBuilders.Rows(bytes, workbook.Sheet).Single(r => (string?)r[ImportWorkbook.Name] == Name);

        Assert.Equal(DtDate.ToDateTime(TimeOnly.MinValue), row[ImportWorkbook.DtDate]);
        Assert.Equal(82.5, row[ImportWorkbook.Dt]);
    }

    /// <summary>Chinese in RFC 5987's filename*, an ASCII filename beside it, and no character Windows refuses in a name.</summary>
    internal static void AssertFileName(HttpResponseMessage response, string expected)
    {
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", disposition?.DispositionType);
        var name = disposition!.FileNameStar;
        Assert.True(name is not null && Regex.IsMatch(name, "^" + Regex.Escape(expected).Replace("\\*", "[0-9-]+") + "$"), $"file name {name}, expected {expected}");
        Assert.Equal(-1, name.IndexOfAny(['\\', '/', ':', '*', '?', '"', '<', '>', '|']));
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.True(disposition.FileName is { Length: > 0 } ascii && ascii.All(char.IsAscii), $"ASCII fallback: {disposition.FileName}");
    }

    /// <summary>No schema or semantic error for Office 2007 (what Excel and WPS open without a repair) nor for the newest format.</summary>
    internal static void AssertValid(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        foreach (var version in new[] { FileFormatVersions.Office2007, FileFormatVersions.Microsoft365 })
        {
            var errors = new OpenXmlValidator(version).Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(errors.Count == 0, $"{errors.Count} errors ({version}):\n" + string.Join("\n", errors.Take(10)));
        }
    }

    private static void AssertEverySheetFrozenAndSized(byte[] xlsx, Workbook workbook)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var part = document.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Contains(sheets, s => s.Name == workbook.Sheet);
        foreach (var sheet in sheets)
        {
            var worksheet = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet;
            var pane = worksheet.SheetViews?.Elements<SheetView>().SingleOrDefault()?.Pane;
            Assert.True(pane is { VerticalSplit.Value: 1, TopLeftCell.Value: "A2" } && pane.State?.Value == PaneStateValues.Frozen, $"{sheet.Name}: the header row is not frozen");
            var headers = worksheet.Descendants<Row>().First().Elements<Cell>().Select(c => Text(part, c)).ToList();
            var widths = worksheet.Elements<Columns>().SingleOrDefault()?.Elements<Column>().ToDictionary(c => (int)c.Min!.Value, c => c);
            for (var i = 0; i < headers.Count; i++)
            {
                var column = widths?.GetValueOrDefault(i + 1);
                Assert.True(column is { CustomWidth.Value: true } && column.Width!.Value >= CharacterWidths(headers[i]),
                    $"{sheet.Name}: column {headers[i]} is {column?.Width?.Value.ToString() ?? "unset"} wide, its header needs {CharacterWidths(headers[i])}");
            }
        }
    }

    private static string Text(WorkbookPart part, Cell cell) => cell.DataType?.Value == CellValues.SharedString
        ? part.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text)).InnerText
        : cell.InnerText;

    /// <summary>A character outside ASCII (Chinese, full-width punctuation) is two character widths in Excel's default font.</summary>
    private static int CharacterWidths(string text) => text.Sum(c => c > 0x7F ? 2 : 1);
}
