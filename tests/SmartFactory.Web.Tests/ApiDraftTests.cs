using System.Net;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>An enterprise fills in and submits its draft through the API, with the same checks as the pages.</summary>
public sealed class ApiDraftTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string DraftUrl(ApiEnterprise e, string rest = "") => $"/api/v1/enterprises/{e.Id}/draft{rest}";

    [Fact]
    public async Task StartsAnEmptyDraftOnFirstRead()
    {
        var e = await EnterpriseAsync(_app, 1);

        var draft = await JsonAsync(await e.Api.GetAsync(DraftUrl(e)));

        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("JS-2026", draft.GetProperty("edition").GetString());
        Assert.Equal(e.Id, draft.GetProperty("enterpriseId").GetInt32());
        Assert.Equal(0, draft.GetProperty("ratings").GetArrayLength());
        Assert.Equal(0, draft.GetProperty("basicRequirements").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, draft.GetProperty("dtScore").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, draft.GetProperty("pledge").ValueKind);
        var again = await JsonAsync(await e.Api.GetAsync(DraftUrl(e)));
        Assert.Equal(draft.GetProperty("id").GetInt32(), again.GetProperty("id").GetInt32());
        Assert.Equal(1, _app.Query(db => db.Assessments.Count()));
    }

    [Fact]
    public async Task SavesTheBasicsAndRefusesAScoreOverAHundredWithoutChangingAnything()
    {
        var e = await EnterpriseAsync(_app, 1);

        var saved = await JsonAsync(await PutJsonAsync(e.Api, DraftUrl(e, "/basics"), Basics(72.5m, 3)));

        Assert.Equal(72.5m, saved.GetProperty("dtScore").GetDecimal());
        Assert.Equal("2026-10-01", saved.GetProperty("dtDate").GetString());
        Assert.Equal(3, saved.GetProperty("cmmmLevel").GetInt32());
        Assert.Equal(Seed.BasicRequirements.Keys.Order(), saved.GetProperty("basicRequirements").EnumerateArray().Select(k => k.GetString()!));

        var refused = await PutJsonAsync(e.Api, DraftUrl(e, "/basics"), new { dtScore = 120, dtDate = "2026-10-01", cmmmLevel = 9, attested = Array.Empty<string>() });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Contains("数字化转型评估得分应在 0–100 之间，实际为 120。", Detail(problem));
        Assert.Contains("智能制造能力成熟度等级应为 0–5 的整数（0 表示未评估），实际为 9。", Detail(problem));
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Equal(72.5m, draft.DtScore);
        Assert.Equal(3, draft.CmmmLevel);
        Assert.Equal(Seed.BasicRequirements.Items.Count, draft.AttestedKeys.Count());
    }

    [Fact]
    public async Task RefusesAnUnknownBasicRequirement()
    {
        var e = await EnterpriseAsync(_app, 1);

        var refused = await PutJsonAsync(e.Api, DraftUrl(e, "/basics"), new { dtScore = 70, cmmmLevel = 2, attested = new[] { "no-such-key" } });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.StartsWith("未知的基本要求项，可用：", Detail(problem));
        Assert.Null(_app.Query(db => db.Assessments.Single().DtScore));
    }

    [Fact]
    public async Task RatesAScenarioByCodeOrChineseNameAndReadsItBack()
    {
        var e = await EnterpriseAsync(_app, 1);
        var scenario = Builders.Catalog(_app).Scenarios.First(s => s.IsDefined(Tier.Advanced));

        var rated = await JsonAsync(await PutJsonAsync(e.Api, DraftUrl(e, $"/ratings/{scenario.No}"), new { level = "先进级", ai = true, evidence = "  已建成 MES 与设备联网。 " }));

        Assert.Equal(scenario.No, rated.GetProperty("no").GetInt32());
        Assert.Equal("advanced", rated.GetProperty("level").GetString());
        Assert.True(rated.GetProperty("ai").GetBoolean());
        Assert.Equal("已建成 MES 与设备联网。", rated.GetProperty("evidence").GetString());
        var rating = _app.Query(db => db.Ratings.Single());
        Assert.Equal(3, rating.Level);
        Assert.True(rating.Ai);
        var draft = await JsonAsync(await e.Api.GetAsync(DraftUrl(e)));
        var read = Assert.Single(draft.GetProperty("ratings").EnumerateArray());
        Assert.Equal("advanced", read.GetProperty("level").GetString());

        var none = await JsonAsync(await PutJsonAsync(e.Api, DraftUrl(e, $"/ratings/{scenario.No}"), new { level = "none" }));

        Assert.Equal("none", none.GetProperty("level").GetString());
        Assert.Equal(0, _app.Query(db => db.Ratings.Single().Level));
    }

    [Fact]
    public async Task RefusesATierTheScenarioDoesNotDefine()
    {
        var e = await EnterpriseAsync(_app, 1);
        var (scenario, tier) = Builders.Catalog(_app).Scenarios.SelectMany(s => Tiers.All.Where(t => !s.IsDefined(t)).Select(t => (s, t))).First();

        var refused = await PutJsonAsync(e.Api, DraftUrl(e, $"/ratings/{scenario.No}"), new { level = tier.Code() });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        var defined = string.Join("、", Tiers.All.Where(scenario.IsDefined).Select(t => t.ChineseName()));
        Assert.Equal($"场景“{scenario.Name}”在{tier.ChineseName()}没有定义（参考表中为“/”），可选等级：{defined}。", Detail(problem));
        Assert.Equal(0, _app.Query(db => db.Ratings.Count()));
    }

    [Theory]
    [InlineData(8, """{ "level": "superb" }""", "请为场景 8“")]
    [InlineData(8, """{ "ai": true }""", "请为场景 8“")]
    [InlineData(8, """{ "level": "none", "ai": true }""", "未建设，不能标记为应用人工智能。")]
    [InlineData(41, """{ "level": "basic" }""", "场景目录 JS-2026 中没有编号为 41 的场景（应为 1–40）。")]
    [InlineData(0, """{ "level": "basic" }""", "场景目录 JS-2026 中没有编号为 0 的场景（应为 1–40）。")]
    public async Task RefusesAnUnknownLevelOrScenario(int no, string body, string detail)
    {
        var e = await EnterpriseAsync(_app, 1);

        var refused = await SendRawAsync(e.Api, HttpMethod.Put, DraftUrl(e, $"/ratings/{no}"), body);

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Contains(detail, Detail(problem));
        Assert.Equal(0, _app.Query(db => db.Ratings.Count()));
    }

    [Theory]
    [InlineData("/ratings/8", """{ "level": "basic", """)]
    [InlineData("/ratings/8", """{ "level": "basic", "ai": "yes" }""")]
    [InlineData("/ratings/8", "")]
    [InlineData("/basics", """{ "dtScore": "七十" }""")]
    [InlineData("/basics", "not json")]
    public async Task AMalformedBodyIsABadRequestInChineseNotAServerError(string path, string body)
    {
        var e = await EnterpriseAsync(_app, 1);

        var refused = await SendRawAsync(e.Api, HttpMethod.Put, DraftUrl(e, path), body);

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Equal("请求体不是有效的 JSON，或字段类型不正确（例如数字写成了文字），请对照 /openapi/v1.json 检查。", Detail(problem));
        Assert.Equal(0, _app.Query(db => db.Ratings.Count()));
    }

    [Fact]
    public async Task RefusesAnIncompleteSubmissionWithWhatIsMissing()
    {
        var e = await EnterpriseAsync(_app, 1);
        await JsonAsync(await PutJsonAsync(e.Api, DraftUrl(e, "/ratings/8"), new { level = "basic" }));

        var refused = await PostJsonAsync(e.Api, DraftUrl(e, "/submit"), new { signatory = "李四" });

        var problem = await ProblemAsync(refused, HttpStatusCode.BadRequest, Invalid);
        Assert.Equal("自评估尚未填写完整或承诺信息不全，不能提交。", Detail(problem));
        var messages = Errors(problem).Select(x => x.Message).ToList();
        Assert.Contains("数字化转型评估得分未填写。", messages);
        Assert.Contains("数字化转型评估的证明材料未上传。", messages);
        Assert.Contains(messages, m => m.StartsWith("还有 39 个场景未评价", StringComparison.Ordinal));
        Assert.Contains("请填写承诺人职务。", messages);
        Assert.Contains("请勾选同意真实性承诺。", messages);
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));
    }

    [Fact]
    public async Task SubmitsACompleteDraftAndServesTheFrozenResult()
    {
        var e = await EnterpriseAsync(_app, 1);

        var submitted = await SubmitAdvancedAsync(_app, e);

        Assert.Equal("submitted", submitted.GetProperty("status").GetString());
        Assert.Equal("advanced", submitted.GetProperty("referenceLevel").GetString());
        var id = submitted.GetProperty("id").GetInt32();
        var stored = _app.Query(db => db.Assessments.Include(a => a.Result).Single(a => a.Id == id));
        Assert.Equal(AssessmentStatus.Submitted, stored.Status);
        Assert.Equal(3, stored.ReferenceLevel);

        var response = await e.Api.GetAsync($"/api/v1/assessments/{id}/result");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(stored.Result!.Json, body);
        var result = System.Text.Json.JsonDocument.Parse(body).RootElement;
        Assert.Equal("advanced", result.GetProperty("referenceLevel").GetString());
        Assert.Equal("2026.1", result.GetProperty("ruleSetVersion").GetString());
        var detail = await JsonAsync(await e.Api.GetAsync($"/api/v1/assessments/{id}"));
        Assert.Equal("submitted", detail.GetProperty("status").GetString());
        Assert.Equal(40, detail.GetProperty("ratings").GetArrayLength());
        Assert.Equal("李四", detail.GetProperty("pledge").GetProperty("signatory").GetString());
        Assert.Equal("2026-11-25", detail.GetProperty("pledge").GetProperty("date").GetString());
        var list = await JsonAsync(await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/assessments"));
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task TheNextRoundStartsFromTheSubmissionWhichNeverChanges()
    {
        var e = await EnterpriseAsync(_app, 1);
        var submitted = await SubmitAdvancedAsync(_app, e);
        var id = submitted.GetProperty("id").GetInt32();
        var frozen = _app.Query(db => db.AssessmentResults.Single(r => r.AssessmentId == id).Json);

        var next = await JsonAsync(await e.Api.GetAsync(DraftUrl(e)));
        await JsonAsync(await PutJsonAsync(e.Api, DraftUrl(e, "/ratings/8"), new { level = "none" }));

        Assert.NotEqual(id, next.GetProperty("id").GetInt32());
        Assert.Equal("draft", next.GetProperty("status").GetString());
        Assert.Equal(40, next.GetProperty("ratings").GetArrayLength());
        Assert.Equal(75m, next.GetProperty("dtScore").GetDecimal());
        Assert.Equal(frozen, await (await e.Api.GetAsync($"/api/v1/assessments/{id}/result")).Content.ReadAsStringAsync());
        Assert.NotEqual(0, _app.Query(db => db.Ratings.Single(r => r.AssessmentId == id && r.ScenarioNo == 8).Level));
        var preview = await JsonAsync(await e.Api.GetAsync($"/api/v1/assessments/{next.GetProperty("id").GetInt32()}/result"));
        Assert.True(preview.TryGetProperty("referenceLevel", out _));
        var list = await JsonAsync(await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/assessments"));
        Assert.Equal(["draft", "submitted"], list.EnumerateArray().Select(a => a.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ASubmitWithNoDraftOpenIsRefusedWithoutStartingARound()
    {
        var e = await EnterpriseAsync(_app, 1);
        await SubmitAdvancedAsync(_app, e);
        var rows = _app.Query(db => db.Assessments.Count(a => a.EnterpriseId == e.Id));

        var again = await PostJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/submit", new { signatory = "李四", position = "总经理", pledgeDate = "2026-11-25", agree = false });

        await ProblemAsync(again, HttpStatusCode.Conflict, Conflict);
        Assert.Equal(rows, _app.Query(db => db.Assessments.Count(a => a.EnterpriseId == e.Id)));
    }
}
