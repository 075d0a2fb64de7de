using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

public sealed class AssessmentTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task ShowsTheRecommendedTierAsSoonAsTheDtScoreIsIn()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var saved = await Json(await Builders.SaveBasicsAsync(browser, dtScore: "81.5"));

        Assert.Equal("卓越级", saved.GetProperty("recommendedTier").GetString());
        var stage = await browser.GetAsync("/Assessments/Stage/4");
        Assert.All(stage.QuerySelectorAll(".tier.recommended"), e => Assert.Contains("卓越级", e.TextContent));
        Assert.Equal(12, stage.QuerySelectorAll(".tier.recommended").Length);
    }

    [Fact]
    public async Task SavesEachRatingAsItIsMadeWithItsEvidence()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var catalog = Builders.Catalog(_app);

        var response = await Builders.RateAsync(browser, catalog, 20, "advanced", ai: true, evidence: "换产时间缩短 40%");

        var body = await Json(response);
        Assert.True(body.GetProperty("saved").GetBoolean());
        Assert.Equal(1, body.GetProperty("rated").GetInt32());
        var page = await browser.GetAsync("/Assessments/Stage/5");
        Assert.NotNull(page.QuerySelector("#s20-advanced[checked]"));
        Assert.Equal("换产时间缩短 40%", page.QuerySelector("#ev-20")!.TextContent);
        Assert.Contains("生产作业 1 / 10", System.Text.RegularExpressions.Regex.Replace(Browser.Text(await browser.GetAsync("/Assessments")), @"\s+", " "));
    }

    [Theory]
    [InlineData(1, "basic", "没有定义")]
    [InlineData(19, "advanced", "没有定义")]
    [InlineData(8, "superb", "请为场景 8")]
    [InlineData(8, "none", "不能标记为应用人工智能")]
    public async Task RefusesABadRatingAndKeepsTheSavedOne(int no, string level, string message)
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var catalog = Builders.Catalog(_app);
        await Builders.RateAsync(browser, catalog, no, catalog.Find(no)!.IsDefined(Domain.Tier.Excellent) ? "excellent" : "none", evidence: "原有说明");

        var response = await Builders.RateAsync(browser, catalog, no, level, ai: level == "none", evidence: "新说明");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Json(response)).GetProperty("message").GetString());
        var rating = _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == no));
        Assert.Equal(4, rating.Level);
        Assert.Equal("原有说明", rating.Evidence);
    }

    [Fact]
    public async Task ShowsUndefinedTiersAsNotSelectable()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var page = await browser.GetAsync("/Assessments/Stage/1");

        Assert.Null(page.QuerySelector("#s1-workshop"));
        Assert.Null(page.QuerySelector("#s1-basic"));
        Assert.NotNull(page.QuerySelector("#s1-advanced"));
        Assert.Contains("未定义", page.QuerySelector("#s-1 .tier.undefined")!.TextContent);
    }

    [Fact]
    public async Task RefusesOutOfRangeBasicsInChineseAndKeepsThePreviousValues()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.SaveBasicsAsync(browser, dtScore: "66");

        var tooHigh = await Builders.SaveBasicsAsync(browser, dtScore: "120");
        var notNumber = await Builders.SaveBasicsAsync(browser, dtScore: "七十");

        Assert.Equal(HttpStatusCode.BadRequest, tooHigh.StatusCode);
        Assert.Contains("0–100", (await Json(tooHigh)).GetProperty("message").GetString());
        Assert.Contains("不是有效的", (await Json(notNumber)).GetProperty("message").GetString());
        Assert.Equal(66m, _app.Query(db => db.Assessments.Single().DtScore));
    }

    [Fact]
    public async Task WorksWithoutScriptThroughPlainFormPosts()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var response = await browser.PostAsync("/Assessments/Stage/4", "/Assessments/Stage/4?handler=Rate", new Dictionary<string, string> { ["no"] = "9", ["level"] = "workshop" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Assessments/Stage/4#s-9", response.Headers.Location!.OriginalString);
        Assert.Equal(1, _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == 9).Level));
    }

    [Fact]
    public async Task StoresEvidenceFilesInTheDatabaseOutsideTheWebRootAndRefusesDisguisedOnes()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var good = await Builders.UploadDtEvidenceAsync(browser);
        var exe = await Builders.UploadDtEvidenceAsync(browser, "tool.exe", [0x4D, 0x5A, 0, 0]);
        var fake = await Builders.UploadDtEvidenceAsync(browser, "fake.pdf", "not a pdf at all"u8.ToArray());
        var big = await Builders.UploadDtEvidenceAsync(browser, "big.pdf", [.. Builders.Pdf, .. new byte[70_000]]);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("只能上传", (await Json(exe)).GetProperty("message").GetString());
        Assert.Contains("不符", (await Json(fake)).GetProperty("message").GetString());
        Assert.Contains("过大", (await Json(big)).GetProperty("message").GetString());
        var file = _app.Query(db => db.EvidenceFiles.Single());
        Assert.Equal(Builders.Pdf, _app.Query(db => db.EvidenceContents.Single(c => c.EvidenceFileId == file.Id).Bytes));
        var download = await browser.Client.GetAsync($"/files/{file.Id}");
        Assert.Equal(Builders.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/{file.StoredName}")).StatusCode);
    }

    [Fact]
    public async Task AnEvidenceFileListedWithoutItsContentAnswersNotFoundAndIsLogged()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        var file = _app.Query(db => db.EvidenceFiles.Single());
        _app.Query(db => db.EvidenceContents.Where(c => c.EvidenceFileId == file.Id).ExecuteDelete());

        var download = await browser.Client.GetAsync($"/files/{file.Id}");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Contains(_app.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains(file.StoredName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordsWhoChangedWhat()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.RateAsync(browser, Builders.Catalog(_app), 8, "basic");

        var userId = _app.Query(db => db.Users.Single().Id);
        var rating = _app.Query(db => db.Ratings.Single());
        Assert.Equal(userId, rating.UpdatedBy);
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));
        Assert.Contains(_app.Query(db => db.AuditEvents.Select(e => e.Action).ToList()), a => a == "assessment.started");
    }
}
