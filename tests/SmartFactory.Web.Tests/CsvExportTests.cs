using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static SmartFactory.Web.Tests.DownloadWorld;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The officials' exports as CSV too (issue 16 part 4), for systems that take nothing else: UTF-8 with a byte-order mark,
/// the Excel download's columns and rows, RFC 4180 quoting, formula-like names behind an apostrophe, and the same scope.
/// </summary>
public sealed class CsvExportTests(DownloadWorld world) : IClassFixture<DownloadWorld>
{
    /// <summary>Every officials' export: its Excel and CSV handlers, the CSV's file name and the column holding the enterprise's name.</summary>
    public static TheoryData<string, string, string, string> Exports => new()
    {
        { "/Officials?handler=Export", "/Officials?handler=Csv", "企业名单-苏州市虎丘区.csv", "企业名称" },
        { "/Officials/Applications?handler=Export", "/Officials/Applications?handler=Csv", "先进级申报-苏州市虎丘区.csv", "企业" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task TheCsvHoldsTheExcelDownloadsRowsInUtf8WithABomAndNeutralisedFormulas(string excelUrl, string csvUrl, string fileName, string nameColumn)
    {
        var official = world.Callers["county"];
        var response = await official.Client.GetAsync(csvUrl);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var xlsx = await ReportBuilders.DownloadAsync(official, excelUrl, ReportBuilders.XlsxType);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        WorkbookTests.AssertFileName(response, fileName);
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[3..]);
        var csv = Parse(text);
        var excel = ReportBuilders.Rows(xlsx);
        Assert.Equal(excel[0].Keys, csv[0]);
        Assert.Equal(excel.Select(r => r.Values.Select(Shown)), csv.Skip(1));
        var names = csv.Skip(1).Select(r => r[csv[0].IndexOf(nameColumn)]).ToList();
        Assert.Equal(new[] { Name, "'" + Hostile, Awkward }.Order(), names.Order());
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text);
        Assert.Contains("\"苏州\"\"精工\"\",机械\n制造有限公司\"", text);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain(Outside, text);
        AssertTextWithoutFormulas(xlsx, "'" + Hostile);
    }

    /// <summary>What the user sees of an Excel cell, as the CSV writes it.</summary>
    private static string Shown(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>The hostile name is a text cell, apostrophe first, and no cell of the workbook is a formula.</summary>
    private static void AssertTextWithoutFormulas(byte[] xlsx, string expected)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var strings = document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList();
        var sheet = document.WorkbookPart.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.Contains(sheet.Descendants<Cell>(), c => c.DataType?.Value == CellValues.SharedString && strings[int.Parse(c.CellValue!.Text)] == expected);
    }

    /// <summary>RFC 4180 records: fields split at commas, quoted fields with doubled quotes and line breaks, records ended by CRLF.</summary>
    private static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, $"a quote inside an unquoted field at {i}");
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                Assert.True(c is not '\r' and not '\n', $"a bare line break outside quotes at {i}");
                field.Append(c);
            }
        }
        Assert.True(record.Count == 0 && field.Length == 0 && !quoted, "the last record does not end with CRLF");
        return records;
    }
}
