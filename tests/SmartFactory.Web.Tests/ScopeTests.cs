using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using MiniExcelLibs;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Officials see their own division only — in the list, the export, the dashboard and every detail page — and the list's filters, sorting and paging.</summary>
public sealed class ScopeTests : IDisposable
{
    private const string Huqiu1 = "虎丘精工机械有限公司";
    private const string Huqiu2 = "虎丘新材料科技有限公司";
    private const string Kunshan = "昆山光电电子有限公司";
    private const string Xinwu = "新吴汽车配件有限公司";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>虎丘区: one at 先进级 with an application, one only drafting; 昆山市 at 基础级 with an application; 无锡新吴区 at 先进级.</summary>
    private (int Huqiu1, int Huqiu2, int Kunshan, int Xinwu) ThreeDivisions()
    {
        var huqiu1 = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, Huqiu1);
        Seed.Submission(_app, huqiu1, Tier.Advanced);
        Seed.Application(_app, huqiu1);
        var huqiu2 = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, Huqiu2);
        Seed.Draft(_app, huqiu2);
        var kunshan = Seed.Enterprise(_app, 3, Seed.KunshanCounty, Kunshan, industry: "39");
        Seed.Submission(_app, kunshan, Tier.Basic);
        Seed.Application(_app, kunshan);
        var xinwu = Seed.Enterprise(_app, 4, Seed.XinwuCounty, Xinwu, industry: "36");
        Seed.Submission(_app, xinwu, Tier.Advanced);
        Assert.Equal([3, 2, 3], _app.Query(db => db.Assessments.Where(a => a.IsLatest).OrderBy(a => a.EnterpriseId).Select(a => a.ReferenceLevel!.Value).ToList()));
        return (huqiu1, huqiu2, kunshan, xinwu);
    }

    [Fact]
    public async Task ACountyOfficialSeesOnlyTheirCountyInTheListExportDashboardAndDetails()
    {
        var (huqiu1, _, kunshan, xinwu) = ThreeDivisions();
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var list = await official.GetAsync("/Officials");
        Assert.Equal(Sorted([Huqiu1, Huqiu2]), Sorted(Names(list)));
        Assert.Equal("2", list.QuerySelector("[data-testid=total]")!.TextContent);
        Assert.Equal(0, Total(await official.GetAsync($"/Officials?Filter.County={Seed.KunshanCounty}")));
        Assert.Equal(0, Total(await official.GetAsync($"/Officials?Filter.City={Seed.Wuxi}")));

        Assert.Equal(Sorted([Huqiu1, Huqiu2]), Sorted((await ExportAsync(official, "/Officials?handler=Export")).Select(r => (string)r["企业名称"]!)));

        var dashboard = await official.GetAsync("/Officials/Dashboard");
        Assert.StartsWith("1 / 2", dashboard.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        var funnel = Bars(dashboard, "推进漏斗");
        Assert.Equal(2, funnel["已注册"]);
        Assert.Equal(2, funnel["已开始填报"]);
        Assert.Equal(1, funnel["已提交"]);
        Assert.Equal(1, funnel["已申报先进级"]);
        var byRegion = LevelRows(dashboard).First();
        Assert.Equal(["苏州市虎丘区"], byRegion.Keys);
        Assert.Equal([1, 0, 0, 0, 1, 0, 0], byRegion["苏州市虎丘区"]);

        Assert.Contains(Huqiu1, Browser.Text(await official.GetAsync($"/Officials/Enterprise/{huqiu1}")));
        var outside = _app.Query(db => db.Assessments.Single(a => a.EnterpriseId == kunshan).Id);
        var outsideApplication = _app.Query(db => db.Applications.Single(a => a.EnterpriseId == kunshan).Id);
        foreach (var url in new[] { $"/Officials/Enterprise/{kunshan}", $"/Officials/Enterprise/{xinwu}", $"/Officials/Submission/{outside}", $"/Officials/Application/{outsideApplication}" })
        {
            var response = await official.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(Kunshan, await response.Content.ReadAsStringAsync());
        }
        var applications = Browser.Text(await official.GetAsync("/Officials/Applications"));
        Assert.Contains(Huqiu1, applications);
        Assert.DoesNotContain(Kunshan, applications);
    }

    [Fact]
    public async Task ACityOfficialSeesTheCountiesOfTheirCityButNotAnotherCity()
    {
        var (_, _, kunshan, xinwu) = ThreeDivisions();
        var official = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);

        var list = await official.GetAsync("/Officials");
        Assert.Equal(Sorted([Huqiu1, Huqiu2, Kunshan]), Sorted(Names(list)));
        Assert.Equal(Sorted([Huqiu1, Huqiu2, Kunshan]), Sorted((await ExportAsync(official, "/Officials?handler=Export")).Select(r => (string)r["企业名称"]!)));
        Assert.Equal(0, Total(await official.GetAsync($"/Officials?Filter.City={Seed.Wuxi}")));
        var dashboard = await official.GetAsync("/Officials/Dashboard");
        Assert.StartsWith("2 / 3", dashboard.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        Assert.Equal(Sorted(["苏州市昆山市", "苏州市虎丘区"]), Sorted(LevelRows(dashboard).First().Keys));
        Assert.Equal(3, Bars(dashboard, "推进漏斗")["已注册"]);

        Assert.Contains(Kunshan, Browser.Text(await official.GetAsync($"/Officials/Enterprise/{kunshan}")));
        Assert.Equal(HttpStatusCode.NotFound, (await official.Client.GetAsync($"/Officials/Enterprise/{xinwu}")).StatusCode);
        var xinwuSubmission = _app.Query(db => db.Assessments.Single(a => a.EnterpriseId == xinwu).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await official.Client.GetAsync($"/Officials/Submission/{xinwuSubmission}")).StatusCode);
    }

    [Fact]
    public async Task TheProvinceSeesEveryDivision()
    {
        var (_, _, _, xinwu) = ThreeDivisions();
        var official = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        Assert.Equal(Sorted([Huqiu1, Huqiu2, Kunshan, Xinwu]), Sorted(Names(await official.GetAsync("/Officials"))));
        Assert.Equal(4, (await ExportAsync(official, "/Officials?handler=Export")).Count);
        var dashboard = await official.GetAsync("/Officials/Dashboard");
        Assert.StartsWith("3 / 4", dashboard.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        var byCity = LevelRows(dashboard).First();
        Assert.Equal(Sorted(["无锡市", "苏州市"]), Sorted(byCity.Keys));
        Assert.Equal([0, 0, 0, 0, 1, 0, 0], byCity["无锡市"]);
        Assert.Contains(Xinwu, Browser.Text(await official.GetAsync($"/Officials/Enterprise/{xinwu}")));
    }

    [Fact]
    public async Task FiltersByLevelStatusNameCreditCodeCityAndCountyAndExportsTheSameRows()
    {
        var precise = Seed.Enterprise(_app, 11, Seed.HuqiuCounty, "苏州甲精密机械有限公司");
        Seed.Submission(_app, precise, Tier.Advanced);
        Seed.Application(_app, precise);
        var electronics = Seed.Enterprise(_app, 12, Seed.HuqiuCounty, "苏州乙电子有限公司");
        Seed.Submission(_app, electronics, Tier.Basic);
        var optics = Seed.Enterprise(_app, 13, Seed.KunshanCounty, "昆山丙光电有限公司");
        Seed.Submission(_app, optics, Tier.Workshop);
        Seed.Application(_app, optics, ApplicationState.Returned);
        var parts = Seed.Enterprise(_app, 14, Seed.XinwuCounty, "无锡丁汽车部件有限公司");
        Seed.Submission(_app, parts, Tier.Excellent);
        Seed.Application(_app, parts, ApplicationState.Recognised);
        Seed.Enterprise(_app, 15, Seed.HuqiuCounty, "苏州戊注册企业有限公司");
        var drafting = Seed.Enterprise(_app, 16, Seed.KunshanCounty, "昆山己草稿企业有限公司");
        Seed.Draft(_app, drafting);
        var official = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        async Task<string[]> Filtered(string query) => Sorted(Names(await official.GetAsync("/Officials?" + query)));

        Assert.Equal(Sorted(["苏州甲精密机械有限公司"]), await Filtered("Filter.Level=3"));
        Assert.Equal(Sorted(["苏州乙电子有限公司"]), await Filtered("Filter.Level=2"));
        Assert.Equal(Sorted(["苏州戊注册企业有限公司"]), await Filtered("Filter.Status=registered"));
        Assert.Equal(Sorted(["昆山己草稿企业有限公司"]), await Filtered("Filter.Status=draft"));
        Assert.Equal(Sorted(["无锡丁汽车部件有限公司", "昆山丙光电有限公司", "苏州乙电子有限公司", "苏州甲精密机械有限公司"]), await Filtered("Filter.Status=submitted"));
        Assert.Equal(Sorted(["无锡丁汽车部件有限公司", "昆山丙光电有限公司", "苏州甲精密机械有限公司"]), await Filtered("Filter.Status=applied"));
        Assert.Equal(Sorted(["无锡丁汽车部件有限公司"]), await Filtered("Filter.Status=recommended"));
        Assert.Equal(Sorted(["无锡丁汽车部件有限公司"]), await Filtered("Filter.Status=recognised"));
        Assert.Equal(Sorted(["苏州甲精密机械有限公司"]), await Filtered("Filter.Q=" + Uri.EscapeDataString("精密")));
        Assert.Equal(Sorted(["昆山丙光电有限公司", "昆山己草稿企业有限公司"]), await Filtered("Filter.Q=" + Builders.CreditCodeFor(Seed.KunshanCounty, 0)[..11].ToLowerInvariant()));
        Assert.Equal(Sorted(["苏州乙电子有限公司"]), await Filtered("Filter.Q=" + Builders.CreditCodeFor(Seed.HuqiuCounty, 12).ToLowerInvariant()));
        Assert.Equal(Sorted(["无锡丁汽车部件有限公司"]), await Filtered($"Filter.City={Seed.Wuxi}"));
        Assert.Equal(Sorted(["昆山丙光电有限公司", "昆山己草稿企业有限公司"]), await Filtered($"Filter.County={Seed.KunshanCounty}"));
        var combined = $"Filter.City={Seed.Suzhou}&Filter.Status=submitted";
        Assert.Equal(Sorted(["昆山丙光电有限公司", "苏州乙电子有限公司", "苏州甲精密机械有限公司"]), await Filtered(combined));

        var export = await ExportAsync(official, "/Officials?handler=Export&" + combined);
        Assert.Equal(Sorted(["昆山丙光电有限公司", "苏州乙电子有限公司", "苏州甲精密机械有限公司"]), Sorted(export.Select(r => (string)r["企业名称"]!)));
        var row = export.Single(r => (string)r["企业名称"]! == "苏州甲精密机械有限公司");
        Assert.Equal(Builders.CreditCodeFor(Seed.HuqiuCounty, 11), row["统一社会信用代码"]);
        Assert.Equal("苏州市", row["设区市"]);
        Assert.Equal("虎丘区", row["区县"]);
        Assert.Equal("先进级", row["参考等级"]);
        Assert.Equal("先进级申报：待区县推荐", row["状态"]);
        Assert.Equal("先进级申报：已退回", export.Single(r => (string)r["企业名称"]! == "昆山丙光电有限公司")["状态"]);
    }

    [Fact]
    public async Task SortsByTheColumnLinks()
    {
        var levels = new[] { Tier.Basic, Tier.Leading, Tier.Workshop, Tier.Excellent, Tier.Advanced };
        for (var i = 0; i < levels.Length; i++)
        {
            Seed.Submission(_app, Seed.Enterprise(_app, 20 + i, Seed.HuqiuCounty, $"排序企业{(char)('甲' + i)}有限公司"), levels[i]);
        }
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var byName = await official.GetAsync("/Officials");
        Assert.Equal(["排序企业电有限公司", "排序企业甶有限公司", "排序企业甲有限公司", "排序企业申有限公司", "排序企业甴有限公司"], Names(byName));
        var byIndexLink = byName.QuerySelectorAll("thead a").Single(a => a.TextContent == "建设指数").GetAttribute("href")!;
        var byIndex = await official.GetAsync(byIndexLink);

        var indexes = byIndex.QuerySelectorAll("tbody tr").Select(tr => double.Parse(tr.Children[5].TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, indexes.Count);
        Assert.Equal(indexes.OrderDescending(), indexes);
        Assert.Equal(["领航级", "卓越级", "先进级", "基础级", "智能车间"], byIndex.QuerySelectorAll("tbody tr").Select(tr => tr.Children[4].TextContent));
        var ascendingLink = byIndex.QuerySelectorAll("thead a").Single(a => a.TextContent == "建设指数").GetAttribute("href")!;
        var ascending = await official.GetAsync(ascendingLink);
        Assert.Equal(indexes.Order(), ascending.QuerySelectorAll("tbody tr").Select(tr => double.Parse(tr.Children[5].TextContent, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task PagesFiftyAtATimeWhileTheExportHoldsEveryFilteredRow()
    {
        for (var i = 0; i < 57; i++)
        {
            Seed.Submission(_app, Seed.Enterprise(_app, 100 + i, Seed.HuqiuCounty, $"虎丘基础企业{i:D2}有限公司"), Tier.Basic);
        }
        for (var i = 0; i < 4; i++)
        {
            Seed.Submission(_app, Seed.Enterprise(_app, 200 + i, Seed.HuqiuCounty, $"虎丘车间企业{i:D2}有限公司"), Tier.Workshop);
            Seed.Submission(_app, Seed.Enterprise(_app, 300 + i, Seed.KunshanCounty, $"昆山基础企业{i:D2}有限公司"), Tier.Basic);
        }
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var first = await official.GetAsync("/Officials?Filter.Level=2");
        Assert.Equal(57, Total(first));
        Assert.Equal(50, Names(first).Count);
        Assert.Contains("第 1 / 2 页", Browser.Text(first));
        var next = first.QuerySelectorAll("nav.pager a").Single(a => a.TextContent == "下一页").GetAttribute("href")!;
        var second = await official.GetAsync(next);
        Assert.Contains("第 2 / 2 页", Browser.Text(second));
        var shown = Names(first).Concat(Names(second)).ToList();
        Assert.Equal(57, shown.Distinct().Count());
        Assert.All(shown, n => Assert.StartsWith("虎丘基础企业", n));

        var export = await ExportAsync(official, "/Officials?handler=Export&Filter.Level=2");
        Assert.Equal(57, export.Count);
        Assert.Equal(Sorted(shown), Sorted(export.Select(r => (string)r["企业名称"]!)));
        Assert.All(export, r => Assert.Equal("基础级", r["参考等级"]));
        Assert.Equal(61, (await ExportAsync(official, "/Officials?handler=Export")).Count);
    }

    private static string[] Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToArray();

    private static List<string> Names(IHtmlDocument list) =>
        list.QuerySelectorAll("table tbody tr td:first-child a").Select(a => a.TextContent).ToList();

    private static int Total(IHtmlDocument list) => int.Parse(list.QuerySelector("[data-testid=total]")!.TextContent);

    /// <summary>The rows of an Excel export, by column header.</summary>
    internal static async Task<List<IDictionary<string, object?>>> ExportAsync(Browser browser, string url)
    {
        var response = await browser.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return MiniExcel.Query(stream, useHeaderRow: true).Select(r => (IDictionary<string, object?>)r).ToList();
    }

    /// <summary>A bar chart's values by label, as the SVG draws them: label text (its full text in a title when shortened), bar, value text.</summary>
    private static Dictionary<string, double> Bars(IHtmlDocument page, string title)
    {
        var texts = page.QuerySelector($"svg[aria-label='{title}']")!.QuerySelectorAll("text")
            .Select(t => t.QuerySelector("title")?.TextContent ?? t.TextContent).ToList();
        return texts.Chunk(2).ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The dashboard's level tables: for each, the row name and its counts (未提交 … 领航级).</summary>
    private static List<Dictionary<string, int[]>> LevelRows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.levels").Select(t => t.QuerySelectorAll("tbody tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent,
            tr => tr.QuerySelectorAll("td").SkipLast(1).Select(td => int.Parse(td.TextContent)).ToArray())).ToList();
}
