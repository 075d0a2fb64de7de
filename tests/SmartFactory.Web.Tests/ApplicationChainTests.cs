using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.OfficialIsolationTests;

namespace SmartFactory.Web.Tests;

/// <summary>The 省先进级 application over HTTP: eligibility, every step of the chain, returns, and the routes that skip a level.</summary>
public sealed class ApplicationChainTests : IDisposable
{
    private readonly AppFactory _app = new();

    /// <summary>Every test applies in an open 先进级 round.</summary>
    public ApplicationChainTests() => Seed.Round(_app);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AnIneligibleEnterpriseSeesWhyAndCannotApply()
    {
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1);

        var before = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Contains("尚未提交自评估。", before.QuerySelector("[data-testid=ineligible]")!.TextContent);
        Assert.Contains("不符合申报条件，不能申报。", Browser.Text(await Browser.ParseAsync(await Seed.ApplyAsync(enterprise))));

        await Builders.CompleteAtAsync(enterprise, Builders.Catalog(_app), Tier.Basic, dtScore: "50", cmmm: "1");
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.PostAsync("/Assessments/Submit", null, Builders.Pledge())).StatusCode);
        var level = _app.Query(db => db.Assessments.Single(a => a.IsLatest).ReferenceLevel);
        Assert.Equal(1, level);

        var page = await enterprise.GetAsync("/Assessments/Apply");
        var reasons = page.QuerySelectorAll("[data-testid=ineligible] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, reasons.Count);
        Assert.Contains("数字化转型评估得分需不低于 60 分", reasons[0]);
        Assert.Contains("当前 50", reasons[0]);
        Assert.Equal("智能制造能力成熟度需达到 2 级及以上，当前 1 级。", reasons[1]);
        Assert.Equal("自评参考等级需达到先进级及以上，当前为智能车间。", reasons[2]);
        Assert.Null(page.QuerySelector("[data-testid=eligible]"));

        var refused = await Seed.ApplyAsync(enterprise);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("不符合申报条件，不能申报。", Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(0, _app.Query(db => db.Applications.Count()));
    }

    [Fact]
    public async Task AnEligibleEnterpriseIsRecommendedByCountyAndCityAndRecognisedByTheProvince()
    {
        var enterprise = _app.Browser();
        await Builders.RegisterAsync(enterprise, 1, Seed.HuqiuCounty);
        await Builders.CompleteAtAdvancedAsync(enterprise, Builders.Catalog(_app));
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.PostAsync("/Assessments/Submit", null, Builders.Pledge())).StatusCode);
        Assert.NotNull((await enterprise.GetAsync("/Assessments/Apply")).QuerySelector("[data-testid=eligible]"));

        var applied = await Seed.ApplyAsync(enterprise);

        Assert.Equal("/Assessments/Apply", applied.Headers.Location?.OriginalString);
        var id = _app.Query(db => db.Applications.Single().Id);
        Assert.Equal(_app.Query(db => db.Assessments.Single(a => a.IsLatest).Id), _app.Query(db => db.Applications.Single().AssessmentId));
        Assert.Contains("您的申报正在办理中：待区县推荐", Browser.Text(await enterprise.GetAsync("/Assessments/Apply")));
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty, "虎丘区工信局");
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou, "苏州市工信局");
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000", "江苏省工信厅");

        var early = await city.GetAsync($"/Officials/Application/{id}");
        Assert.Null(early.QuerySelector("textarea#Comment"));
        Assert.Contains("不在您的办理环节", Browser.Text(early));
        var outOfTurn = await Seed.PostAsync(city, $"/Officials/Application/{id}", Decision("Recommend", "同意。"));
        Assert.Contains("该申报当前处于“待区县推荐”环节，不由您办理。", Browser.Text(await Browser.ParseAsync(outOfTurn)));
        Assert.Equal(ApplicationState.AtCounty, State(id));
        Assert.Equal("1", (await county.GetAsync("/Officials/Applications")).QuerySelector("[data-testid=waiting]")!.TextContent);

        await ActAsync(county, id, Decision("Recommend", "材料齐全，同意推荐。"), ApplicationState.AtCity);
        await ActAsync(city, id, Decision("Recommend", "同意推荐至省。"), ApplicationState.AtProvince);
        await ActAsync(province, id, Decision("PassPreliminary", "初审通过。"), ApplicationState.PreliminaryPassed);
        SiteCheckBuilders.SiteCheck(_app, id);
        await ActAsync(province, id, Decision("PassSiteCheck", "现场核查通过。"), ApplicationState.SiteChecked);
        var noNumber = await province.PostAsync($"/Officials/Application/{id}", null, Decision("Recognise", "同意认定。", 2026));
        Assert.Contains("认定时必须填写认定文号（如“苏工信智能〔2026〕12号”）。", Browser.Text(await Browser.ParseAsync(noNumber)));
        Assert.Equal(ApplicationState.SiteChecked, State(id));
        // In a round the batch is the round (decision 027): the form names it and asks for no year.
        var round = _app.Query(db => db.Rounds.Single());
        var form = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Contains($"认定批次：{round.Name}", Browser.Text(form));
        Assert.Null(form.QuerySelector("input#BatchYear"));
        await ActAsync(province, id, Decision("Recognise", "同意认定。", documentNo: "苏工信智能〔2026〕12号"), ApplicationState.Recognised);

        Assert.Equal(round.Year, _app.Query(db => db.Applications.Single().BatchYear));
        var page = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal("已认定", page.QuerySelector("[data-testid=application-state]")!.TextContent);
        Assert.Contains("（2026 年度批次）", page.QuerySelector("section.timeline h2")!.TextContent);
        var steps = Steps(page);
        Assert.Equal(6, steps.Count);
        Step(steps[0], "张三（企业）", "提交申报", "待区县推荐");
        Step(steps[1], "虎丘区工信局（区县级 苏州市虎丘区）", "推荐", "待区县推荐 → 待设区市推荐", "材料齐全，同意推荐。");
        Step(steps[2], "苏州市工信局（设区市级 苏州市）", "推荐", "待设区市推荐 → 待省级初审", "同意推荐至省。");
        Step(steps[3], "江苏省工信厅（省级 江苏省）", "初审通过", "待省级初审 → 初审通过，待现场核查", "初审通过。");
        Step(steps[4], "江苏省工信厅（省级 江苏省）", "现场核查通过", "初审通过，待现场核查 → 现场核查通过，待认定", "现场核查通过。");
        Step(steps[5], "江苏省工信厅（省级 江苏省）", "认定", "现场核查通过，待认定 → 已认定", "同意认定。");

        var after = await Seed.PostAsync(province, $"/Officials/Application/{id}", Decision("Return", "再议。"));
        Assert.Contains("该申报已认定，不能再办理。", Browser.Text(await Browser.ParseAsync(after)));
        Assert.Equal(ApplicationState.Recognised, State(id));
        Assert.Equal(6, _app.Query(db => db.ApplicationEvents.Count()));
    }

    [Fact]
    public async Task AReturnNeedsACommentAndEndsTheApplicationSoTheEnterpriseCanApplyAgain()
    {
        var enterprise = await EligibleAsync(1, Seed.HuqiuCounty);
        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);
        var id = _app.Query(db => db.Applications.Single().Id);

        var twice = await Seed.ApplyAsync(enterprise);
        Assert.Contains("已有一项申报正在办理中，不能重复申报。", Browser.Text(await Browser.ParseAsync(twice)));
        Assert.Equal(1, _app.Query(db => db.Applications.Count()));

        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty, "虎丘区工信局");
        var silent = await county.PostAsync($"/Officials/Application/{id}", null, Decision("Return", "   "));
        Assert.Equal(HttpStatusCode.OK, silent.StatusCode);
        Assert.Contains("退回申报时必须填写退回意见。", Browser.Text(await Browser.ParseAsync(silent)));
        Assert.Equal(ApplicationState.AtCounty, State(id));
        Assert.Equal(1, _app.Query(db => db.ApplicationEvents.Count()));

        await ActAsync(county, id, Decision("Return", "证明材料不全，请补充后重新申报。"), ApplicationState.Returned);

        var page = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal("已退回", page.QuerySelector("[data-testid=application-state]")!.TextContent);
        Step(Steps(page)[1], "虎丘区工信局（区县级 苏州市虎丘区）", "退回", "待区县推荐 → 已退回", "证明材料不全，请补充后重新申报。");
        Assert.NotNull(page.QuerySelector("[data-testid=eligible]"));
        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);
        Assert.Equal([ApplicationState.AtCounty, ApplicationState.Returned], _app.Query(db => db.Applications.OrderByDescending(a => a.Id).Select(a => a.State).ToList()));
        var again = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal(["待区县推荐", "已退回"], again.QuerySelectorAll("[data-testid=application-state]").Select(s => s.TextContent));
        Assert.Contains("您的申报正在办理中：待区县推荐", Browser.Text(again));
    }

    [Fact]
    public async Task AnApplicationFromKunshanGoesFromTheCountyStraightToTheProvince()
    {
        var enterprise = await EligibleAsync(1, Seed.KunshanCounty);
        await Seed.ApplyAsync(enterprise);
        var id = _app.Query(db => db.Applications.Single().Id);
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.KunshanCounty, "昆山市工信局");
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou, "苏州市工信局");
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000", "江苏省工信厅");
        Assert.Contains("该县（市）直接向省推荐", Browser.Text(await county.GetAsync($"/Officials/Application/{id}")));

        await ActAsync(county, id, Decision("Recommend", "同意直接报省。"), ApplicationState.AtProvince);

        var cityList = await city.GetAsync("/Officials/Applications");
        Assert.Equal("0", cityList.QuerySelector("[data-testid=waiting]")!.TextContent);
        Assert.Equal("查看", cityList.QuerySelector($"a[href='/Officials/Application/{id}']")!.TextContent);
        var cityRefused = await Seed.PostAsync(city, $"/Officials/Application/{id}", Decision("Recommend", "同意。"));
        Assert.Contains("不由您办理", Browser.Text(await Browser.ParseAsync(cityRefused)));
        Assert.Equal("1", (await province.GetAsync("/Officials/Applications")).QuerySelector("[data-testid=waiting]")!.TextContent);
        await ActAsync(province, id, Decision("PassPreliminary", "初审通过。"), ApplicationState.PreliminaryPassed);
        Step(Steps(await enterprise.GetAsync("/Assessments/Apply"))[1], "昆山市工信局（区县级 苏州市昆山市）", "推荐", "待区县推荐 → 待省级初审", "同意直接报省。");
    }

    [Fact]
    public async Task AFlagshipChainEnterpriseStartsAtTheProvince()
    {
        var enterprise = _app.Browser();
        var code = Builders.CreditCodeFor(Seed.HuqiuCounty, 1);
        var registration = Builders.Registration(code, "flagship@example.com");
        registration["Input.IsFlagshipChain"] = "true";
        registration["Input.IsAboveScale"] = "false";
        Assert.Equal("/Assessments", (await enterprise.PostAsync("/Account/Register", null, registration)).Headers.Location?.OriginalString);
        Seed.Submission(_app, _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id), Tier.Advanced);

        await Seed.ApplyAsync(enterprise);

        var id = _app.Query(db => db.Applications.Single().Id);
        Assert.Equal(ApplicationState.AtProvince, State(id));
        Assert.Contains("您的申报正在办理中：待省级初审", Browser.Text(await enterprise.GetAsync("/Assessments/Apply")));
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var countyPage = await county.GetAsync($"/Officials/Application/{id}");
        Assert.Contains("筑峰强链企业，直接报省", Browser.Text(countyPage));
        Assert.Null(countyPage.QuerySelector("textarea#Comment"));
        var refused = await Seed.PostAsync(county, $"/Officials/Application/{id}", Decision("Recommend", "同意。"));
        Assert.Contains("该申报当前处于“待省级初审”环节，不由您办理。", Browser.Text(await Browser.ParseAsync(refused)));
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        await ActAsync(province, id, Decision("PassPreliminary", "初审通过。"), ApplicationState.PreliminaryPassed);
    }

    /// <summary>An enterprise registered through the pages whose latest submission (seeded) is eligible.</summary>
    private async Task<Browser> EligibleAsync(int n, string county)
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, n, county);
        Seed.Submission(_app, _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id), Tier.Advanced);
        Assert.Equal(3, _app.Query(db => db.Assessments.Single(a => a.IsLatest).ReferenceLevel));
        return browser;
    }

    private async Task ActAsync(Browser official, int id, Dictionary<string, string> decision, ApplicationState expected)
    {
        var response = await official.PostAsync($"/Officials/Application/{id}", null, decision);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{decision["Action"]} answered {(int)response.StatusCode}: {Browser.Text(await Browser.ParseAsync(response))}");
        Assert.Equal(expected, State(id));
        Assert.Contains(expected.ChineseName(), (await official.GetAsync($"/Officials/Application/{id}")).QuerySelector("[data-testid=application-state]")!.TextContent);
    }

    private ApplicationState State(int id) => _app.Query(db => db.Applications.Single(a => a.Id == id).State);

    /// <summary>One step of a timeline says who (with their role) did what, from which state to which, and their comment, in that order.</summary>
    private static void Step(string step, string who, string action, string states, string? comment = null)
    {
        var parts = comment is null ? new[] { who + "：", action, states } : [who + "：", action, states, comment];
        var at = 0;
        foreach (var part in parts)
        {
            var found = step.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"“{part}” missing (or out of order) in the step “{step}”");
            at = found + part.Length;
        }
    }

    /// <summary>The steps of the first (newest) timeline on a page, white space collapsed.</summary>
    private static List<string> Steps(IHtmlDocument page) =>
        page.QuerySelector("section.timeline")!.QuerySelectorAll("li").Select(li => Regex.Replace(li.TextContent, @"\s+", " ").Trim()).ToList();
}
