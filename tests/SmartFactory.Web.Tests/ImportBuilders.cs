using System.Net;
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
