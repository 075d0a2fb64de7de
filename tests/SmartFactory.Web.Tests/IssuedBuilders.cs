using System.Net;
using AngleSharp.Html.Dom;
using MiniExcelLibs;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>The province's import of issued results as the official does it: a workbook or CSV of rows, uploaded on /Issued.</summary>
public static class IssuedBuilders
{
    public const string Dt = "数字化转型评估", Cmmm = "成熟度评估", Ai = "人工智能场景";
    public const string Flagship = "江苏省数字化转型服务旗舰店";

    public static Dictionary<string, object?> DtRow(string code, object? score = null, object? date = null, string? issuer = Flagship, string? reference = "DT-2026-0001") => new()
    {
        ["统一社会信用代码"] = code, ["得分（0–100）"] = score ?? 80, ["出具日期"] = date ?? "2026-10-15", ["出具平台"] = issuer, ["编号"] = reference,
    };

    public static Dictionary<string, object?> CmmmRow(string code, object? level = null, object? score = null, object? date = null) => new()
    {
        ["统一社会信用代码"] = code, ["等级（1–5）"] = level ?? 3, ["得分（0–5，选填）"] = score, ["出具日期"] = date ?? "2026-09-20",
        ["评估机构"] = "国家智能制造能力成熟度评估平台", ["编号"] = "CMMM-2026-0007",
    };

    public static Dictionary<string, object?> AiRow(string code, object? level = null) => new()
    {
        ["统一社会信用代码"] = code, ["等级（1–5）"] = level ?? 2, ["出具日期"] = "2026-10-01", ["出具机构"] = "江苏省人工智能场景应用评估平台", ["编号"] = "AI-2026-0003",
    };

    /// <summary>A workbook with a sheet per name, each row's cells under its keys (the first row's keys are the header).</summary>
    public static byte[] Workbook(params (string Sheet, Dictionary<string, object?>[] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        var content = sheets.ToDictionary(s => s.Sheet, s => (object)s.Rows.Select(r => r.ToDictionary(c => c.Key, c => c.Value)).ToList());
        MiniExcel.SaveAs(stream, content);
        return stream.ToArray();
    }

    public static Task<Browser> ProvinceAsync(AppFactory app) => Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000", "省工信厅经办人");

    public static async Task<IHtmlDocument> UploadAsync(Browser province, string fileName, byte[] content)
    {
        var response = await province.PostFileAsync("/Issued", "/Issued", [], fileName, content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ParseAsync(response);
    }

    /// <summary>The report of a refused file: sheet, row, column, value, message (the sheet empty when the report has no sheet column).</summary>
    public static List<(string Sheet, string Row, string Column, string Value, string Message)> Report(IHtmlDocument page)
    {
        var withSheet = page.QuerySelectorAll("[data-testid=import-report] thead th").Length == 5;
        return page.QuerySelectorAll("[data-testid=import-report] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => withSheet ? (c[0], c[1], c[2], c[3], c[4]) : ("", c[0], c[1], c[2], c[3])).ToList();
    }

    /// <summary>A platform client made on /Issued/Clients by the official, with the token the page shows once.</summary>
    public static async Task<string> ClientTokenAsync(Browser province, string name = "旗舰店对接")
    {
        var response = await province.PostAsync("/Issued/Clients", "/Issued/Clients?handler=Create", new Dictionary<string, string> { ["Name"] = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (await Browser.ParseAsync(response)).QuerySelector("[data-testid=new-token]")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(token), "the clients page showed no token");
        return token!;
    }
}
