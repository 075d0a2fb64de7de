using System.Net;
using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>The officials' applications list: filters on round, state, division, holder and name or code, paging and the export — all within the official's division.</summary>
public sealed class ApplicationListTests : IDisposable
{
    private const string Huqiu = "虎丘精工机械有限公司";
    private const string HuqiuOld = "虎丘往年申报有限公司";
    private const string Kunshan = "昆山光电电子有限公司";
    private const string Xinwu = "新吴汽车配件有限公司";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>虎丘区: one at the county's desk this year, one of 2025 at the city's; 昆山市 (reports to the province) at the province; 新吴区 recognised.</summary>
    private void FourApplications() => FourApplications(_app);

    private static void FourApplications(AppFactory app)
    {
        Apply(app, 1, Seed.HuqiuCounty, Huqiu, ApplicationState.AtCounty);
        Apply(app, 2, Seed.HuqiuCounty, HuqiuOld, ApplicationState.AtCity, new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc));
        Apply(app, 3, Seed.KunshanCounty, Kunshan, ApplicationState.AtProvince);
        Apply(app, 4, Seed.XinwuCounty, Xinwu, ApplicationState.Recognised);
    }

    private static void Apply(AppFactory app, int n, string county, string name, ApplicationState state, DateTime? at = null)
    {
        var enterprise = Seed.Enterprise(app, n, county, name);
        Seed.Submission(app, enterprise, Tier.Advanced, at);
        Seed.Application(app, enterprise, state);
    }

    [Fact]
    public async Task ACountyOfficialNeverSeesAnotherCountysApplicationsWhateverTheFilterAsks()
    {
        FourApplications();
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var list = await official.GetAsync("/Officials/Applications");
        Assert.Equal(Sorted([Huqiu, HuqiuOld]), Sorted(Names(list)));
        Assert.Equal(2, Total(list));
        Assert.Equal("1", list.QuerySelector("[data-testid=waiting]")!.TextContent);
        foreach (var query in new[]
        {
            $"Filter.County={Seed.KunshanCounty}", $"Filter.City={Seed.Wuxi}", $"Filter.City={Seed.Suzhou}&Filter.County={Seed.KunshanCounty}",
            "Filter.Q=" + Uri.EscapeDataString("昆山"), "Filter.Q=" + Builders.CreditCodeFor(Seed.XinwuCounty, 4), "Filter.Holder=province", "Filter.State=6",
        })
        {
            var filtered = await official.GetAsync("/Officials/Applications?" + query);
            Assert.True(Names(filtered).Count == 0, $"{query} showed {string.Join("、", Names(filtered))}");
            Assert.Equal(0, Total(filtered));
            Assert.Empty(await ExportAsync(official, "/Officials/Applications?handler=Export&" + query));
        }
        Assert.Equal(Sorted([Huqiu, HuqiuOld]), Sorted((await ExportAsync(official, "/Officials/Applications?handler=Export")).Select(r => (string)r["企业"]!)));
        Assert.DoesNotContain(Kunshan, Browser.Text(await official.GetAsync($"/Officials/Applications?Filter.County={Seed.KunshanCounty}")));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task FiltersByRoundStateCityCountyHolderAndNameOrCreditCode(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        FourApplications(app);
        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");

        async Task<string[]> Filtered(string query) => Sorted(Names(await province.GetAsync("/Officials/Applications?" + query)));

        Assert.Equal(Sorted([Huqiu, HuqiuOld, Kunshan, Xinwu]), await Filtered(""));
        Assert.Equal(Sorted([HuqiuOld]), await Filtered("Filter.Year=2025"));
        Assert.Equal(Sorted([Huqiu, Kunshan, Xinwu]), await Filtered($"Filter.Year={DateTime.UtcNow.Year}"));
        Assert.Equal(Sorted([Kunshan]), await Filtered($"Filter.State={(int)ApplicationState.AtProvince}"));
        Assert.Equal(Sorted([Huqiu, HuqiuOld, Kunshan]), await Filtered($"Filter.City={Seed.Suzhou}"));
        Assert.Equal(Sorted([Huqiu, HuqiuOld]), await Filtered($"Filter.City={Seed.Suzhou}&Filter.County={Seed.HuqiuCounty}"));
        Assert.Equal(Sorted([Huqiu]), await Filtered("Filter.Holder=county"));
        Assert.Equal(Sorted([HuqiuOld]), await Filtered("Filter.Holder=city"));
        Assert.Equal(Sorted([Kunshan]), await Filtered("Filter.Holder=mine"));
        Assert.Equal(Sorted([Kunshan]), await Filtered("Filter.Holder=province"));
        Assert.Equal(Sorted([Xinwu]), await Filtered("Filter.Holder=closed"));
        Assert.Equal(Sorted([Huqiu]), await Filtered("Filter.Q=" + Uri.EscapeDataString("精工")));
        Assert.Equal(Sorted([Kunshan]), await Filtered("Filter.Q=" + Builders.CreditCodeFor(Seed.KunshanCounty, 3).ToLowerInvariant()));
        Assert.Equal(Sorted([Huqiu]), await Filtered($"Filter.City={Seed.Suzhou}&Filter.Holder=county&Filter.Q=" + Uri.EscapeDataString("虎丘")));

        var export = await ExportAsync(province, $"/Officials/Applications?handler=Export&Filter.City={Seed.Suzhou}&Filter.Year=2025");
        var row = Assert.Single(export);
        Assert.Equal(HuqiuOld, row["企业"]);
        Assert.Equal("待设区市推荐", row["状态"]);
        Assert.Equal(Builders.CreditCodeFor(Seed.HuqiuCounty, 2), row["统一社会信用代码"]);
    }

    [Fact]
    public async Task PagesFiftyAtATimeWaitingForMeFirstWhileTheExportHoldsEveryRow()
    {
        for (var i = 0; i < 53; i++)
        {
            Apply(_app, 100 + i, Seed.HuqiuCounty, $"虎丘申报企业{i:D2}有限公司", i == 52 ? ApplicationState.AtCounty : ApplicationState.AtCity);
        }
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var first = await official.GetAsync("/Officials/Applications");
        Assert.Equal(53, Total(first));
        Assert.Equal(50, Names(first).Count);
        Assert.Equal("虎丘申报企业52有限公司", Names(first)[0]);
        Assert.Equal("办理", first.QuerySelector("tbody tr td:last-child a")!.TextContent);
        Assert.Contains("第 1 / 2 页", Browser.Text(first));
        var second = await official.GetAsync(first.QuerySelectorAll("nav.pager a").Single(a => a.TextContent == "下一页").GetAttribute("href")!);
        Assert.Contains("第 2 / 2 页", Browser.Text(second));
        Assert.Equal(53, Names(first).Concat(Names(second)).Distinct().Count());
        Assert.Equal(53, (await ExportAsync(official, "/Officials/Applications?handler=Export")).Count);

        var paged = await official.GetAsync("/Officials/Applications?Filter.Holder=city&Filter.Page=2");
        var back = paged.QuerySelectorAll("nav.pager a").Single(a => a.TextContent == "上一页").GetAttribute("href")!;
        Assert.Contains("Filter.Holder=city", back);
        Assert.Equal(52, Total(paged));
    }

    [Fact]
    public async Task IgnoresAnUnknownStatePageOrYearAndSaysSo()
    {
        FourApplications();
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var response = await province.Client.GetAsync("/Officials/Applications?Filter.State=99&Filter.Page=abc&Filter.Year=x");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal(4, Total(page));
        var notice = page.QuerySelector("[data-testid=filter-notice]")!.TextContent;
        Assert.Contains("“abc”不是有效的页码。", notice);
        Assert.Contains("“x”不是有效的年度。", notice);
        Assert.Contains("99", notice);
        Assert.EndsWith("已忽略这些筛选条件。", notice);
    }

    internal static string[] Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToArray();

    internal static List<string> Names(IHtmlDocument list) => list.QuerySelectorAll("table tbody tr td.name").Select(td => td.TextContent.Trim()).ToList();

    internal static int Total(IHtmlDocument list) => int.Parse(list.QuerySelector("[data-testid=total]")!.TextContent);

    private static Task<List<IDictionary<string, object?>>> ExportAsync(Browser browser, string url) => ScopeTests.ExportAsync(browser, url);
}
