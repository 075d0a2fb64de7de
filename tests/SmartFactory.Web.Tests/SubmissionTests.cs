using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

public sealed class SubmissionTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RefusesAnIncompleteSubmissionAndSaysWhatIsMissing()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.RateAsync(browser, Builders.Catalog(_app), 8, "basic");

        var page = await browser.GetAsync("/Assessments/Submit");
        var response = await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());

        Assert.NotNull(page.QuerySelector("button[type=submit][disabled]"));
        var text = Browser.Text(await Browser.ParseAsync(response));
        Assert.Contains("尚未填写完整", text);
        Assert.Contains("数字化转型评估得分未填写", text);
        Assert.Contains("还有 39 个场景未评价", text);
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));
    }

    [Fact]
    public async Task RefusesASubmissionWithoutThePledge()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));

        var response = await browser.PostAsync("/Assessments/Submit", null, new Dictionary<string, string> { ["Pledge.Signatory"] = "李四" });

        var text = Browser.Text(await Browser.ParseAsync(response));
        Assert.Contains("请填写承诺人职务", text);
        Assert.Contains("请勾选同意真实性承诺", text);
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));
    }

    [Fact]
    public async Task RefusesAPledgeWhoseAgreementIsNotYesOrNoAndShowsTheFormAgain()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));
        var pledge = Builders.Pledge();
        pledge["Pledge.Agree"] = "banana";

        var response = await browser.PostAsync("/Assessments/Submit", null, pledge);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请勾选同意真实性承诺", Browser.Text(await Browser.ParseAsync(response)));
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));
    }

    [Fact]
    public async Task SubmitsAFrozenSnapshotAndShowsTheResult()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));

        var response = await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var result = await browser.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("先进级", result.QuerySelector("[data-testid=reference-level]")!.TextContent.Trim());
        var text = Browser.Text(result);
        Assert.Contains("升级到卓越级的路径", text);
        Assert.Contains("规则集 JS-2026 版本 2026.1", text);
        Assert.Contains("李四", text);
        Assert.NotNull(result.QuerySelector("svg.radar"));
        Assert.NotEmpty(result.QuerySelectorAll("ul.plan a[href^='#s-']"));
        var saved = _app.Query(db => db.Assessments.Include(a => a.Result).Single());
        Assert.Equal(AssessmentStatus.Submitted, saved.Status);
        Assert.Equal(3, saved.ReferenceLevel);
        Assert.Contains("\"referenceLevel\": \"advanced\"", saved.Result!.Json);
        Assert.Contains("\"dtScore\":75", saved.SnapshotJson);
    }

    [Fact]
    public async Task NeverEditsASubmittedAssessmentAndStartsTheNextRoundFromIt()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var catalog = Builders.Catalog(_app);
        await Builders.CompleteAtAdvancedAsync(browser, catalog);
        await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        var before = _app.Query(db => db.Assessments.Include(a => a.Result).Single());

        var stage = catalog.StageIndex(catalog.Find(8)!.Stage) + 1;
        var change = await browser.PostAsync("/Assessments", $"/Assessments/Stage/{stage}?handler=Rate", new Dictionary<string, string> { ["no"] = "8", ["level"] = "leading" }, json: true);

        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        var after = _app.Query(db => db.Assessments.Include(a => a.Result).Single(a => a.Id == before.Id));
        Assert.Equal(before.Result!.Json, after.Result!.Json);
        Assert.Equal(3, _app.Query(db => db.Ratings.Single(r => r.AssessmentId == before.Id && r.ScenarioNo == 8).Level));
        await browser.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", []);
        (await Builders.RateAsync(browser, catalog, 8, "leading")).EnsureSuccessStatusCode();
        var draft = _app.Query(db => db.Assessments.Single(a => a.Status == AssessmentStatus.Draft));
        Assert.Equal(40, _app.Query(db => db.Ratings.Count(r => r.AssessmentId == draft.Id)));
        Assert.Equal(5, _app.Query(db => db.Ratings.Single(r => r.AssessmentId == draft.Id && r.ScenarioNo == 8).Level));
        var history = Browser.Text(await browser.GetAsync("/Assessments/History"));
        Assert.Contains("已提交", history);
        Assert.Contains("草稿", history);
    }
}
