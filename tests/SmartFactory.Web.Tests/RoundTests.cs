using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;
using static SmartFactory.Web.Tests.ApiBuilders;
using static SmartFactory.Web.Tests.OfficialIsolationTests;

namespace SmartFactory.Web.Tests;

/// <summary>
/// 申报批次 (decision 024): the province opens rounds; applying only while one is open, recommending only until its
/// deadline and to the province only within the division's quota; the enterprise confirms before applying and may
/// withdraw before any official acted. Time moves by the app's clock.
/// </summary>
public sealed class RoundTests : IDisposable
{
    private readonly MovableClock _clock = new(DateTime.UtcNow);
    private readonly AppFactory _app;

    public RoundTests() => _app = new AppFactory { Clock = _clock };

    public void Dispose() => _app.Dispose();

    private DateOnly Today => BeijingTime.Today(_clock.GetUtcNow().UtcDateTime);

    /// <summary>The day the round forms are filled in relative to (the clock starts at the real now and only moves on later).</summary>
    private static DateOnly FormDay => BeijingTime.Today(DateTime.UtcNow);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private static Dictionary<string, string> RoundForm(string name = "2026 年度第一批", int opens = -1, int closes = 30, int recommend = 45, string tier = "advanced", string? suzhouQuota = "5", string year = "2026")
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Year"] = year, ["Input.Name"] = name, ["Input.Tier"] = tier,
            ["Input.OpensOn"] = Day(FormDay.AddDays(opens)), ["Input.ClosesOn"] = Day(FormDay.AddDays(closes)), ["Input.RecommendClosesOn"] = Day(FormDay.AddDays(recommend)),
            ["Input.Quotas[320583]"] = "2",
        };
        if (suzhouQuota is not null)
        {
            form["Input.Quotas[320500]"] = suzhouQuota;
        }
        return form;
    }

    /// <summary>An enterprise registered through the pages in <paramref name="county"/> whose latest (seeded) submission is eligible.</summary>
    private async Task<(Browser Browser, int Id)> EligibleAsync(int n, string county = Seed.HuqiuCounty)
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, n, county);
        var id = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        Seed.Submission(_app, id, Tier.Advanced);
        return (browser, id);
    }

    private ApplicationState State(int id) => _app.Query(db => db.Applications.Single(a => a.Id == id).State);

    private RoundQuota Quota(int round, string division) => _app.Query(db => db.RoundQuotas.AsNoTracking().Single(q => q.RoundId == round && q.DivisionCode == division));

    [Fact]
    public async Task TheProvinceOpensARoundWithQuotasAndSeesItListedWithItsUsedPlaces()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var created = await province.PostAsync("/Campaign/Round", null, RoundForm());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var round = _app.Query(db => db.Rounds.Include(r => r.Quotas).Single());
        Assert.Equal(("2026 年度第一批", Tier.Advanced, Today.AddDays(-1), Today.AddDays(30), Today.AddDays(45)), (round.Name, round.Tier, round.OpensOn, round.ClosesOn, round.RecommendClosesOn));
        Assert.Equal(5, round.Quotas.Single(q => q.DivisionCode == Seed.Suzhou).Quota);
        Assert.Equal(2, round.Quotas.Single(q => q.DivisionCode == Seed.KunshanCounty).Quota);
        Assert.Equal(0, round.Quotas.Single(q => q.DivisionCode == Seed.Wuxi).Quota);
        Assert.Equal($"/Campaign/Round/{round.Id}", created.Headers.Location?.OriginalString);

        var list = Browser.Text(await province.GetAsync("/Campaign/Rounds"));
        Assert.Contains("2026 年度 · 2026 年度第一批", list);
        Assert.Contains($"截至 {Day(Today.AddDays(30))}，还剩 30 天", list);
        var page = await province.GetAsync($"/Campaign/Round/{round.Id}");
        Assert.Contains("0 / 5", page.QuerySelector($"[data-testid=quota-{Seed.Suzhou}]")!.TextContent);
        Assert.Equal("先进级", page.QuerySelector("select#tier option[selected]")!.TextContent);
        Assert.Equal(["先进级", "卓越级", "领航级"], page.QuerySelectorAll("select#tier option").Select(o => o.TextContent));

        var edited = await province.PostAsync($"/Campaign/Round/{round.Id}", null, RoundForm(name: "2026 年度第一批（延期）", closes: 40, recommend: 50, suzhouQuota: "8"));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(("2026 年度第一批（延期）", Today.AddDays(40), 8), _app.Query(db => db.Rounds.Include(r => r.Quotas).AsEnumerable().Select(r => (r.Name, r.ClosesOn, r.Quotas.Single(q => q.DivisionCode == Seed.Suzhou).Quota)).Single()));
    }

    public static TheoryData<string, Dictionary<string, string>, string> BadRounds() => new()
    {
        { "close before open", RoundForm(opens: 10, closes: 5), "申报截止日期（" },
        { "recommend before close", RoundForm(closes: 20, recommend: 10), "推荐截止日期（" },
        { "negative quota", RoundForm(suzhouQuota: "-1"), "苏州市：推荐名额不能为负数。" },
        { "quota not a number", RoundForm(suzhouQuota: "五"), "苏州市：推荐名额应为整数。" },
        { "no name", RoundForm(name: "  "), "请填写批次名称" },
        { "basic tier", RoundForm(tier: "basic"), "申报等级应为先进级、卓越级、领航级之一。" },
        { "year", RoundForm(year: "26"), "年度应为 2020–2100 的整数。" },
    };

    [Theory]
    [MemberData(nameof(BadRounds))]
    public async Task ABadRoundIsRefusedWithAChineseMessageAndNothingIsStored(string what, Dictionary<string, string> form, string expected)
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var refused = await province.PostAsync("/Campaign/Round", null, form);

        Assert.True(refused.StatusCode == HttpStatusCode.OK, what);
        Assert.Contains(expected, Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(0, _app.Query(db => db.Rounds.Count()));
    }

    [Fact]
    public async Task AnOverlappingRoundOfTheSameTierIsRefusedAndAQuotaBelowTheUsedPlacesToo()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var round = Seed.Round(_app, quota: 3);
        _app.Query(db => db.RoundQuotas.Where(q => q.RoundId == round && q.DivisionCode == Seed.Suzhou).ExecuteUpdate(u => u.SetProperty(q => q.Used, 2)));

        var overlapping = await province.PostAsync("/Campaign/Round", null, RoundForm(name: "第二批", opens: 10, closes: 60, recommend: 70));
        Assert.Contains("与先进级申报批次“", Browser.Text(await Browser.ParseAsync(overlapping)));
        Assert.Contains("的申报时间重叠", Browser.Text(await Browser.ParseAsync(overlapping)));
        Assert.Equal(1, _app.Query(db => db.Rounds.Count()));

        var excellent = await province.PostAsync("/Campaign/Round", null, RoundForm(name: "卓越级第一批", tier: "excellent"));
        Assert.Equal(HttpStatusCode.Redirect, excellent.StatusCode);

        var below = await province.PostAsync($"/Campaign/Round/{round}", null, RoundForm(suzhouQuota: "1"));
        Assert.Contains("苏州市：推荐名额不能少于已推荐的 2 个。", Browser.Text(await Browser.ParseAsync(below)));
        Assert.Equal(3, Quota(round, Seed.Suzhou).Quota);
    }

    [Fact]
    public async Task CountyAndCityOfficialsAndEnterprisesCannotOpenTheRoundPages()
    {
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        var (enterprise, _) = await EligibleAsync(1);

        await Seed.AssertDeniedAsync(city, "/Campaign/Rounds");
        await Seed.AssertDeniedAsync(city, "/Campaign/Round");
        await Seed.AssertDeniedAsync(enterprise, "/Campaign/Rounds");
    }

    [Fact]
    public async Task ApplyingWithoutAnOpenRoundIsRefusedSayingWhyAndStoresNothing()
    {
        var (enterprise, id) = await EligibleAsync(1);
        var api = Api(_app, (await CreateTokenAsync(enterprise)));

        var none = await Seed.ApplyAsync(enterprise);
        Assert.Contains("目前没有开放的先进级申报批次，不能申报。", Browser.Text(await Browser.ParseAsync(none)));
        var apiNone = await ProblemAsync(await api.PostAsync($"/api/v1/enterprises/{id}/applications", null), HttpStatusCode.Conflict, Conflict);
        Assert.Equal("目前没有开放的先进级申报批次，不能申报。", Detail(apiNone));

        var round = Seed.Round(_app, closesInDays: 5);
        _app.Query(db => db.Rounds.Where(r => r.Id == round).ExecuteUpdate(s => s.SetProperty(r => r.OpensOn, Today.AddDays(2))));
        var early = await Seed.ApplyAsync(enterprise);
        Assert.Contains($"先进级申报批次“{Today.Year} 年度第一批”将于 {Day(Today.AddDays(2))} 开始受理申报，目前不能申报。", Browser.Text(await Browser.ParseAsync(early)));

        _clock.Advance(TimeSpan.FromDays(6));
        enterprise = await Seed.SignInAsync(_app, "admin1@example.com"); // the old session has idled out meanwhile
        var late = await Seed.ApplyAsync(enterprise);
        var closedOn = Day(Today.AddDays(-1));
        Assert.Contains($"先进级申报批次“{BeijingTime.Today(DateTime.UtcNow).Year} 年度第一批”已于 {closedOn} 截止申报", Browser.Text(await Browser.ParseAsync(late)));
        Assert.Contains("已于", Detail(await ProblemAsync(await api.PostAsync($"/api/v1/enterprises/{id}/applications", null), HttpStatusCode.Conflict, Conflict)));
        Assert.Equal(0, _app.Query(db => db.Applications.Count()));
    }

    [Fact]
    public async Task OnTheLastDayOfTheRoundTheEnterpriseStillAppliesAndTheApplicationRecordsItsRound()
    {
        var (enterprise, _) = await EligibleAsync(1);
        var round = Seed.Round(_app, closesInDays: 0);
        // The last minute of the closing day in Beijing.
        _clock.Advance(BeijingTime.StartOfDayUtc(Today.AddDays(1)).AddMinutes(-1) - _clock.GetUtcNow().UtcDateTime);
        enterprise = await Seed.SignInAsync(_app, "admin1@example.com");

        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);

        Assert.Equal(round, _app.Query(db => db.Applications.Single().RoundId));
    }

    [Fact]
    public async Task TheConfirmationShowsWhatWillBeSentAndOnlyTheConfirmPostApplies()
    {
        var (enterprise, id) = await EligibleAsync(1);
        Seed.Round(_app, closesInDays: 9);
        var scenarios = _app.Query(db => db.Assessments.Include(a => a.Ratings).Single(a => a.IsLatest).Ratings.Count(r => r.Level > 0));

        var start = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal("/Assessments/Apply?handler=Confirm", start.QuerySelector("[data-testid=apply]")!.GetAttribute("href"));
        Assert.Null(start.QuerySelector("input[name=submission]"));
        var confirm = await enterprise.GetAsync("/Assessments/Apply?handler=Confirm");

        var submittedAt = _app.Query(db => db.Assessments.Single(a => a.IsLatest).SubmittedAt)!.Value;
        Assert.Equal($"{BeijingTime.Of(submittedAt):yyyy-MM-dd HH:mm} 提交", confirm.QuerySelector("[data-testid=confirm-submission]")!.TextContent);
        Assert.Contains("自评参考等级先进级", Browser.Text(confirm));
        Assert.Equal($"{scenarios} 个", confirm.QuerySelector("[data-testid=confirm-scenarios]")!.TextContent);
        Assert.Equal("0 个", confirm.QuerySelector("[data-testid=confirm-files]")!.TextContent);
        Assert.Contains($"申报截至 {Day(Today.AddDays(9))}，还剩 9 天", confirm.QuerySelector("[data-testid=confirm-round]")!.TextContent);
        Assert.Equal("苏州市虎丘区（区县推荐） → 苏州市（设区市推荐） → 江苏省（省级初审、现场核查、认定）", confirm.QuerySelector("[data-testid=confirm-route]")!.TextContent);
        Assert.Equal("苏州市虎丘区 区县主管部门", confirm.QuerySelector("[data-testid=confirm-first]")!.TextContent);
        Assert.Equal(0, _app.Query(db => db.Applications.Count()));

        var unconfirmed = await enterprise.PostAsync("/Assessments/Apply?handler=Confirm", "/Assessments/Apply", []);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("请先核对申报内容，再点击“确认申报”。", Browser.Text(await Browser.ParseAsync(unconfirmed)));
        Assert.Equal(0, _app.Query(db => db.Applications.Count()));

        var stale = await enterprise.PostAsync("/Assessments/Apply?handler=Confirm", "/Assessments/Apply", [new("submission", "999999")]);
        Assert.Contains("您确认的提交已不是最近一次提交，请重新核对后确认。", Browser.Text(await Browser.ParseAsync(stale)));
        Assert.Equal(0, _app.Query(db => db.Applications.Count()));

        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);
        var page = await enterprise.GetAsync("/Assessments/Apply");
        Assert.Equal($"苏州市虎丘区 区县主管部门审核中（{Today.Year} 年度第一批）", page.QuerySelector("[data-testid=application-holder]")!.TextContent);
        Assert.Contains($"推荐截止：截至 {Day(Today.AddDays(24))}", page.QuerySelector("[data-testid=application-deadline]")!.TextContent);
        Assert.Equal(id, _app.Query(db => db.Applications.Single().EnterpriseId));
    }

    [Fact]
    public async Task RecommendingAfterTheRoundsRecommendationDeadlineIsRefused()
    {
        var (enterprise, _) = await EligibleAsync(1);
        Seed.Round(_app, closesInDays: 3);
        await Seed.ApplyAsync(enterprise);
        var id = _app.Query(db => db.Applications.Single().Id);
        _clock.Advance(TimeSpan.FromDays(19)); // recommending closed after day 3 + 15
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);

        var late = await county.PostAsync($"/Officials/Application/{id}", null, Decision("Recommend", "同意。"));

        Assert.Contains($"的推荐已于 {Day(Today.AddDays(-1))} 截止，不能再推荐。", Browser.Text(await Browser.ParseAsync(late)));
        Assert.Equal(ApplicationState.AtCounty, State(id));
        var returned = await county.PostAsync($"/Officials/Application/{id}", null, Decision("Return", "逾期未推荐，退回。"));
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ARecommendationToTheProvinceTakesAPlaceAndWhenThePlacesAreGoneTheNextIsRefused(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var round = Seed.Round(app, quota: 1);
        var firstEnterprise = Seed.Enterprise(app, 1, Seed.KunshanCounty);
        Seed.Submission(app, firstEnterprise, Tier.Advanced);
        var first = Seed.Application(app, firstEnterprise);
        var secondEnterprise = Seed.Enterprise(app, 2, Seed.KunshanCounty);
        Seed.Submission(app, secondEnterprise, Tier.Advanced);
        var second = Seed.Application(app, secondEnterprise);
        var county = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.KunshanCounty, "昆山市工信局");
        Assert.Contains("已推荐 0 / 名额 1", Browser.Text(await county.GetAsync("/Officials/Applications")));

        Assert.Equal(HttpStatusCode.Redirect, (await county.PostAsync($"/Officials/Application/{first}", null, Decision("Recommend", "同意。"))).StatusCode);
        var refused = await county.PostAsync($"/Officials/Application/{second}", null, Decision("Recommend", "同意。"));

        Assert.Contains("本批次推荐名额已用完（已推荐 1 / 名额 1）。", Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(ApplicationState.AtCounty, app.Query(db => db.Applications.Single(a => a.Id == second).State));
        Assert.Equal((1, Seed.KunshanCounty), (app.Query(db => db.RoundQuotas.Single(q => q.RoundId == round && q.DivisionCode == Seed.KunshanCounty).Used), app.Query(db => db.Applications.Single(a => a.Id == first).QuotaDivision)));
        Assert.Contains("已推荐 1 / 名额 1", Browser.Text(await county.GetAsync("/Officials/Applications")));

        // The province returns the first: its place comes back and the second may go.
        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");
        Assert.Equal(HttpStatusCode.Redirect, (await province.PostAsync($"/Officials/Application/{first}", null, Decision("Return", "材料不全。"))).StatusCode);
        Assert.Equal(0, app.Query(db => db.RoundQuotas.Single(q => q.RoundId == round && q.DivisionCode == Seed.KunshanCounty).Used));
        Assert.Null(app.Query(db => db.Applications.Single(a => a.Id == first).QuotaDivision));
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostAsync($"/Officials/Application/{second}", null, Decision("Recommend", "同意。"))).StatusCode);
    }

    [Fact]
    public async Task ACityRecommendationTakesTheCitysPlaceAndACountyRecommendationToTheCityTakesNone()
    {
        var round = Seed.Round(_app, quota: 1);
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty);
        Seed.Submission(_app, enterprise, Tier.Advanced);
        var id = Seed.Application(_app, enterprise);
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);

        await county.PostAsync($"/Officials/Application/{id}", null, Decision("Recommend", "同意。"));
        Assert.Equal(0, Quota(round, Seed.Suzhou).Used);
        Assert.DoesNotContain("名额", Browser.Text(await county.GetAsync("/Officials/Applications")));
        await city.PostAsync($"/Officials/Application/{id}", null, Decision("Recommend", "同意。"));

        Assert.Equal(ApplicationState.AtProvince, State(id));
        Assert.Equal(1, Quota(round, Seed.Suzhou).Used);
        Assert.Contains("苏州市 推荐至省：已推荐 1 / 名额 1", Browser.Text(await city.GetAsync("/Officials/Applications")));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TwoRecommendationsRacingForTheLastPlaceCannotBothSucceed(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var round = Seed.Round(app, quota: 1);
        var ids = new List<int>();
        foreach (var n in new[] { 1, 2 })
        {
            var enterprise = Seed.Enterprise(app, n, Seed.KunshanCounty);
            Seed.Submission(app, enterprise, Tier.Advanced);
            ids.Add(Seed.Application(app, enterprise));
        }
        var me = new Official(OfficialLevel.County, Seed.KunshanCounty);
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await dbA.Applications.SingleAsync(x => x.Id == ids[0]);
        var b = await dbB.Applications.SingleAsync(x => x.Id == ids[1]);

        // Both read the quota with its place still free, then both save.
        Assert.Null(ApplicationCommands.Act(dbA, a, me, "苏州市昆山市", ApplicationAction.Recommend, "同意。", null, 1, "甲", DateTime.UtcNow));
        Assert.Null(ApplicationCommands.Act(dbB, b, me, "苏州市昆山市", ApplicationAction.Recommend, "同意。", null, 1, "乙", DateTime.UtcNow));
        await dbA.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());

        Assert.Equal([ApplicationState.AtProvince, ApplicationState.AtCounty], app.Query(db => db.Applications.OrderBy(x => x.Id).Select(x => x.State).ToList()));
        Assert.Equal(1, app.Query(db => db.RoundQuotas.Single(q => q.RoundId == round && q.DivisionCode == Seed.KunshanCounty).Used));
        Assert.Equal(1, app.Query(db => db.Applications.Count(x => x.QuotaDivision != null)));
    }

    [Fact]
    public async Task AFlagshipApplicationTakesNoPlaceAndAnApplicationFromBeforeRoundsHasNoDeadlineNorQuota()
    {
        var flagship = Seed.Enterprise(_app, 1, Seed.KunshanCounty, flagship: true);
        Seed.Submission(_app, flagship, Tier.Advanced);
        var old = Seed.Enterprise(_app, 2, Seed.KunshanCounty);
        Seed.Submission(_app, old, Tier.Advanced);
        var before = Seed.Application(_app, old); // no round yet: RoundId null
        var round = Seed.Round(_app, quota: 0, closesInDays: -20);
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.KunshanCounty);

        Assert.Null(_app.Query(db => db.Applications.Single(a => a.Id == before).RoundId));
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostAsync($"/Officials/Application/{before}", null, Decision("Recommend", "同意。"))).StatusCode);
        Assert.Equal(ApplicationState.AtProvince, State(before));
        Assert.Equal(0, Quota(round, Seed.KunshanCounty).Used);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheEnterpriseWithdrawsBeforeTheCountyActsAndAppliesAgainButNotAfter(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        Seed.Round(app);
        var browser = app.Browser();
        var code = await Builders.RegisterAsync(browser, 1, Seed.HuqiuCounty);
        Seed.Submission(app, app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id), Tier.Advanced);
        await Seed.ApplyAsync(browser);
        var id = app.Query(db => db.Applications.Single().Id);

        var page = await browser.GetAsync("/Assessments/Apply");
        Assert.NotNull(page.QuerySelector("[data-testid=withdraw]"));
        var withdrawn = await browser.PostAsync("/Assessments/Apply", $"/Assessments/Apply?handler=Withdraw&application={id}", []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(ApplicationState.Withdrawn, app.Query(db => db.Applications.Single().State));
        var after = await browser.GetAsync("/Assessments/Apply");
        Assert.Equal("已撤回", after.QuerySelector("[data-testid=application-state]")!.TextContent);
        Assert.Contains("撤回申报", Browser.Text(after));
        Assert.Contains("本批次申报截止：", Browser.Text(after));

        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(browser)).StatusCode);
        var again = app.Query(db => db.Applications.Single(a => a.State == ApplicationState.AtCounty).Id);
        var county = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        Assert.Equal(HttpStatusCode.Redirect, (await county.PostAsync($"/Officials/Application/{again}", null, Decision("Recommend", "同意。"))).StatusCode);

        Assert.Null((await browser.GetAsync("/Assessments/Apply")).QuerySelector("[data-testid=withdraw]"));
        var refused = await Seed.PostAsync(browser, $"/Assessments/Apply?handler=Withdraw&application={again}", []);
        Assert.Contains("主管部门已办理该申报（当前为“待设区市推荐”），不能撤回。", Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(ApplicationState.AtCity, app.Query(db => db.Applications.Single(a => a.Id == again).State));
    }

    [Fact]
    public async Task AWithdrawalRacingTheCountysRecommendationCannotBothSucceed()
    {
        Seed.Round(_app);
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty);
        Seed.Submission(_app, enterprise, Tier.Advanced);
        var id = Seed.Application(_app, enterprise);
        using var scopeA = _app.Services.CreateScope();
        using var scopeB = _app.Services.CreateScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var byCounty = await dbA.Applications.SingleAsync(x => x.Id == id);
        var byEnterprise = await dbB.Applications.SingleAsync(x => x.Id == id);

        Assert.Null(ApplicationCommands.Act(dbA, byCounty, new Official(OfficialLevel.County, Seed.HuqiuCounty), "苏州市虎丘区", ApplicationAction.Recommend, "同意。", null, 1, "区县", DateTime.UtcNow));
        Assert.Null(ApplicationCommands.Withdraw(dbB, byEnterprise, 2, "企业", DateTime.UtcNow));
        await dbA.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());

        Assert.Equal(ApplicationState.AtCity, State(id));
    }

    [Fact]
    public async Task TheApiWithdrawsForTheEnterpriseOnlyAndRefusesAfterTheCountyActed()
    {
        Seed.Round(_app);
        var e = await EnterpriseAsync(_app, 1, Seed.HuqiuCounty);
        await SubmitAdvancedAsync(_app, e);
        var id = (await JsonAsync(await e.Api.PostAsync($"/api/v1/enterprises/{e.Id}/applications", null), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        var county = Official(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var other = await EnterpriseAsync(_app, 2, Seed.HuqiuCounty);

        Assert.Equal(HttpStatusCode.NotFound, (await other.Api.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await county.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        var withdrawn = await JsonAsync(await e.Api.PostAsync($"/api/v1/applications/{id}/withdraw", null));
        Assert.Equal("已撤回", withdrawn.GetProperty("stateName").GetString());

        var again = (await JsonAsync(await e.Api.PostAsync($"/api/v1/enterprises/{e.Id}/applications", null), HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await JsonAsync(await PostJsonAsync(county, $"/api/v1/applications/{again}/transitions", new { action = "recommend", comment = "同意。" }));
        var refused = await ProblemAsync(await e.Api.PostAsync($"/api/v1/applications/{again}/withdraw", null), HttpStatusCode.Conflict, Conflict);
        Assert.Equal("主管部门已办理该申报（当前为“待设区市推荐”），不能撤回。", Detail(refused));
    }
}
