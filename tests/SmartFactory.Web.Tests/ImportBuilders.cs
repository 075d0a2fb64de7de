using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using MiniExcelLibs;

namespace SmartFactory.Web.Tests;

/// <summary>A provider's import as the provider does it: a workbook saved from the template, uploaded, and the report read back.</summary>
public static class ImportBuilders
{
    /// <summary>A workbook as a provider would save it: the template's headers, one row per dictionary, blanks left empty.</summary>
    public static byte[] Workbook(IReadOnlyList<string> headers, params Dictionary<string, object?>[] rows)
    {
        var sheet = rows.Select(r => headers.ToDictionary(h => h, h => r.GetValueOrDefault(h))).ToList();
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, sheet, sheetName: "评价");
        return stream.ToArray();
    }

    /// <summary>
    /// A small .xlsx whose sheet "评价" has the header <paramref name="header"/> and, below it, one cell of
    /// <paramref name="cellChars"/> times "9" in the shared strings: written in chunks through the zip's compressor, so
    /// the test never holds the unpacked text (400 million characters pack into well under a megabyte).
    /// </summary>
    public static byte[] OneHugeCell(string header, long cellChars)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="评价" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part("xl/worksheets/sheet1.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row></sheetData></worksheet>""");
            using var strings = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.Optimal).Open();
            strings.Write(Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>{header}</t></si><si><t>"""));
            var chunk = Enumerable.Repeat((byte)'9', 1 << 20).ToArray();
            for (var left = cellChars; left > 0; left -= chunk.Length)
            {
                strings.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }
            strings.Write(Encoding.UTF8.GetBytes("</t></si></sst>"));
        }
        return file.ToArray();
    }

    public static async Task<IHtmlDocument> UploadAsync(Browser provider, string fileName, byte[] content)
    {
        var response = await provider.PostFileAsync("/Providers/Import", "/Providers/Import", [], fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ParseAsync(response);
    }

    /// <summary>The problems table of the import page: row, column, the cell's value, and the message.</summary>
    public static List<(string Row, string Column, string Value, string Message)> Report(IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=import-report] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => (c[0], c[1], c[2], c[3])).ToList();
}
