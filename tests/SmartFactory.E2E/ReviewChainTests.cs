using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>
/// One app and browser for the review chain, and its officials: the province administrator made with the command line,
/// the 苏州市 and 虎丘区 officials he invites in the browser, each signed in in a browser context of its own.
/// The officials are made once, by the first test that needs them.
/// </summary>
public sealed class ReviewFixture : IAsyncLifetime
{
    public const string ProvinceName = "省厅管理员";
    public const string CityName = "张敏";
    public const string CountyName = "陈晓";

    private readonly Lock _lock = new();
    private Task<ReviewOfficials>? _officials;

    public E2EFixture E2E { get; } = new();

    public Task InitializeAsync() => E2E.InitializeAsync();

    public Task DisposeAsync() => E2E.DisposeAsync();

    public Task<ReviewOfficials> OfficialsAsync()
    {
        lock (_lock)
        {
            return _officials ??= CreateOfficialsAsync();
        }
    }

    private async Task<ReviewOfficials> CreateOfficialsAsync()
    {
        // The first province administrator comes from the web program's create-admin command, on the app's own database file.
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SmartFactory.Web.Data.AdminCommands.RunAsync(
            ["create-admin", "--login", "admin@js.gov.cn", "--name", ProvinceName, "--password", "Admin2026x", "--connection", $"Data Source={Path.Combine(E2E.App.Folder, "app.db")}"],
            output, error);
        Assert.True(exit == 0, $"create-admin failed ({exit}): {error}");
        Assert.Contains("已创建省级管理员", output.ToString(), StringComparison.Ordinal);

        var province = await E2E.NewPageAsync();
        await OfficialSteps.LoginAsync(province, "admin@js.gov.cn", "Admin2026x");
        var cityLink = await OfficialSteps.InviteAsync(province, "320500", CityName, "suzhou@js.gov.cn", screenshot: "review-00a-users-invited-city");
        var countyLink = await OfficialSteps.InviteAsync(province, "320505", CountyName, "huqiu@js.gov.cn", screenshot: "review-00b-users-invited-county");

        var city = await E2E.NewPageAsync();
        await OfficialSteps.AcceptAsync(city, cityLink, CityName, "Suzhou2026x", screenshot: "review-00c-accept");
        var county = await E2E.NewPageAsync();
        await OfficialSteps.AcceptAsync(county, countyLink, CountyName, "Huqiu2026x");

        // Both invitations are used up: the administrator's list shows them active, and a link does not work twice.
        await province.ReloadAsync();
        await Expect(OfficialSteps.Row(province, "suzhou@js.gov.cn")).ToContainTextAsync("已启用");
        await Expect(OfficialSteps.Row(province, "huqiu@js.gov.cn")).ToContainTextAsync("已启用");
        await Steps.ShotAsync(province, "review-00d-users");
        var stranger = await E2E.NewPageAsync();
        await stranger.GotoAsync(countyLink);
        await Expect(stranger.Locator(".problems")).ToContainTextAsync("邀请链接无效、已使用或已过期");
        await stranger.Context.CloseAsync();

        // The province opens this year's 先进级 round, so that enterprises may apply.
        await province.GotoAsync("/Campaign/Round");
        var today = SmartFactory.Domain.BeijingTime.Today(DateTime.UtcNow);
        await province.GetByLabel("批次名称").FillAsync($"{today.Year} 年度第一批");
        await province.GetByLabel("申报开始日期").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd"));
        await province.GetByLabel("申报截止日期（含当日，北京时间）").FillAsync(today.AddDays(30).ToString("yyyy-MM-dd"));
        await province.GetByLabel("区县、设区市推荐截止日期（含当日）").FillAsync(today.AddDays(45).ToString("yyyy-MM-dd"));
        await province.GetByLabel("苏州市", new() { Exact = true }).FillAsync("5");
        await province.GetByRole(AriaRole.Button, new() { Name = "开设批次" }).ClickAsync();
        await Expect(province.Locator("h1")).ToContainTextAsync($"申报批次：{today.Year} 年度第一批");

        return new ReviewOfficials(province, city, county);
    }
}

/// <summary>The signed-in pages of the three officials.</summary>
public sealed record ReviewOfficials(IPage Province, IPage City, IPage County);

/// <summary>The 省先进级 application of a 苏州市虎丘区 enterprise, from applying to recognition or return, as each user sees it.</summary>
public sealed class ReviewChainTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private const string Province = ReviewFixture.ProvinceName;
    private const string City = ReviewFixture.CityName;
    private const string County = ReviewFixture.CountyName;

    [Fact]
    public async Task An_advanced_enterprise_is_recommended_by_county_and_city_and_recognised_by_the_province()
    {
        var officials = await fixture.OfficialsAsync();
        const string name = "苏州虎丘端到端智能装备有限公司";
        // One scenario at 领航级 without evidence, so that the reviewers have something to look at twice.
        var enterprise = await SubmittedAsync(name, new Dictionary<int, string> { [30] = "leading" });

        // The enterprise is eligible and applies.
        await enterprise.GetByRole(AriaRole.Link, new() { Name = "申报先进级" }).ClickAsync();
        await Expect(enterprise).ToHaveURLAsync(new Regex("/Assessments/Apply$"));
        await Expect(enterprise.GetByTestId("eligible")).ToContainTextAsync("符合申报条件");
        await Expect(enterprise.GetByTestId("ineligible")).ToHaveCountAsync(0);
        await Steps.ShotAsync(enterprise, "review-01-apply-eligible");
        await ApplyAsync(enterprise);
        await Expect(OfficialSteps.State(enterprise)).ToHaveTextAsync("待区县推荐");
        await Expect(enterprise.Locator(".notice")).ToContainTextAsync("您的申报正在办理中：待区县推荐");
        await Expect(enterprise.GetByRole(AriaRole.Link, new() { Name = "以该次提交申报省先进级" })).ToHaveCountAsync(0);
        await Steps.ShotAsync(enterprise, "review-02-applied");

        // 区县: it waits for them; they see the review flags and recommend.
        var county = officials.County;
        await county.GotoAsync("/Officials/Applications");
        await Expect(county.GetByTestId("waiting")).Not.ToHaveTextAsync("0");
        await OfficialSteps.OpenApplicationAsync(county, name, "办理", "待区县推荐", screenshot: "review-03-county-list");
        var flags = county.Locator("section.flags");
        await Expect(flags.GetByRole(AriaRole.Heading, new() { Name = "审核提示" })).ToBeVisibleAsync();
        await Expect(flags.Locator("li[data-flag=top-without-evidence]")).ToContainTextAsync("场景 30");
        await Expect(flags.Locator("li[data-flag=above-cmmm]")).ToContainTextAsync("场景 30");
        await Expect(OfficialSteps.State(county)).ToHaveTextAsync("待区县推荐");
        await Steps.ShotAsync(county, "review-04-county-application");
        await Decide(county, "推荐", "材料齐全，同意推荐。", "待设区市推荐", "review-05-county-recommended");

        // 设区市 recommends to the province.
        var city = officials.City;
        await OfficialSteps.OpenApplicationAsync(city, name, "办理", "待设区市推荐", screenshot: "review-06-city-list");
        await Steps.ShotAsync(city, "review-07-city-application");
        await Decide(city, "推荐", "经市级复核，同意推荐至省。", "待省级初审", "review-08-city-recommended");

        // 省: 初审, 现场核查, 认定 — the province holds all three, each step offered once.
        var province = officials.Province;
        await OfficialSteps.OpenApplicationAsync(province, name, "办理", "待省级初审", screenshot: "review-09-province-list");
        await Steps.ShotAsync(province, "review-10-province-application");
        await Decide(province, "初审通过", "初审通过，安排现场核查。", "初审通过，待现场核查", "review-11-preliminary-passed");
        await SiteCheckSteps.RecordPassingCheckAsync(fixture.E2E, province, name);
        await Decide(province, "现场核查通过", "现场核查情况与申报一致。", "现场核查通过，待认定", "review-12-site-checked");
        // In a round the batch is the round (decision 027): the form names it instead of asking for a year.
        await Expect(OfficialSteps.DecisionForm(province)).ToContainTextAsync($"认定批次：{SmartFactory.Domain.BeijingTime.Today(DateTime.UtcNow).Year} 年度第一批");
        await Expect(OfficialSteps.DecisionForm(province).GetByLabel("认定批次年度")).ToHaveCountAsync(0);
        await Decide(province, "认定", "认定为 2026 年度省先进级智能工厂。", "已认定", "review-13-recognised", documentNo: "苏工信智能〔2026〕12号");
        await Expect(province.Locator(".timeline h2")).ToContainTextAsync("（2026 年度批次）");

        // The county and city officials see it recognised, with nothing left to do.
        foreach (var official in new[] { county, city })
        {
            await OfficialSteps.OpenApplicationAsync(official, name, "查看", "已认定");
            await Expect(OfficialSteps.DecisionForm(official)).ToHaveCountAsync(0);
        }

        // The enterprise sees the whole timeline: six steps in order, who did each and what they wrote.
        await enterprise.GotoAsync("/Assessments/Apply");
        await Expect(OfficialSteps.State(enterprise)).ToHaveTextAsync("已认定");
        await Expect(enterprise.Locator(".timeline h2")).ToContainTextAsync("（2026 年度批次）");
        var steps = enterprise.Locator(".timeline li");
        await Expect(steps).ToHaveCountAsync(6);
        (string Who, string What, string? Comment)[] expected =
        [
            ("王工（企业）", "提交申报（待区县推荐）", null),
            ($"{County}（区县级 苏州市虎丘区）", "推荐（待区县推荐 → 待设区市推荐）", "材料齐全，同意推荐。"),
            ($"{City}（设区市级 苏州市）", "推荐（待设区市推荐 → 待省级初审）", "经市级复核，同意推荐至省。"),
            ($"{Province}（省级 江苏省）", "初审通过（待省级初审 → 初审通过，待现场核查）", "初审通过，安排现场核查。"),
            ($"{Province}（省级 江苏省）", "现场核查通过（初审通过，待现场核查 → 现场核查通过，待认定）", "现场核查情况与申报一致。"),
            ($"{Province}（省级 江苏省）", "认定（现场核查通过，待认定 → 已认定）", "认定为 2026 年度省先进级智能工厂。"),
        ];
        for (var i = 0; i < expected.Length; i++)
        {
            var (who, what, comment) = expected[i];
            await Expect(steps.Nth(i)).ToContainTextAsync($"{who}：{what}");
            var quote = steps.Nth(i).Locator("blockquote");
            if (comment is null)
            {
                await Expect(quote).ToHaveCountAsync(0);
            }
            else
            {
                await Expect(quote).ToHaveTextAsync(comment);
            }
        }
        await Steps.ShotAsync(enterprise, "review-14-enterprise-timeline");

        // The 申报书 as a PDF download. The app's first PDF loads and subsets the CJK font: on a loaded CI machine that alone
        // can pass the 15 s default, so the download may take a minute (a wrong file still fails below).
        var download = await enterprise.RunAndWaitForDownloadAsync(() =>
            enterprise.GetByRole(AriaRole.Link, new() { Name = "下载申报书 PDF" }).First.ClickAsync(), new() { Timeout = 60_000 });
        Assert.Equal($"申报书-{name}.pdf", download.SuggestedFilename);
        var pdf = Path.Combine(Steps.RepoRoot(), "artifacts", "e2e", "review-application.pdf");
        await download.SaveAsAsync(pdf);
        var bytes = await File.ReadAllBytesAsync(pdf);
        Assert.True(bytes.Length > 10_000, $"the 申报书 is only {bytes.Length} bytes");
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.Contains("%%EOF", System.Text.Encoding.ASCII.GetString(bytes, bytes.Length - 32, 32), StringComparison.Ordinal);

        // The certificate's code opens the public check page, for anyone, without signing in; the public list names the plant.
        var certificate = enterprise.GetByTestId("certificate");
        await Expect(certificate.GetByTestId("document-no")).ToHaveTextAsync("苏工信智能〔2026〕12号");
        var verify = await certificate.GetByRole(AriaRole.Link, new() { Name = "公开核验页" }).GetAttributeAsync("href");
        var visitor = await fixture.E2E.NewPageAsync(390, 844);
        await visitor.GotoAsync(verify!);
        await Expect(visitor.GetByTestId("validity")).ToHaveTextAsync("有效");
        await Expect(visitor.GetByTestId("enterprise")).ToHaveTextAsync(name);
        await Expect(visitor.GetByTestId("certificate")).ToContainTextAsync("苏工信智能〔2026〕12号");
        await Steps.ShotAsync(visitor, "review-14b-public-verify");
        await visitor.GotoAsync("/public/publicity");
        await Expect(visitor.GetByTestId("recognised").GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync("苏工信智能〔2026〕12号");
        await visitor.Context.CloseAsync();

        // The province administrator's dashboard counts the recognition.
        await province.GetByRole(AriaRole.Link, new() { Name = "数据看板" }).First.ClickAsync();
        await Expect(province).ToHaveURLAsync(new Regex("/Officials/Dashboard$"));
        var funnel = province.GetByRole(AriaRole.Img, new() { Name = "推进漏斗" });
        await Expect(funnel).ToBeVisibleAsync();
        // Label and value per bar: 已认定 is the sixth bar.
        await Expect(funnel.Locator("text").Nth(10)).ToHaveTextAsync("已认定");
        await Expect(funnel.Locator("text").Nth(11)).ToHaveTextAsync("1");
        await Steps.ShotAsync(province, "review-15-dashboard");
    }

    [Fact]
    public async Task A_county_official_must_say_why_an_application_is_returned_and_the_enterprise_may_apply_again()
    {
        var officials = await fixture.OfficialsAsync();
        const string name = "苏州虎丘端到端退回测试有限公司";
        var enterprise = await SubmittedAsync(name);
        await enterprise.GotoAsync("/Assessments/Apply");
        await ApplyAsync(enterprise);
        await Expect(OfficialSteps.State(enterprise)).ToHaveTextAsync("待区县推荐");

        var county = officials.County;
        await OfficialSteps.OpenApplicationAsync(county, name, "办理", "待区县推荐");
        await Expect(county.Locator("section.flags")).ToHaveCountAsync(0);

        // Without a comment: refused, in Chinese, and nothing changes.
        await OfficialSteps.DecideAsync(county, "退回", comment: null);
        await Expect(county.Locator(".problems[role=alert]")).ToHaveTextAsync("退回申报时必须填写退回意见。");
        await Expect(OfficialSteps.State(county)).ToHaveTextAsync("待区县推荐");
        await Expect(county.Locator(".timeline li")).ToHaveCountAsync(1);
        await Expect(OfficialSteps.DecisionForm(county)).ToHaveCountAsync(1);
        await Steps.ShotAsync(county, "review-return-01-refused");

        // The choice of 退回 is kept: the official only adds the comment and submits again; now it is returned, and the county cannot act on it any more.
        await Expect(OfficialSteps.DecisionForm(county).GetByRole(AriaRole.Radio, new() { Name = "退回", Exact = true })).ToBeCheckedAsync();
        await Decide(county, "退回", "请补充生产计划优化场景的证明材料后重新申报。", "已退回", "review-return-02-returned", choose: false);

        // The enterprise reads why, and applies again.
        await enterprise.ReloadAsync();
        await Expect(OfficialSteps.State(enterprise)).ToHaveTextAsync("已退回");
        var returned = enterprise.Locator(".timeline li").Last;
        await Expect(returned).ToContainTextAsync($"{County}（区县级 苏州市虎丘区）：退回（待区县推荐 → 已退回）");
        await Expect(returned.Locator("blockquote")).ToHaveTextAsync("请补充生产计划优化场景的证明材料后重新申报。");
        await Expect(enterprise.GetByTestId("eligible")).ToBeVisibleAsync();
        await Steps.ShotAsync(enterprise, "review-return-03-enterprise");
        await ApplyAsync(enterprise);
        await Expect(enterprise.GetByTestId("application-state")).ToHaveTextAsync(["待区县推荐", "已退回"]);
        await OfficialSteps.OpenApplicationAsync(county, name, "办理", "待区县推荐");
    }

    [Fact]
    public async Task Experts_adjust_a_tier_on_site_the_province_publishes_the_plant_and_may_not_recognise_it_before_the_period_ends()
    {
        var officials = await fixture.OfficialsAsync();
        const string name = "苏州虎丘端到端公示测试有限公司";
        var enterprise = await SubmittedAsync(name, new Dictionary<int, string> { [30] = "leading" });
        await enterprise.GotoAsync("/Assessments/Apply");
        await ApplyAsync(enterprise);
        await OfficialSteps.OpenApplicationAsync(officials.County, name, "办理", "待区县推荐");
        await Decide(officials.County, "推荐", "同意推荐。", "待设区市推荐", "publicity-01-county");
        await OfficialSteps.OpenApplicationAsync(officials.City, name, "办理", "待设区市推荐");
        await Decide(officials.City, "推荐", "同意推荐至省。", "待省级初审", "publicity-02-city");
        var province = officials.Province;
        await OfficialSteps.OpenApplicationAsync(province, name, "办理", "待省级初审");
        await Decide(province, "初审通过", "初审通过。", "初审通过，待现场核查", "publicity-03-preliminary");

        // The experts find scenario 30 at 卓越级, not 领航级: the province sees one adjustment, with the reason.
        await SiteCheckSteps.RecordPassingCheckAsync(fixture.E2E, province, name, "li@seu.edu.cn", "李研究员",
            new SiteCheckSteps.Adjustment(30, "卓越级", "现场未见跨工厂协同运行记录。"));
        await Expect(province.GetByTestId("adjusted-count")).ToHaveTextAsync("1");
        await Expect(province.GetByTestId("findings").GetByRole(AriaRole.Row).Filter(new() { HasText = "现场未见跨工厂协同运行记录。" })).ToContainTextAsync("卓越级");
        await Decide(province, "现场核查通过", "核查通过，场景 30 按核定等级。", "现场核查通过，待认定", "publicity-04-site-checked");

        // 公示 from today for five days: the public page lists the plant in its objection period.
        var application = province.Url;
        await province.GetByRole(AriaRole.Link, new() { Name = "办理公示" }).ClickAsync();
        var today = SmartFactory.Domain.BeijingTime.Today(DateTime.UtcNow);
        await Steps.ShotAsync(province, "publicity-05a-form");
        await province.GetByRole(AriaRole.Checkbox, new() { Name = name }).CheckAsync();
        await province.GetByLabel("公示开始日期").FillAsync(today.ToString("yyyy-MM-dd"));
        await province.GetByLabel("公示结束日期（至少 5 天）").FillAsync(today.AddDays(4).ToString("yyyy-MM-dd"));
        await province.GetByRole(AriaRole.Button, new() { Name = "发布公示" }).ClickAsync();
        await Expect(province.GetByTestId("locked")).ToContainTextAsync($"公示期 {today:yyyy-MM-dd} 至 {today.AddDays(4):yyyy-MM-dd}");
        await Steps.ShotAsync(province, "publicity-05-published");
        var visitor = await fixture.E2E.NewPageAsync(390, 844);
        await visitor.GotoAsync("/public/publicity");
        var listed = visitor.GetByTestId("publicity").GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(listed).ToContainTextAsync("苏州市");
        await Expect(listed).ToContainTextAsync("先进级");
        await Steps.ShotAsync(visitor, "publicity-06-public");
        await visitor.Context.CloseAsync();

        // Recognition waits for the end of the period: refused with the date, and the application stays where it was.
        await province.GotoAsync(application);
        await Expect(province.GetByTestId("publicity-pending")).ToContainTextAsync($"公示期至 {today.AddDays(4):yyyy-MM-dd}");
        await OfficialSteps.DecideAsync(province, "认定", "认定。", documentNo: "苏工信智能〔2026〕13号");
        await Expect(province.Locator(".problems[role=alert]")).ToContainTextAsync("公示期满后方可认定");
        await Expect(OfficialSteps.State(province)).ToHaveTextAsync("现场核查通过，待认定");
        await Steps.ShotAsync(province, "publicity-07-recognition-waits");
    }

    /// <summary>Applies as an enterprise does: the apply link, then the confirmation of what will be sent, then 确认申报.</summary>
    private static async Task ApplyAsync(IPage enterprise)
    {
        await enterprise.GetByRole(AriaRole.Link, new() { Name = "以该次提交申报省先进级" }).ClickAsync();
        await Expect(enterprise.GetByTestId("confirm-first")).ToHaveTextAsync("苏州市虎丘区 区县主管部门");
        await enterprise.GetByRole(AriaRole.Button, new() { Name = "确认申报" }).ClickAsync();
    }

    /// <summary>A new 虎丘区 enterprise, registered in its own browser context, with a submitted assessment at 先进级.</summary>
    private async Task<IPage> SubmittedAsync(string name, IReadOnlyDictionary<int, string>? overrides = null)
    {
        var page = await fixture.E2E.NewPageAsync();
        await Steps.RegisterAsync(page, name);
        await Steps.SubmitAdvancedAssessmentAsync(page, Path.Combine(fixture.E2E.App.Folder, "upload-" + Guid.NewGuid().ToString("N")), overrides);
        return page;
    }

    /// <summary>Submits a decision; the state moves on and the step just taken is no longer offered (no form at all once it has left the official).</summary>
    private static async Task Decide(IPage page, string action, string comment, string state, string screenshot, string? documentNo = null, bool choose = true)
    {
        await OfficialSteps.DecideAsync(page, choose ? action : null, comment, documentNo: documentNo);
        await Expect(OfficialSteps.State(page)).ToHaveTextAsync(state);
        await Expect(page.Locator(".problems")).ToHaveCountAsync(0);
        var form = OfficialSteps.DecisionForm(page);
        await Expect(form.GetByRole(AriaRole.Radio, new() { Name = action, Exact = true })).ToHaveCountAsync(0);
        if (state is "待设区市推荐" or "待省级初审" or "已认定" or "已退回")
        {
            await Expect(form).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("not-yours")).ToContainTextAsync(state is "已认定" or "已退回" ? $"该申报已办结：{state}。" : $"该申报当前为“{state}”，不在您的办理环节。");
        }
        await Steps.ShotAsync(page, screenshot);
    }
}
