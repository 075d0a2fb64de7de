using System.Net;
using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.CampaignUsers;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 13 part 7: 备案 of a self-declared 智能车间/基础级 where the city requires it (decision 025).</summary>
public sealed class FilingTests
{
    private static Task<HttpResponseMessage> FileAsync(Browser enterprise, int submission) =>
        Seed.PostAsync(enterprise, "/Assessments/Filing", [new("AssessmentId", submission.ToString())]);

    private static Task<HttpResponseMessage> AcknowledgeAsync(Browser official, int filing) =>
        Seed.PostAsync(official, $"/Officials/Filings?handler=Acknowledge&id={filing}", []);

    private static Task<HttpResponseMessage> RequireAsync(Browser official, string city, bool on) =>
        Seed.PostAsync(official, "/Officials/Settings", [new("cityCode", city), new("requiresFiling", on ? "true" : "false")]);

    private static async Task<string> TextOfAsync(HttpResponseMessage response) => Browser.Text(await Browser.ParseAsync(response));

    private static (int Filed, int Acknowledged) DashboardRow(IHtmlDocument dashboard, int level)
    {
        var cells = dashboard.QuerySelector($"[data-testid=filings] tr[data-level='{level}']")!.QuerySelectorAll("td").Select(td => int.Parse(td.TextContent)).ToList();
        return (cells[0], cells[1]);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheCityRequiresFilingTheEnterpriseFilesItsBasicLevelTheCountyAcknowledgesAndTheDashboardCountsIt(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var enterprise = Seed.Enterprise(app, 1, Seed.HuqiuCounty, "甲智造有限公司");
        var submission = Seed.Submission(app, enterprise, Tier.Basic);
        Assert.Equal(2, app.Query(db => db.Assessments.Single(a => a.Id == submission).ReferenceLevel));
        var user = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: enterprise);
        var city = await SignedInAsync(app, Role.CityOfficial, division: Seed.Suzhou);
        var county = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);

        Assert.Null((await user.GetAsync($"/Assessments/Result/{submission}")).QuerySelector("[data-testid=filing]"));
        Assert.Equal(HttpStatusCode.Redirect, (await RequireAsync(city, Seed.Suzhou, on: true)).StatusCode);
        Assert.Contains("要求", (await city.GetAsync("/Officials/Settings")).QuerySelector($"tr[data-city='{Seed.Suzhou}']")!.TextContent);

        var result = await user.GetAsync($"/Assessments/Result/{submission}");
        Assert.Equal("以该次提交备案", result.QuerySelector("[data-testid=filing] button")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(user, submission)).StatusCode);
        var filing = app.Query(db => db.Filings.Single());
        Assert.Equal((enterprise, submission, 2, Seed.HuqiuCounty, Seed.Suzhou, (DateTime?)null), (filing.EnterpriseId, filing.AssessmentId, filing.Level, filing.CountyCode, filing.CityCode, filing.AcknowledgedAt));
        Assert.Contains("等待区县确认", (await user.GetAsync("/Assessments/Filing")).QuerySelector("[data-testid=filing]")!.TextContent);

        var waiting = await county.GetAsync("/Officials/Filings");
        Assert.Equal("1", waiting.QuerySelector("[data-testid=waiting]")!.TextContent);
        Assert.Contains("甲智造有限公司", waiting.QuerySelector($"tr[data-filing='{filing.Id}']")!.TextContent);
        Assert.Equal((1, 0), DashboardRow(await county.GetAsync("/Officials/Dashboard"), 2));

        Assert.Equal(HttpStatusCode.Redirect, (await AcknowledgeAsync(county, filing.Id)).StatusCode);
        Assert.Equal("0", (await county.GetAsync("/Officials/Filings")).QuerySelector("[data-testid=waiting]")!.TextContent);
        Assert.Contains("区县已于", (await user.GetAsync($"/Assessments/Result/{submission}")).QuerySelector("[data-testid=filing]")!.TextContent);
        foreach (var official in new[] { county, city, await SignedInAsync(app, Role.ProvinceOfficial, division: "320000") })
        {
            var dashboard = await official.GetAsync("/Officials/Dashboard");
            Assert.Equal((1, 1), DashboardRow(dashboard, 2));
            Assert.Equal((0, 0), DashboardRow(dashboard, 1));
        }
        Assert.Equal((0, 0), DashboardRow(await (await SignedInAsync(app, Role.CityOfficial, division: Seed.Wuxi)).GetAsync("/Officials/Dashboard"), 2));
        Assert.Equal(["city-setting.changed", "filing.filed", "filing.acknowledged"],
            app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("filing.") || e.Action.StartsWith("city-setting.")).OrderBy(e => e.Id).Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task FilingIsRefusedWithoutTheRequirementAboveBasicTwiceAndForAnOlderSubmissionButANewerOneIsFiledAgain()
    {
        using var app = new AppFactory();
        var suzhou = Seed.Enterprise(app, 1, Seed.HuqiuCounty);
        var wuxi = Seed.Enterprise(app, 2, Seed.XinwuCounty);
        var advanced = Seed.Enterprise(app, 3, Seed.HuqiuCounty);
        var older = Seed.Submission(app, suzhou, Tier.Workshop, at: DateTime.UtcNow.AddDays(-2));
        var basic = Seed.Submission(app, suzhou, Tier.Basic, at: DateTime.UtcNow.AddDays(-1));
        var wuxiBasic = Seed.Submission(app, wuxi, Tier.Basic);
        var advancedSubmission = Seed.Submission(app, advanced, Tier.Advanced);
        var province = await SignedInAsync(app, Role.ProvinceOfficial, division: "320000");
        Assert.Equal(HttpStatusCode.Redirect, (await RequireAsync(province, Seed.Suzhou, on: true)).StatusCode);

        var wuxiUser = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: wuxi);
        Assert.Contains("所在设区市未要求备案", await TextOfAsync(await FileAsync(wuxiUser, wuxiBasic)));
        var advancedUser = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: advanced);
        Assert.Contains("参考等级为先进级：只有自评为智能车间或基础级的结果需要备案。", await TextOfAsync(await FileAsync(advancedUser, advancedSubmission)));
        var user = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: suzhou);
        Assert.Contains("只能备案最近一次提交", await TextOfAsync(await FileAsync(user, older)));
        Assert.Contains("未找到该次提交", await TextOfAsync(await FileAsync(user, wuxiBasic)));
        Assert.Equal(0, app.Query(db => db.Filings.Count()));

        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(user, basic)).StatusCode);
        Assert.Contains("不能重复备案", await TextOfAsync(await FileAsync(user, basic)));
        var newer = Seed.Submission(app, suzhou, Tier.Workshop);
        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(user, newer)).StatusCode);
        Assert.Equal([(basic, 2), (newer, 1)], app.Query(db => db.Filings.OrderBy(f => f.Id).Select(f => new { f.AssessmentId, f.Level }).ToList()).Select(f => (f.AssessmentId, f.Level)));

        // The province's city turned off again: nothing more is filed, what was filed stays.
        Assert.Equal(HttpStatusCode.Redirect, (await RequireAsync(province, Seed.Suzhou, on: false)).StatusCode);
        Assert.Null((await user.GetAsync($"/Assessments/Result/{basic}")).QuerySelector("form[action='/Assessments/Filing']"));
        // A colleague's service provider fills drafts but does not file.
        await Seed.AssertDeniedAsync(await SignedInAsync(app, Role.ServiceProvider), "/Assessments/Filing");
        // The dashboard counts each enterprise once, by its latest filing.
        var dashboard = await province.GetAsync("/Officials/Dashboard");
        Assert.Equal(((1, 0), (0, 0)), (DashboardRow(dashboard, 1), DashboardRow(dashboard, 2)));
    }

    [Fact]
    public async Task OnlyTheEnterprisesCountyAcknowledgesAndTwoAcknowledgmentsAtOnceRecordOne()
    {
        using var app = new AppFactory();
        var enterprise = Seed.Enterprise(app, 1, Seed.HuqiuCounty);
        var submission = Seed.Submission(app, enterprise, Tier.Basic);
        var city = await SignedInAsync(app, Role.CityOfficial, division: Seed.Suzhou);
        await RequireAsync(city, Seed.Suzhou, on: true);
        Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: enterprise), submission)).StatusCode);
        var filing = app.Query(db => db.Filings.Single().Id);

        var otherCounty = await SignedInAsync(app, Role.CountyOfficial, division: Seed.KunshanCounty);
        Assert.Equal(HttpStatusCode.NotFound, (await AcknowledgeAsync(otherCounty, filing)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AcknowledgeAsync(await SignedInAsync(app, Role.CityOfficial, division: Seed.Wuxi), filing)).StatusCode);
        Assert.Contains("备案由企业所在区县确认", await TextOfAsync(await AcknowledgeAsync(city, filing)));
        Assert.Null(app.Query(db => db.Filings.Single().AcknowledgedAt));

        var first = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);
        var second = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);
        var answers = await Task.WhenAll(AcknowledgeAsync(first, filing), AcknowledgeAsync(second, filing));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Contains("该备案已被确认", await TextOfAsync(answers.Single(a => a.StatusCode != HttpStatusCode.Redirect)));
        Assert.Equal(1, app.Query(db => db.AuditEvents.Count(e => e.Action == "filing.acknowledged")));
        Assert.NotNull(app.Query(db => db.Filings.Single().AcknowledgedBy));
    }

    [Fact]
    public async Task TheListShowsTheOfficialsScopeAndOnlyTheOwnCityOrTheProvinceSetsTheRequirement()
    {
        using var app = new AppFactory();
        var huqiu = Seed.Enterprise(app, 1, Seed.HuqiuCounty, "虎丘企业有限公司");
        var kunshan = Seed.Enterprise(app, 2, Seed.KunshanCounty, "昆山企业有限公司");
        var xinwu = Seed.Enterprise(app, 3, Seed.XinwuCounty, "新吴企业有限公司");
        var province = await SignedInAsync(app, Role.ProvinceOfficial, division: "320000");
        var suzhou = await SignedInAsync(app, Role.CityOfficial, division: Seed.Suzhou);
        var wuxi = await SignedInAsync(app, Role.CityOfficial, division: Seed.Wuxi);
        var huqiuCounty = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);

        Assert.Equal(HttpStatusCode.NotFound, (await RequireAsync(suzhou, Seed.Wuxi, on: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RequireAsync(huqiuCounty, Seed.Suzhou, on: true)).StatusCode);
        Assert.False(app.Query(db => db.CitySettings.Any()));
        Assert.Null((await huqiuCounty.GetAsync("/Officials/Settings")).QuerySelector("tr[data-city] form"));
        Assert.Equal(HttpStatusCode.Redirect, (await RequireAsync(suzhou, Seed.Suzhou, on: true)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RequireAsync(province, Seed.Wuxi, on: true)).StatusCode);
        Assert.Contains("请选择是否要求备案", await TextOfAsync(await Seed.PostAsync(province, "/Officials/Settings", [new("cityCode", Seed.Wuxi), new("requiresFiling", "yes")])));
        Assert.True(app.Query(db => db.CitySettings.Single(c => c.CityCode == Seed.Wuxi).RequiresFiling));

        foreach (var enterprise in new[] { huqiu, kunshan, xinwu })
        {
            var submission = Seed.Submission(app, enterprise, Tier.Workshop);
            Assert.Equal(HttpStatusCode.Redirect, (await FileAsync(await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: enterprise), submission)).StatusCode);
        }
        async Task<string[]> Listed(Browser official) =>
            (await official.GetAsync("/Officials/Filings")).QuerySelectorAll("tr[data-filing] td.name").Select(td => td.TextContent).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["虎丘企业有限公司"], await Listed(huqiuCounty));
        Assert.Equal(["昆山企业有限公司", "虎丘企业有限公司"], await Listed(suzhou));
        Assert.Equal(["新吴企业有限公司"], await Listed(wuxi));
        Assert.Equal(3, (await Listed(province)).Length);
        Assert.Null((await suzhou.GetAsync("/Officials/Filings")).QuerySelector("tr[data-filing] button"));
        Assert.NotNull((await huqiuCounty.GetAsync("/Officials/Filings")).QuerySelector("tr[data-filing] button"));
    }
}
