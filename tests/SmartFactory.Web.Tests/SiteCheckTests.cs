using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using static SmartFactory.Web.Tests.OfficialIsolationTests;

namespace SmartFactory.Web.Tests;

/// <summary>现场核查 (decision 026): the expert pool, assignments with the conflict rule, the experts' record and what the province decides on.</summary>
public sealed class SiteCheckTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>An application of a 虎丘区 (苏州) enterprise in industry 38, at 先进级, 初审通过 and waiting for its site check.</summary>
    private (int Application, int Submission) Waiting(int n = 1, ApplicationState state = ApplicationState.PreliminaryPassed, Func<Scenario, bool>? notBuilt = null)
    {
        var enterprise = Seed.Enterprise(_app, n, Seed.HuqiuCounty, $"核查{n}智造有限公司", industry: "38");
        var submission = Seed.Submission(_app, enterprise, Tier.Advanced, evidence: s => $"场景 {s.No} 的建设说明", notBuilt: notBuilt);
        return (Seed.Application(_app, enterprise, state), submission);
    }

    /// <summary>
    /// Scenarios a 先进级 submission can leave unbuilt and still reach 先进级, greedily, so that it has no slack left: then
    /// one scenario found lower on site lowers its level.
    /// </summary>
    private HashSet<int> Slack()
    {
        var editions = _app.Services.GetRequiredService<EditionLibrary>();
        var probe = Seed.Submission(_app, Seed.Enterprise(_app, 99, Seed.XinwuCounty), Tier.Advanced);
        var submission = _app.Query(db => db.Assessments.Include(a => a.Ratings).Single(a => a.Id == probe));
        var (ruleSet, catalog) = (Drafts.RuleSetOf(submission, editions), editions.Catalog(submission.Edition)!);
        var assessment = Drafts.ToAssessment(submission, ruleSet);
        var ratings = assessment.Ratings.ToDictionary();
        var dropped = new HashSet<int>();
        foreach (var no in ratings.Keys.Order().ToList())
        {
            var kept = ratings[no];
            ratings[no] = new ScenarioRating(null, false);
            if (Grader.ReferenceLevel(assessment with { Ratings = ratings }, catalog, ruleSet) == Tier.Advanced)
            {
                dropped.Add(no);
            }
            else
            {
                ratings[no] = kept;
            }
        }
        return dropped;
    }

    private static Dictionary<string, string> Assignment(int expert, string? reason = null) =>
        reason is null ? new() { ["ExpertUserId"] = expert.ToString() } : new() { ["ExpertUserId"] = expert.ToString(), ["OverrideReason"] = reason };

    private static List<string> Rows(IHtmlDocument page, string table) => page.QuerySelectorAll($"[data-testid={table}] tbody tr").Select(Cells).ToList();

    private static string Cells(AngleSharp.Dom.IElement row) => string.Join(" ", row.Children.Select(td => td.TextContent.Trim()));

    private List<int> Scenarios(int submission) => _app.Query(db => db.Ratings.Where(r => r.AssessmentId == submission).OrderBy(r => r.ScenarioNo).Select(r => r.ScenarioNo).ToList());

    [Fact]
    public async Task TheProvinceCreatesAnExpertWhoSignsInToTheirOwnTasksAndNoOfficialsPage()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var created = await province.PostAsync("/Officials/Experts", null,
            [new("DisplayName", "王教授"), new("Login", "Wang@Seu.edu.cn"), new("CityCode", "320100"), new("Industries", "38"), new("Industries", "34"), new("Unit", "东南大学")]);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await Browser.ParseAsync(created);
        var link = page.QuerySelector("code.invitation")!.TextContent;
        Assert.Equal(["王教授 wang@seu.edu.cn 南京市 电气机械和器材制造业、通用设备制造业 东南大学 已邀请，待设置密码"], Rows(page, "pool"));
        var user = _app.Query(db => db.Users.Single(u => u.Login == "wang@seu.edu.cn"));
        Assert.Equal((Role.Expert, null, null), (user.Role, user.DivisionCode, user.EnterpriseId));
        Assert.Equal(("320100", "38,34"), _app.Query(db => db.ExpertProfiles.Where(p => p.UserId == user.Id).Select(p => new { p.CityCode, p.Industries }).AsEnumerable().Select(p => (p.CityCode, p.Industries)).Single()));
        Assert.Equal(1, _app.Query(db => db.AuditEvents.Count(e => e.Action == "expert.created")));

        SiteCheckBuilders.Expert(_app, Seed.Wuxi, "13", "无锡专家");
        Assert.Equal(["王教授"], (await province.GetAsync("/Officials/Experts?City=320100")).QuerySelectorAll("[data-testid=pool] tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal(["无锡专家"], (await province.GetAsync("/Officials/Experts?Industry=13")).QuerySelectorAll("[data-testid=pool] tbody tr td:first-child").Select(td => td.TextContent));
        Assert.Equal(2, (await province.GetAsync("/Officials/Experts")).QuerySelectorAll("[data-testid=pool] tbody tr").Length);

        var noIndustry = await Browser.ParseAsync(await province.PostAsync("/Officials/Experts", null, [new("DisplayName", "赵"), new("Login", "zhao@example.cn"), new("CityCode", "320100")]));
        Assert.Contains("请至少选择一个熟悉的行业。", Browser.Text(noIndustry));
        Assert.False(_app.Query(db => db.Users.Any(u => u.Login == "zhao@example.cn")));

        var expert = _app.Browser();
        var accepted = await expert.PostAsync(new Uri(link).PathAndQuery, null, new Dictionary<string, string> { ["Password"] = "Exp3rtPass2026", ["Confirm"] = "Exp3rtPass2026" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var signedIn = await Seed.SignInAsync(_app, "wang@seu.edu.cn", "Exp3rtPass2026");
        Assert.Equal("/Experts", (await signedIn.Client.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Contains("目前没有指派给您的现场核查任务。", Browser.Text(await signedIn.GetAsync("/Experts")));
        foreach (var url in new[] { "/Officials", "/Officials/Applications", "/Officials/Experts", "/Officials/Dashboard", "/Assessments" })
        {
            await Seed.AssertDeniedAsync(signedIn, url);
        }
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        await Seed.AssertDeniedAsync(city, "/Officials/Experts");
        await Seed.AssertDeniedAsync(province, "/Experts");
    }

    [Fact]
    public async Task AnExpertFromTheEnterprisesOwnCityNeedsTheProvincesReasonWhichIsShownWithTheAssignment()
    {
        var (id, _) = Waiting();
        var (_, wuxi) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi, "38", "无锡专家");
        var (_, suzhou) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Suzhou, "13", "苏州专家");
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var before = await province.GetAsync($"/Officials/Application/{id}");
        var options = before.QuerySelectorAll("select#ExpertUserId option").Select(o => o.TextContent).Where(t => t != "请选择").ToList();
        Assert.Equal(["无锡专家 · 无锡市 · 推荐：熟悉本行业", "苏州专家 · 苏州市 · 本市专家，需回避"], options);
        Assert.NotNull(before.QuerySelector("form[action$='handler=Assign'] input[name=__RequestVerificationToken]"));

        var other = await province.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Assign", Assignment(wuxi));
        Assert.Equal($"/Officials/Application/{id}#site-check", other.Headers.Location?.OriginalString);

        var refused = await province.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Assign", Assignment(suzhou, "  "));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("专家 苏州专家 来自企业所在的设区市，按回避规则不能指派；确需指派的，请填写指派理由。", Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(1, _app.Query(db => db.ExpertAssignments.Count()));

        var twice = await province.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Assign", Assignment(wuxi));
        Assert.Contains("专家 无锡专家 已指派到该申报，不能重复指派。", Browser.Text(await Browser.ParseAsync(twice)));

        var overridden = await province.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Assign", Assignment(suzhou, "该行业省内仅苏州有熟悉的专家。"));
        Assert.Equal(HttpStatusCode.Redirect, overridden.StatusCode);
        var page = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Equal(2, page.QuerySelectorAll("form[action$='handler=Remove'] input[name=__RequestVerificationToken]").Length);
        Assert.Equal(["无锡专家 无锡市 东南大学 — 移除", "苏州专家 苏州市 东南大学 本市专家，指派理由：该行业省内仅苏州有熟悉的专家。 移除"], Rows(page, "assigned"));
        Assert.Equal(["expert.assigned", "expert.assigned.override"], _app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("expert.assigned")).OrderBy(e => e.Id).Select(e => e.Action).ToList()));
        Assert.Contains("该行业省内仅苏州有熟悉的专家。", _app.Query(db => db.AuditEvents.Single(e => e.Action == "expert.assigned.override").Detail));

        // The city that recommended it sees who goes and why, but assigns no one.
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        var cityPage = await city.GetAsync($"/Officials/Application/{id}");
        Assert.Contains("本市专家，指派理由：该行业省内仅苏州有熟悉的专家。", string.Join("\n", Rows(cityPage, "assigned")));
        Assert.Null(cityPage.QuerySelector("select#ExpertUserId"));
        Assert.Equal(HttpStatusCode.NotFound, (await city.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Assign", Assignment(wuxi))).StatusCode);

        var assignment = _app.Query(db => db.ExpertAssignments.Single(a => a.ExpertUserId == suzhou).Id);
        var removed = await province.PostAsync($"/Officials/Application/{id}", $"/Officials/SiteCheck/{id}?handler=Remove", new Dictionary<string, string> { ["AssignmentId"] = assignment.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal([wuxi], _app.Query(db => db.ExpertAssignments.Select(a => a.ExpertUserId).ToList()));
        Assert.Equal(1, _app.Query(db => db.AuditEvents.Count(e => e.Action == "expert.unassigned")));

        var (early, _) = Waiting(2, ApplicationState.AtProvince);
        var tooEarly = await province.PostAsync($"/Officials/Application/{early}", $"/Officials/SiteCheck/{early}?handler=Assign", Assignment(wuxi));
        Assert.Contains("只有“初审通过，待现场核查”的申报可以指派专家。", Browser.Text(await Browser.ParseAsync(tooEarly)));
    }

    [Fact]
    public async Task AnExpertRecordsTheCheckWithAnAdjustedTierAndTheProvinceSeesTheRecomputedLevelAndReturnsIt()
    {
        var slack = Slack();
        var (id, submission) = Waiting(notBuilt: s => slack.Contains(s.No));
        var (expert, expertId) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi, name: "无锡专家");
        SiteCheckBuilders.Assign(_app, id, expertId);
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var (scenario, expected) = LoweringAdjustment(submission);

        var tasks = await expert.GetAsync("/Experts");
        Assert.Equal(["核查1智造有限公司 苏州市虎丘区 初审通过，待现场核查"], Rows(tasks, "tasks").Select(r => r[..r.IndexOf(" 20", StringComparison.Ordinal)]));
        var form = await expert.GetAsync($"/Experts/Check/{id}");
        Assert.Equal("先进级", form.QuerySelector("[data-testid=self-level]")!.TextContent);
        Assert.Contains($"场景 {scenario} 的建设说明", form.QuerySelector($"tr[data-scenario='{scenario}']")!.TextContent);

        var scenarios = Scenarios(submission);
        var noReason = await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(scenarios, new Dictionary<int, (int, string)> { [scenario] = (0, "") }));
        Assert.Contains("调整等级时必须填写理由。", Browser.Text(await Browser.ParseAsync(noReason)));
        var noReport = await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(scenarios), fileName: null);
        Assert.Contains("请上传现场核查报告（PDF 或 Office 文档）。", Browser.Text(await Browser.ParseAsync(noReport)));
        var image = await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(scenarios), "照片.png", [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4]);
        Assert.Contains("现场核查报告只能是 PDF 或 Office 文档", Browser.Text(await Browser.ParseAsync(image)));
        Assert.Equal(0, _app.Query(db => db.SiteChecks.Count() + db.CampaignFiles.Count()));

        var recorded = await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(scenarios, new Dictionary<int, (int, string)> { [scenario] = (0, "现场未见该场景的系统在运行。") }));

        Assert.Equal($"/Experts/Check/{id}", recorded.Headers.Location?.OriginalString);
        var mine = await expert.GetAsync($"/Experts/Check/{id}");
        Assert.Equal(Tiers.ReferenceLevelName(expected), mine.QuerySelector("[data-testid=confirmed-level]")!.TextContent);
        Assert.Equal("1", mine.QuerySelector("[data-testid=adjusted-count]")!.TextContent);
        Assert.EndsWith("先进级 调整为未建设 现场未见该场景的系统在运行。", Cells(mine.QuerySelector($"[data-testid=findings] tr[data-scenario='{scenario}']")!));
        Assert.Null(mine.QuerySelector("input[name=VisitedOn]"));
        Assert.Contains($"已提交，核定参考等级 {Tiers.ReferenceLevelName(expected)}", Browser.Text(await expert.GetAsync("/Experts")));
        Assert.Equal(1, _app.Query(db => db.AuditEvents.Count(e => e.Action == "sitecheck.recorded")));

        var page = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Equal("先进级", page.QuerySelector("[data-testid=self-level]")!.TextContent);
        Assert.Equal(Tiers.ReferenceLevelName(expected), page.QuerySelector("[data-testid=confirmed-level]")!.TextContent);
        Assert.Contains("王专家（东南大学）、李专家（南京理工大学）", page.QuerySelector("[data-testid=site-check-record]")!.TextContent);
        Assert.Contains("现场查看了生产线与系统运行情况。", page.QuerySelector("[data-testid=site-check-record]")!.TextContent);
        Assert.Contains("现场未见该场景的系统在运行。", page.QuerySelector($"[data-testid=findings] tr[data-scenario='{scenario}']")!.TextContent);
        Assert.Contains("低于申报的先进级，应退回该申报。", page.QuerySelector("[data-testid=site-check-warning]")!.TextContent);
        var reportLink = page.QuerySelector("[data-testid=report-link]")!.GetAttribute("href")!;
        var report = await province.Client.GetAsync(reportLink);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(SiteCheckBuilders.Report, await report.Content.ReadAsByteArrayAsync());
        Assert.Equal(SiteCheckBuilders.Report, await (await expert.Client.GetAsync($"/Experts/Check/{id}?handler=Report")).Content.ReadAsByteArrayAsync());

        var pass = await province.PostAsync($"/Officials/Application/{id}", null, Decision("PassSiteCheck", "通过。"));
        Assert.Contains("不能“现场核查通过”：按专家核定的场景等级重新计算", Browser.Text(await Browser.ParseAsync(pass)));
        Assert.Equal(ApplicationState.PreliminaryPassed, _app.Query(db => db.Applications.Single(a => a.Id == id).State));
        var returned = await province.PostAsync($"/Officials/Application/{id}", null, Decision("Return", "现场核查核定等级低于先进级。"));
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(ApplicationState.Returned, _app.Query(db => db.Applications.Single(a => a.Id == id).State));
    }

    /// <summary>A scenario built whose drop to 未建设 lowers the reference level, and that level, by the domain's grader.</summary>
    private (int Scenario, Tier? Level) LoweringAdjustment(int submissionId)
    {
        var editions = _app.Services.GetRequiredService<EditionLibrary>();
        var submission = _app.Query(db => db.Assessments.Include(a => a.Ratings).Single(a => a.Id == submissionId));
        var ruleSet = Drafts.RuleSetOf(submission, editions);
        var catalog = editions.Catalog(submission.Edition)!;
        var assessment = Drafts.ToAssessment(submission, ruleSet);
        foreach (var rating in submission.Ratings.Where(r => r.Level > 0).OrderBy(r => r.ScenarioNo))
        {
            var ratings = assessment.Ratings.ToDictionary(r => r.Key, r => r.Key == rating.ScenarioNo ? new ScenarioRating(null, false) : r.Value);
            var level = Grader.ReferenceLevel(assessment with { Ratings = ratings }, catalog, ruleSet);
            if (level < Tier.Advanced)
            {
                return (rating.ScenarioNo, level);
            }
        }
        throw new InvalidOperationException("no single scenario lowers the level: the test needs another submission");
    }

    [Fact]
    public async Task APassingCheckLetsTheProvincePassItAndWithoutOneItIsRefused()
    {
        var (id, submission) = Waiting();
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var refused = await province.PostAsync($"/Officials/Application/{id}", null, Decision("PassSiteCheck", "通过。"));
        Assert.Contains("该申报尚未记录现场核查结果，不能“现场核查通过”", Browser.Text(await Browser.ParseAsync(refused)));
        Assert.Equal(ApplicationState.PreliminaryPassed, _app.Query(db => db.Applications.Single(a => a.Id == id).State));

        var (expert, expertId) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi);
        SiteCheckBuilders.Assign(_app, id, expertId);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(Scenarios(submission)))).StatusCode);
        var page = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Equal("先进级", page.QuerySelector("[data-testid=confirmed-level]")!.TextContent);
        Assert.Null(page.QuerySelector("[data-testid=site-check-warning]"));

        var passed = await province.PostAsync($"/Officials/Application/{id}", null, Decision("PassSiteCheck", "通过。"));
        Assert.Equal(HttpStatusCode.Redirect, passed.StatusCode);
        Assert.Equal(ApplicationState.SiteChecked, _app.Query(db => db.Applications.Single(a => a.Id == id).State));
        var again = await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(Scenarios(submission)));
        Assert.Contains("该申报的现场核查记录已提交，不能再修改。", Browser.Text(await Browser.ParseAsync(again)));
        Assert.Equal(1, _app.Query(db => db.SiteChecks.Count()));
    }

    [Fact]
    public async Task AFailedCheckIsShownAsSuchAndCannotBePassed()
    {
        var (id, submission) = Waiting();
        var (expert, expertId) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi);
        SiteCheckBuilders.Assign(_app, id, expertId);
        Assert.Equal(HttpStatusCode.Redirect, (await SiteCheckBuilders.RecordAsync(expert, id, SiteCheckBuilders.Form(Scenarios(submission), passed: false))).StatusCode);
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        var page = await province.GetAsync($"/Officials/Application/{id}");
        Assert.Equal("不通过", page.QuerySelector("[data-testid=site-check-passed]")!.TextContent);
        Assert.Equal("专家现场核查结论为“不通过”，应退回该申报。", page.QuerySelector("[data-testid=site-check-warning]")!.TextContent);
        var pass = await province.PostAsync($"/Officials/Application/{id}", null, Decision("PassSiteCheck", "通过。"));
        Assert.Contains("不能“现场核查通过”：专家现场核查结论为“不通过”，应退回该申报。", Browser.Text(await Browser.ParseAsync(pass)));
    }

    [Fact]
    public async Task AnUnassignedExpertAndTheCityGetNotFoundForTheApplicationItsFilesAndItsReport()
    {
        var (id, submission) = Waiting();
        var (assigned, assignedId) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi);
        SiteCheckBuilders.Assign(_app, id, assignedId);
        var file = _app.Query(db =>
        {
            var f = new EvidenceFile
            {
                AssessmentId = submission, ScenarioNo = db.Ratings.Where(r => r.AssessmentId == submission).Min(r => r.ScenarioNo), Purpose = EvidencePurposes.Scenario,
                FileName = "产线照片.pdf", ContentType = "application/pdf", Size = Builders.Pdf.Length, StoredName = "x.pdf", Sha256 = "00", UploadedAt = DateTime.UtcNow,
                Content = new EvidenceContent { Bytes = Builders.Pdf },
            };
            db.EvidenceFiles.Add(f);
            db.SaveChanges();
            return f.Id;
        });
        Assert.Equal(HttpStatusCode.Redirect, (await SiteCheckBuilders.RecordAsync(assigned, id, SiteCheckBuilders.Form(Scenarios(submission)))).StatusCode);
        var evidence = await assigned.Client.GetAsync($"/Experts/Check/{id}?handler=File&fileId={file}");
        Assert.Equal(Builders.Pdf, await evidence.Content.ReadAsByteArrayAsync());

        var (stranger, _) = await SiteCheckBuilders.ExpertAsync(_app, Seed.Wuxi);
        foreach (var url in new[] { $"/Experts/Check/{id}", $"/Experts/Check/{id}?handler=Report", $"/Experts/Check/{id}?handler=File&fileId={file}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync(url)).StatusCode);
        }
        Assert.Contains("目前没有指派给您的现场核查任务。", Browser.Text(await stranger.GetAsync("/Experts")));
        var (other, _) = Waiting(2);
        Assert.Equal(HttpStatusCode.NotFound, (await assigned.Client.GetAsync($"/Experts/Check/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assigned.Client.GetAsync($"/Experts/Check/{id}?handler=File&fileId={file + 1000}")).StatusCode);

        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        Assert.Equal(HttpStatusCode.NotFound, (await city.Client.GetAsync($"/Officials/SiteCheck/{id}?handler=Report")).StatusCode);
        Assert.Null((await city.GetAsync($"/Officials/Application/{id}")).QuerySelector("[data-testid=report-link]"));
        var outside = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Wuxi);
        Assert.Equal(HttpStatusCode.NotFound, (await outside.Client.GetAsync($"/Officials/SiteCheck/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TwoExpertsRecordingAtOnceLeaveOneRecord(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var enterprise = Seed.Enterprise(app, 1, Seed.HuqiuCounty);
        var submission = Seed.Submission(app, enterprise, Tier.Advanced);
        var id = Seed.Application(app, enterprise, ApplicationState.PreliminaryPassed);
        var (first, firstId) = await SiteCheckBuilders.ExpertAsync(app, Seed.Wuxi);
        var (second, secondId) = await SiteCheckBuilders.ExpertAsync(app, Seed.Wuxi);
        SiteCheckBuilders.Assign(app, id, firstId);
        SiteCheckBuilders.Assign(app, id, secondId);
        var scenarios = app.Query(db => db.Ratings.Where(r => r.AssessmentId == submission).Select(r => r.ScenarioNo).ToList());

        var answers = await Task.WhenAll(SiteCheckBuilders.RecordAsync(first, id, SiteCheckBuilders.Form(scenarios)), SiteCheckBuilders.RecordAsync(second, id, SiteCheckBuilders.Form(scenarios)));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        var loser = answers.Single(a => a.StatusCode != HttpStatusCode.Redirect);
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        Assert.Contains("该申报的现场核查记录已", Browser.Text(await Browser.ParseAsync(loser)));
        Assert.Equal((1, 1), app.Query(db => (db.SiteChecks.Count(), db.CampaignFiles.Count())));
    }
}
