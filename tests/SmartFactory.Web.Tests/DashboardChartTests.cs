using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Officials;

namespace SmartFactory.Web.Tests;

public sealed class DashboardChartSqliteTests() : DashboardChartTests("Sqlite");

/// <summary>The new queries use NOT EXISTS and conditional sums: PostgreSQL must answer them alike (scripts/postgres.sh).</summary>
public sealed class DashboardChartPostgresTests() : DashboardChartTests("Postgres");

/// <summary>The dashboard's map, trend and goal per region: their queries on a known data set, the city view, and scope.</summary>
public abstract class DashboardChartTests(string provider) : IDisposable
{
    private readonly AppFactory _app = new() { Provider = provider };

    public void Dispose()
    {
        _app.Dispose();
        GC.SuppressFinalize(this);
    }

    private static DateTime At(int year, int month) => new(year, month, 15, 2, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// 虎丘区: A (规上) 2025 基础级 after 智能车间 — written in the reverse order, so "last" must mean the later submission,
    /// not the later row — then 2026 先进级; B (规上) 2025 先进级. 昆山市: C (not 规上) 2026 基础级; E (规上) registered, drafting.
    /// 无锡新吴区: D (规上) 2026 基础级.
    /// </summary>
    private void KnownRounds()
    {
        var a = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "虎丘甲机械有限公司");
        Seed.Submission(_app, a, Tier.Basic, At(2025, 9));
        Seed.Submission(_app, a, Tier.Workshop, At(2025, 3));
        Seed.Submission(_app, a, Tier.Advanced, At(2026, 2));
        var b = Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "虎丘乙电子有限公司");
        Seed.Submission(_app, b, Tier.Advanced, At(2025, 5));
        var c = Seed.Enterprise(_app, 3, Seed.KunshanCounty, "昆山丙光电有限公司", aboveScale: false);
        Seed.Submission(_app, c, Tier.Basic, At(2026, 1));
        var e = Seed.Enterprise(_app, 5, Seed.KunshanCounty, "昆山戊新材料有限公司");
        Seed.Draft(_app, e);
        var d = Seed.Enterprise(_app, 4, Seed.XinwuCounty, "新吴丁汽车配件有限公司");
        Seed.Submission(_app, d, Tier.Basic, At(2026, 4));
    }

    private async Task<T> QueryAsync<T>(Func<DashboardQueries, Task<T>> query, string? city = null)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await query(new DashboardQueries(db, new Domain.Applications.Official(Domain.Applications.OfficialLevel.Province, "320000"), null, city));
    }

    [Fact]
    public async Task TheTrendCountsEachEnterpriseOncePerYearAtItsLastSubmissionOfThatYear()
    {
        KnownRounds();

        var province = await QueryAsync(q => q.TrendAsync());
        Assert.Equal(["2025 基础级 1", "2025 先进级 1", "2026 基础级 2", "2026 先进级 1"], Describe(province));
        var suzhou = await QueryAsync(q => q.TrendAsync(), Seed.Suzhou);
        Assert.Equal(["2025 基础级 1", "2025 先进级 1", "2026 基础级 1", "2026 先进级 1"], Describe(suzhou));
    }

    [Fact]
    public async Task TheGoalPerRegionCountsAboveScaleEnterprisesAtTheTierByTheirLatestSubmission()
    {
        KnownRounds();

        var byCity = await QueryAsync(q => q.GoalByRegionAsync("city", Tier.Basic));
        Assert.Equal([new("320200", 1, 1), new("320500", 2, 3)], byCity.OrderBy(r => r.Region));
        var byCounty = await QueryAsync(q => q.GoalByRegionAsync("county", Tier.Basic));
        Assert.Equal([new(Seed.XinwuCounty, 1, 1), new(Seed.HuqiuCounty, 2, 2), new(Seed.KunshanCounty, 0, 1)], byCounty.OrderBy(r => r.Region));
        var advanced = await QueryAsync(q => q.GoalByRegionAsync("city", Tier.Advanced));
        Assert.Equal([new("320200", 0, 1), new("320500", 2, 3)], advanced.OrderBy(r => r.Region));
        var suzhou = await QueryAsync(q => q.GoalByRegionAsync("county", Tier.Basic), Seed.Suzhou);
        Assert.Equal([new(Seed.HuqiuCounty, 2, 2), new(Seed.KunshanCounty, 0, 1)], suzhou.OrderBy(r => r.Region));
    }

    [Fact]
    public async Task TheProvinceMapColoursCitiesByTheShareAtBasicOfAllRegisteredAndOpensACity()
    {
        KnownRounds();
        var official = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var page = await official.GetAsync("/Officials/Dashboard");
        Assert.Contains("尚未提交自评的企业也计入分母", page.QuerySelector("[data-testid=map-legend]")!.TextContent);
        Assert.Equal([["苏州市", "4", "3", "75.0 %"], ["无锡市", "1", "1", "100.0 %"]], Rows(page, "map-table"));
        Assert.Equal("/Officials/Dashboard?city=320500", page.QuerySelector("[data-testid=map-table] a")!.GetAttribute("href"));
        Assert.Equal([["2025", "0", "0", "1", "1", "0", "0"], ["2026", "0", "0", "2", "1", "0", "0"]], Rows(page, "trend-table"));
        Assert.Equal([["无锡市", "1", "1", "100.0 %"], ["苏州市", "2", "3", "66.7 %"]], Rows(page, "goal-table"));
        using var json = Charts(page);
        Assert.Equal("320000", json.RootElement.GetProperty("map").GetProperty("code").GetString());

        var suzhou = await official.GetAsync("/Officials/Dashboard?city=320500");
        Assert.Contains("苏州市", suzhou.QuerySelector("h1")!.TextContent);
        Assert.Equal([["虎丘区", "2", "2", "100.0 %"], ["昆山市", "2", "1", "50.0 %"]], Rows(suzhou, "map-table"));
        Assert.Equal("/Officials?Filter.County=320505", suzhou.QuerySelector("[data-testid=map-table] a")!.GetAttribute("href"));
        Assert.Equal([["虎丘区", "2", "2", "100.0 %"], ["昆山市", "0", "1", "0.0 %"]], Rows(suzhou, "goal-table"));
        Assert.StartsWith("2 / 3", suzhou.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        Assert.DoesNotContain("无锡", Browser.Text(suzhou));
        using var cityJson = Charts(suzhou);
        Assert.Equal("320500", cityJson.RootElement.GetProperty("map").GetProperty("code").GetString());

        // A code that is no city of Jiangsu leaves the province's view as it is.
        Assert.Equal(Rows(page, "map-table"), Rows(await official.GetAsync("/Officials/Dashboard?city=110000"), "map-table"));
    }

    [Fact]
    public async Task ACountyOfficialsChartsNeverShowAnotherCountyWhateverCityIsAsked()
    {
        KnownRounds();
        var official = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        foreach (var url in new[] { "/Officials/Dashboard", $"/Officials/Dashboard?city={Seed.Suzhou}", $"/Officials/Dashboard?city={Seed.Wuxi}" })
        {
            var page = await official.GetAsync(url);
            var text = Browser.Text(page);
            foreach (var other in new[] { "昆山", "新吴", "无锡" })
            {
                Assert.DoesNotContain(other, text);
                Assert.DoesNotContain(other, page.QuerySelector("#dashboard-charts")!.TextContent);
            }
            Assert.Null(page.QuerySelector("[data-testid=region-map]"));
            Assert.Equal([["2025", "0", "0", "1", "1", "0", "0"], ["2026", "0", "0", "0", "1", "0", "0"]], Rows(page, "trend-table"));
            Assert.StartsWith("2 / 2", page.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task ACityOfficialAskingForAnotherCityStillSeesOnlyTheirOwn()
    {
        KnownRounds();
        var official = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);

        var page = await official.GetAsync($"/Officials/Dashboard?city={Seed.Wuxi}");
        Assert.Equal([["虎丘区", "2", "2", "100.0 %"], ["昆山市", "2", "1", "50.0 %"]], Rows(page, "map-table"));
        Assert.DoesNotContain("无锡", page.QuerySelector("#dashboard-charts")!.TextContent);
        Assert.DoesNotContain("新吴", Browser.Text(page));
    }

    private static List<string> Describe(List<DashboardQueries.YearLevelCount> rows) =>
        rows.OrderBy(r => r.Year).ThenBy(r => r.Level).Select(r => $"{r.Year} {Tiers.ReferenceLevelName(r.Level)} {r.Count}").ToList();

    private static List<List<string>> Rows(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"[data-testid={table}] tbody tr")
            .Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToList()).ToList();

    private static JsonDocument Charts(IHtmlDocument page) => JsonDocument.Parse(page.QuerySelector("#dashboard-charts")!.TextContent);
}
