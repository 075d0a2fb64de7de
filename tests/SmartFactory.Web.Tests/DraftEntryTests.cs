using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 14 part 1 (decision 029): what is typed or uploaded on the enterprise's draft pages is never lost.</summary>
public sealed class DraftEntryTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>What the autosave sends for one field: the whole form, naming the field that changed.</summary>
    private static Task<HttpResponseMessage> SaveFieldAsync(Browser browser, string field, params (string Name, string Value)[] form) =>
        browser.PostAsync("/Assessments", "/Assessments?handler=Basics",
            form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("field", field)), json: true);

    private static (string, string)[] Typed(string cmmmScore) =>
    [
        ("Input.DtScore", "72"), ("Input.CmmmLevel", "2"), ("Input.CmmmScore", cmmmScore),
        ("Input.CmmmSource", "江苏省智能制造诊断服务中心"), ("Input.Attested", Seed.BasicRequirements.Keys.First()), ("Input.BasicEvidence", "安全生产许可证在有效期内"),
    ];

    [Fact]
    public async Task ARefusedBasicsFieldHoldsBackNoOtherFieldAndIsNamedInTheAnswer()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var form = Typed("65");

        var refused = await SaveFieldAsync(browser, "Input.CmmmScore", form);
        var source = await SaveFieldAsync(browser, "Input.CmmmSource", form);
        var attested = await SaveFieldAsync(browser, "Input.Attested", form);
        var evidence = await SaveFieldAsync(browser, "Input.BasicEvidence", form);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = Assert.Single((await Json(refused)).GetProperty("problems").EnumerateArray());
        Assert.Equal("Input.CmmmScore", problem.GetProperty("field").GetString());
        Assert.Contains("成熟度得分", problem.GetProperty("message").GetString());
        Assert.All([source, attested, evidence], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Null(draft.CmmmScore);
        Assert.Null(draft.DtScore); // only the fields named were saved
        Assert.Equal("江苏省智能制造诊断服务中心", draft.CmmmSource);
        Assert.Equal(Seed.BasicRequirements.Keys.First(), draft.BasicRequirements);
        Assert.Equal("安全生产许可证在有效期内", draft.BasicEvidence);
        var page = await browser.GetAsync("/Assessments");
        Assert.Equal("江苏省智能制造诊断服务中心", page.QuerySelector("#Input_CmmmSource")!.GetAttribute("value"));
    }

    [Fact]
    public async Task WithoutScriptTheFormIsOneSaveShownAgainWithEveryValueAndTheRefusalBesideItsField()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var response = await browser.PostAsync("/Assessments", "/Assessments?handler=Basics", Typed("65").Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Equal("智能制造能力成熟度得分应在 0–5 之间，实际为 65。", page.QuerySelector("[data-valmsg-for='Input.CmmmScore']")!.TextContent.Trim());
        Assert.Equal("65", page.QuerySelector("#Input_CmmmScore")!.GetAttribute("value"));
        Assert.Equal("江苏省智能制造诊断服务中心", page.QuerySelector("#Input_CmmmSource")!.GetAttribute("value"));
        Assert.Null(_app.Query(db => db.Assessments.Single().CmmmSource));
    }

    [Fact]
    public async Task AnUnknownFieldIsRefused()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var response = await SaveFieldAsync(browser, "Input.Status", ("Input.Status", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("未知的字段。", (await Json(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task AFileOfTheDraftCanBeDeletedWithItsBytes()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var uploaded = await Json(await Builders.UploadDtEvidenceAsync(browser, "评估报告.pdf"));
        var id = uploaded.GetProperty("file").GetProperty("id").GetInt32();
        Assert.Equal("评估报告.pdf", uploaded.GetProperty("file").GetProperty("name").GetString());
        Assert.NotNull((await browser.GetAsync("/Assessments")).QuerySelector($"[data-file-id='{id}'] button[aria-describedby='draft-file-{id}']"));

        var deleted = await browser.PostAsync("/Assessments", $"/Assessments?handler=DeleteFile&id={id}", [], json: true);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(0, _app.Query(db => db.EvidenceFiles.Count() + db.EvidenceContents.Count()));
        Assert.DoesNotContain("评估报告.pdf", Browser.Text(await browser.GetAsync("/Assessments")));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/files/{id}")).StatusCode);
    }

    [Fact]
    public async Task AfterSubmittingTheOverviewSaysSoAndTheNextRoundStartsOnlyWhenAskedWithTheFilesCarriedAsReferences()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var catalog = Builders.Catalog(_app);
        await Builders.CompleteAtAdvancedAsync(browser, catalog);
        var scenarioFile = await browser.PostFileAsync("/Assessments/Stage/5", "/Assessments/Stage/5?handler=Upload", new() { ["no"] = "20" }, "换产记录.pdf", Builders.Pdf);
        Assert.Equal(HttpStatusCode.OK, scenarioFile.StatusCode);
        var submitted = await ReportBuilders.SubmitAsync(browser);
        var result = Browser.Text(await browser.GetAsync($"/Assessments/Result/{submitted}"));
        Assert.Contains("报告.pdf", result);
        Assert.Contains("换产记录.pdf", result);

        var overview = await browser.GetAsync("/Assessments");

        var state = overview.QuerySelector("[data-testid=submitted]")!;
        Assert.Contains("年度自评估，参考等级：先进级", state.TextContent);
        Assert.Matches(@"已于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）提交", state.TextContent);
        Assert.Equal($"/Assessments/Result/{submitted}", state.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal(0, _app.Query(db => db.Assessments.Count(a => a.Status == AssessmentStatus.Draft)));
        Assert.Equal("/Assessments", (await browser.Client.GetAsync("/Assessments/Stage/1")).Headers.Location?.OriginalString);
        var stage = catalog.StageIndex(catalog.Find(8)!.Stage) + 1;
        var stale = await browser.PostAsync("/Assessments", $"/Assessments/Stage/{stage}?handler=Rate", new Dictionary<string, string> { ["no"] = "8", ["level"] = "leading" }, json: true);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("已提交", (await Json(stale)).GetProperty("message").GetString());
        Assert.Equal(0, _app.Query(db => db.Assessments.Count(a => a.Status == AssessmentStatus.Draft)));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", [])).StatusCode);

        var files = _app.Query(db => db.EvidenceFiles.AsNoTracking().OrderBy(f => f.Id).ToList());
        var draftId = _app.Query(db => db.Assessments.Single(a => a.Status == AssessmentStatus.Draft).Id);
        var carried = files.Where(f => f.AssessmentId == draftId).ToList();
        Assert.Equal(["报告.pdf", "换产记录.pdf"], carried.Select(f => f.FileName).Order());
        Assert.Equal(20, carried.Single(f => f.FileName == "换产记录.pdf").ScenarioNo);
        Assert.All(carried, f => Assert.Contains(files, o => o.Id == f.ContentFileId && o.AssessmentId == submitted));
        Assert.Equal(2, _app.Query(db => db.EvidenceContents.Count())); // shared, not copied
        var download = await browser.Client.GetAsync($"/files/{carried[0].Id}");
        Assert.Equal(Builders.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain("数字化转型评估的证明材料未上传", Browser.Text(await browser.GetAsync("/Assessments/Submit")));
    }

    [Fact]
    public async Task AFileOfTheSubmissionCannotBeDeletedAndDeletingItsCarriedCopyLeavesTheSubmissionWhole()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(_app));
        var submitted = await ReportBuilders.SubmitAsync(browser);
        var original = _app.Query(db => db.EvidenceFiles.Single().Id);
        await browser.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", []);
        var copy = _app.Query(db => db.EvidenceFiles.Single(f => f.Id != original).Id);

        var refused = await browser.PostAsync("/Assessments", $"/Assessments?handler=DeleteFile&id={original}", [], json: true);
        var deleted = await browser.PostAsync("/Assessments", $"/Assessments?handler=DeleteFile&id={copy}", [], json: true);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("已提交的自评估的材料不能删除", (await Json(refused)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal([original], _app.Query(db => db.EvidenceFiles.Select(f => f.Id).ToList()));
        Assert.Equal(1, _app.Query(db => db.EvidenceContents.Count()));
        Assert.Contains("报告.pdf", Browser.Text(await browser.GetAsync($"/Assessments/Result/{submitted}")));
        Assert.Equal(Builders.Pdf, await (await browser.Client.GetAsync($"/files/{original}")).Content.ReadAsByteArrayAsync());
        Assert.Contains("数字化转型评估的证明材料未上传", Browser.Text(await browser.GetAsync("/Assessments/Submit")));
    }

    [Fact]
    public async Task TheWholeTierCardIsTheLabelOfItsRadioNamedByTheTier()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var page = await browser.GetAsync("/Assessments/Stage/1");

        var radio = page.QuerySelector("#s1-advanced")!;
        var card = radio.Closest("label.tier")!;
        Assert.NotNull(card.QuerySelector(".tier-text"));
        Assert.Equal("先进级", page.GetElementById(radio.GetAttribute("aria-labelledby")!)!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".tier.undefined input"));
    }
}
