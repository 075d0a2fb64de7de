using System.Net;
using System.Text.Json;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Issue 15 part 2 (decision 038): on the enterprise's draft, an issued DT score or CMMM level is shown with its origin and cannot be changed.</summary>
public sealed class IssuedDraftTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private const string Flagship = "江苏省数字化转型服务旗舰店";

    /// <summary>What an import does: the result becomes current (the earlier one superseded) and the open drafts take it.</summary>
    private void Issue(string code, IssuedKind kind, decimal? score, int? level, string reference) => _app.Query(db =>
    {
        var now = DateTime.UtcNow;
        foreach (var old in db.IssuedResults.Where(r => r.CreditCode == code && r.Kind == kind && r.SupersededAt == null))
        {
            old.SupersededAt = now;
        }
        db.SaveChanges();
        db.IssuedResults.Add(new IssuedResult
        {
            Kind = kind, CreditCode = code, Score = score, Level = level, IssuedOn = new DateOnly(2026, 10, 15),
            Issuer = kind == IssuedKind.Dt ? Flagship : "国家智能制造能力成熟度评估平台", Reference = reference, ImportedAt = now, ImportedBy = 1,
        });
        db.SaveChanges();
        IssuedValues.ApplyToDraftsAsync(db, [code]).GetAwaiter().GetResult();
        return db.SaveChanges();
    });

    private static Task<HttpResponseMessage> SaveFieldAsync(Browser browser, string field, string value) =>
        browser.PostAsync("/Assessments", "/Assessments?handler=Basics", [new(field, value), new("field", field)], json: true);

    [Fact]
    public async Task AnIssuedScoreReplacesTheTypedOneIsShownWithItsOriginAndCannotBeChanged()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        Assert.Equal(HttpStatusCode.OK, (await SaveFieldAsync(browser, "Input.DtScore", "75")).StatusCode);
        var typed = await browser.GetAsync("/Assessments");
        Assert.NotNull(typed.QuerySelector("[data-testid=self-reported-dt]"));
        Assert.Equal("75", typed.QuerySelector("#Input_DtScore")!.GetAttribute("value"));

        Issue(code, IssuedKind.Dt, 62, null, "DT-2026-0001");

        var page = await browser.GetAsync("/Assessments");
        var issued = page.QuerySelector("[data-testid=issued-dt]")!.TextContent;
        Assert.Contains("62 分", issued);
        Assert.Contains("平台出具 · 只读", issued);
        Assert.Contains($"由{Flagship}出具（编号 DT-2026-0001，导入于 {Domain.BeijingTime.Today(DateTime.UtcNow):yyyy-MM-dd}）", issued);
        Assert.Null(page.QuerySelector("#Input_DtScore"));
        Assert.Null(page.QuerySelector("#Input_DtDate"));
        Assert.NotNull(page.QuerySelector("#Input_CmmmLevel")); // CMMM was not issued: still the enterprise's to enter

        var refused = await SaveFieldAsync(browser, "Input.DtScore", "90");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("由平台出具，不能修改", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("message").GetString());
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Equal(62m, draft.DtScore);
        Assert.Equal(new DateOnly(2026, 10, 15), draft.DtDate);
        Assert.DoesNotContain(Features.Assessments.Drafts.Missing(draft, Builders.Catalog(_app)), m => m.Contains("数字化转型"));
    }

    [Fact]
    public async Task WithoutScriptTheFormSavesTheOtherFieldsAndLeavesTheIssuedOnes()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        Issue(code, IssuedKind.Cmmm, 3.1m, 3, "CMMM-320505-0007");

        // The page has no CMMM inputs any more, so the form sends none of them.
        var response = await browser.PostAsync("/Assessments", "/Assessments?handler=Basics",
            [new("Input.DtScore", "70"), new("Input.DtDate", "2026-09-01"), new("Input.BasicEvidence", "安全生产许可证在有效期内")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Equal((70m, 3, 3.1m, "国家智能制造能力成熟度评估平台"), (draft.DtScore!.Value, draft.CmmmLevel!.Value, draft.CmmmScore!.Value, draft.CmmmSource));
        var page = await browser.GetAsync("/Assessments");
        Assert.Contains("3 级", page.QuerySelector("[data-testid=issued-cmmm]")!.TextContent);
        Assert.Contains("得分 3.1", page.QuerySelector("[data-testid=issued-cmmm]")!.TextContent);
    }

    [Fact]
    public async Task ALaterImportThatChangesTheValueShowsWhatItWasBefore()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        Issue(code, IssuedKind.Dt, 62, null, "DT-2026-0001");
        Issue(code, IssuedKind.Dt, 68.5m, null, "DT-2026-0002");

        var page = await browser.GetAsync("/Assessments");

        Assert.Contains("68.5 分", page.QuerySelector("[data-testid=issued-dt]")!.TextContent);
        var changed = page.QuerySelector("[data-testid=issued-changed]")!.TextContent;
        Assert.Contains("此前为 62 分", changed);
        Assert.Contains("编号 DT-2026-0001", changed);
        Assert.Contains("现为 68.5 分", changed);
        Assert.Equal(68.5m, _app.Query(db => db.Assessments.Single().DtScore));
    }

    [Fact]
    public async Task AResultIssuedBeforeTheEnterpriseRegisteredFillsItsFirstDraft()
    {
        var code = Builders.CreditCodeFor("320505", 3);
        _app.Query(db =>
        {
            db.IssuedResults.Add(new IssuedResult { Kind = IssuedKind.Ai, CreditCode = code, Level = 2, IssuedOn = new DateOnly(2026, 8, 1), Issuer = "人工智能场景应用自测平台", Reference = "AI-0003", ImportedAt = DateTime.UtcNow, ImportedBy = 1 });
            return db.SaveChanges();
        });
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 3);

        var page = await browser.GetAsync("/Assessments");

        var ai = page.QuerySelector("[data-testid=issued-ai]")!.TextContent;
        Assert.Contains("人工智能场景应用等级 2 级", ai);
        Assert.Contains("由人工智能场景应用自测平台出具（编号 AI-0003", ai);
    }

    [Fact]
    public async Task TheApiShowsTheOriginAndRefusesADifferentValueButTakesTheSameOne()
    {
        var e = await EnterpriseAsync(_app, 1);
        await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft");
        Issue(e.CreditCode, IssuedKind.Dt, 62, null, "DT-2026-0001");

        var draft = await JsonAsync(await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft"));
        var issued = Assert.Single(draft.GetProperty("issued").EnumerateArray());
        Assert.Equal(("dt", 62m, Flagship, "DT-2026-0001"),
            (issued.GetProperty("kind").GetString(), issued.GetProperty("score").GetDecimal(), issued.GetProperty("issuer").GetString(), issued.GetProperty("reference").GetString()));

        var body = (decimal score) => JsonContent(new { dtScore = score, dtDate = "2026-10-15", cmmmLevel = 2, attested = Array.Empty<string>() });
        var refused = await e.Api.PutAsync($"/api/v1/enterprises/{e.Id}/draft/basics", body(90));
        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Contains("由平台出具，不能修改", problem.ToString());
        Assert.Null(_app.Query(db => db.Assessments.Single().CmmmLevel)); // all or nothing: the CMMM level sent beside it was not saved

        var same = await JsonAsync(await e.Api.PutAsync($"/api/v1/enterprises/{e.Id}/draft/basics", body(62)));
        Assert.Equal(2, same.GetProperty("cmmmLevel").GetInt32());
        Assert.Equal(62m, same.GetProperty("dtScore").GetDecimal());
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
