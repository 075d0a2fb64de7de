using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.CampaignUsers;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 13 part 2: officials in scope open every evidence file of a submission, audited; nobody else does (decision 025).</summary>
public sealed class EvidenceReviewTests
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private sealed record World(int Enterprise, int Submission, int Application, int Pdf, int Docx, int Png);

    private static World Build(AppFactory app)
    {
        var enterprise = Seed.Enterprise(app, 1, Seed.HuqiuCounty, "甲智造有限公司");
        var submission = Seed.Submission(app, enterprise, Tier.Advanced, evidence: s => $"场景{s.No}的建设说明");
        var application = Seed.Application(app, enterprise);
        return new World(enterprise, submission, application,
            EvidenceFile(app, submission, "评估报告.pdf", "application/pdf", Builders.Pdf, purpose: "dt"),
            EvidenceFile(app, submission, "设备清单.docx", DocxType, Docx, scenarioNo: 1),
            EvidenceFile(app, submission, "车间照片.png", "image/png", Png, scenarioNo: 1));
    }

    [Theory]
    [InlineData("Sqlite", Role.CountyOfficial, Seed.HuqiuCounty)]
    [InlineData("Postgres", Role.CityOfficial, Seed.Suzhou)]
    [InlineData("Sqlite", Role.ProvinceOfficial, "320000")]
    public async Task AnOfficialInScopeOpensAPdfInlineAndDownloadsADocxAndEachIsAudited(string provider, Role role, string division)
    {
        using var app = new AppFactory { Provider = provider };
        var w = Build(app);
        var official = await SignedInAsync(app, role, division: division);

        var pdf = await official.Client.GetAsync($"/Officials/Files/{w.Pdf}");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("评估报告.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal(Builders.Pdf, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("nosniff", pdf.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", pdf.Headers.GetValues("X-Frame-Options").Single());

        var docx = await official.Client.GetAsync($"/Officials/Files/{w.Docx}");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(DocxType, docx.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", docx.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Docx, await docx.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", docx.Headers.GetValues("Content-Security-Policy").Single());

        var png = await official.Client.GetAsync($"/Officials/Files/{w.Png}");
        Assert.Equal("inline", png.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("sandbox", png.Headers.GetValues("Content-Security-Policy").Single());

        var events = app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("evidence.")).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.Detail, e.EnterpriseId, User = db.Users.Single(u => u.Id == e.UserId).Role }).ToList());
        Assert.Equal(["evidence.viewed", "evidence.downloaded", "evidence.viewed"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal((w.Enterprise, role), (e.EnterpriseId!.Value, e.User)));
        Assert.Equal($"file {w.Pdf} “评估报告.pdf” · assessment {w.Submission} · application {w.Application}", events[0].Detail);
        Assert.Contains("设备清单.docx", events[1].Detail);
    }

    [Theory]
    [InlineData(Role.CountyOfficial, Seed.XinwuCounty)]
    [InlineData(Role.CountyOfficial, Seed.KunshanCounty)]
    [InlineData(Role.CityOfficial, Seed.Wuxi)]
    public async Task AnOfficialOfAnotherCountyOrCityGetsNotFoundAndNothingIsAudited(Role role, string division)
    {
        using var app = new AppFactory();
        var w = Build(app);
        var official = await SignedInAsync(app, role, division: division);

        foreach (var id in new[] { w.Pdf, w.Docx, w.Png })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await official.Client.GetAsync($"/Officials/Files/{id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await official.Client.GetAsync($"/Officials/Application/{w.Application}")).StatusCode);
        Assert.False(app.Query(db => db.AuditEvents.Any(e => e.Action.StartsWith("evidence."))));
    }

    [Fact]
    public async Task ADraftsFileIsNotShownToTheCountyEvenInScope()
    {
        using var app = new AppFactory();
        var enterprise = Seed.Enterprise(app, 1, Seed.HuqiuCounty);
        var draftFile = EvidenceFile(app, Seed.Draft(app, enterprise), "草稿材料.pdf", "application/pdf", Builders.Pdf, purpose: "dt");
        var county = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);

        Assert.Equal(HttpStatusCode.NotFound, (await county.Client.GetAsync($"/Officials/Files/{draftFile}")).StatusCode);
    }

    [Fact]
    public async Task EnterprisesAdministratorsExpertsAndProvidersWithoutAGrantCannotOpenTheFile()
    {
        using var app = new AppFactory();
        var w = Build(app);
        var other = Seed.Enterprise(app, 2, Seed.XinwuCounty, "乙精工有限公司");
        var own = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: w.Enterprise);
        var otherAdmin = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: other);

        // The enterprise opens its own file on its own route, and no other enterprise's, on either route.
        Assert.Equal(Builders.Pdf, await (await own.Client.GetAsync($"/files/{w.Pdf}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.Client.GetAsync($"/files/{w.Pdf}")).StatusCode);
        await Seed.AssertDeniedAsync(otherAdmin, $"/Officials/Files/{w.Pdf}");
        await Seed.AssertDeniedAsync(own, $"/Officials/Files/{w.Pdf}");

        foreach (var role in Roles.Administrators.Append(Role.Expert).Append(Role.ServiceProvider))
        {
            var user = await SignedInAsync(app, role);
            await Seed.AssertDeniedAsync(user, $"/Officials/Files/{w.Pdf}");
            Assert.NotEqual(HttpStatusCode.OK, (await user.Client.GetAsync($"/files/{w.Pdf}")).StatusCode);
        }
        Assert.False(app.Query(db => db.AuditEvents.Any(e => e.Action.StartsWith("evidence."))));
    }

    [Fact]
    public async Task TheApplicationAndSubmissionPagesListEveryFileWithTierTextAndPreview()
    {
        using var app = new AppFactory();
        var w = Build(app);
        var county = await SignedInAsync(app, Role.CountyOfficial, division: Seed.HuqiuCounty);

        foreach (var url in new[] { $"/Officials/Application/{w.Application}", $"/Officials/Submission/{w.Submission}" })
        {
            var page = await county.GetAsync(url);
            var section = page.QuerySelector("section.evidence")!;
            Assert.Contains("共 3 个文件", section.TextContent);
            var scenario = section.QuerySelector("#evidence-1")!;
            Assert.Contains("自评等级：", scenario.QuerySelector("h4")!.TextContent);
            Assert.Contains("场景1的建设说明", scenario.TextContent);
            var links = section.QuerySelectorAll("a[data-file]").ToDictionary(a => a.GetAttribute("data-file")!, a => (a.TextContent, a.GetAttribute("href"), a.GetAttribute("target")));
            Assert.Equal(("查看", $"/Officials/Files/{w.Pdf}", "_blank"), links[w.Pdf.ToString()]);
            Assert.Equal(("下载", $"/Officials/Files/{w.Docx}", null), links[w.Docx.ToString()]);
            Assert.Equal($"/Officials/Files/{w.Png}", section.QuerySelector("img.evidence-preview")!.GetAttribute("src"));
            var row = section.QuerySelectorAll("tr").First(r => r.TextContent.Contains("设备清单.docx"));
            Assert.Contains("Word", row.TextContent);
            Assert.Contains("1 KB", row.TextContent);
        }
    }

    [Fact]
    public async Task TheEnterpriseResultPageListsItsFilesWithLinksToItsOwnRoute()
    {
        using var app = new AppFactory();
        var w = Build(app);
        var own = await SignedInAsync(app, Role.EnterpriseAdmin, enterprise: w.Enterprise);

        var section = (await own.GetAsync($"/Assessments/Result/{w.Submission}")).QuerySelector("section.evidence")!;
        Assert.Equal([$"/files/{w.Pdf}", $"/files/{w.Docx}", $"/files/{w.Png}"],
            section.QuerySelectorAll("a[data-file]").Select(a => a.GetAttribute("href")!).OrderBy(h => int.Parse(h.Split('/')[^1])));
        Assert.Null(section.QuerySelector("img"));
        Assert.Contains("车间照片.png", section.TextContent);
    }
}
