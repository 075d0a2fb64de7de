using System.Net;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ReportBuilders;
using static SmartFactory.Web.Tests.Seed;

namespace SmartFactory.Web.Tests;

/// <summary>The officials' applications export is the page's list, row for row, in an .xlsx.</summary>
public sealed class ReportExportTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> AppliedAsync(int n, string county)
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, n, county);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));
        await SubmitAsync(browser);
        await ApplyThroughThePageAsync(browser);
        return _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Name);
    }

    private static async Task<List<string[]>> PageRowsAsync(Browser official) =>
        (await official.GetAsync("/Officials/Applications")).QuerySelectorAll("table.table tbody tr").Select(tr =>
        {
            var cells = tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            var link = tr.QuerySelector("td:last-child a")!;
            return new[] { link.GetAttribute("href")!.Split('/')[^1], cells[0], cells[1], cells[3], link.TextContent.Trim() == "办理" ? "是" : "否", cells[4], cells[2] };
        }).ToList();

    private static async Task<List<string[]>> ExportRowsAsync(Browser official)
    {
        var rows = Rows(await DownloadAsync(official, "/Officials/Applications?handler=Export", XlsxType));
        Assert.All(rows, r => Assert.Equal(["申报编号", "企业", "统一社会信用代码", "区县", "年度", "状态", "待我办理", "更新时间"], r.Keys));
        // In the page's order of columns (the page has no credit code column).
        return rows.Select(r => new[] { "申报编号", "企业", "区县", "状态", "待我办理", "更新时间", "年度" }
            .Select(k => r[k] is DateTime at ? at.ToString("yyyy-MM-dd HH:mm") : Convert.ToString(r[k], System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
    }

    [Fact]
    public async Task TheApplicationsExportHasExactlyThePagesRows()
    {
        Seed.Round(_app);
        var waiting = await AppliedAsync(1, "320505");
        var passedOn = await AppliedAsync(2, "320505");
        var outside = await AppliedAsync(3, "320583");
        var county = await OfficialAsync(_app, Role.CountyOfficial, "320505", "虎丘区工信局");
        var passedOnId = _app.Query(db => db.Applications.Single(a => a.Enterprise!.Name == passedOn).Id);
        var recommended = await county.PostAsync($"/Officials/Application/{passedOnId}", null, new Dictionary<string, string> { ["Action"] = "Recommend", ["Comment"] = "同意。" });
        Assert.Equal(HttpStatusCode.Redirect, recommended.StatusCode);

        var page = await PageRowsAsync(county);
        var export = await ExportRowsAsync(county);

        Assert.Equal(2, page.Count);
        Assert.Equal(page, export);
        Assert.Equal([waiting, "苏州市虎丘区", "待区县推荐", "是"], export[0][1..5]);
        Assert.Equal([passedOn, "苏州市虎丘区", "待设区市推荐", "否"], export[1][1..5]);
        Assert.DoesNotContain(export, r => r[1] == outside);

        var city = await OfficialAsync(_app, Role.CityOfficial, "320500", "苏州市工信局");
        var cityPage = await PageRowsAsync(city);
        Assert.Equal(cityPage, await ExportRowsAsync(city));
        Assert.Contains(cityPage, r => r[1] == passedOn && r[4] == "是");
        Assert.Contains(cityPage, r => r[1] == outside);
    }
}
