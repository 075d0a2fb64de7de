using System.Net;
using System.Text.Json;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>省先进级 through the API: the enterprise applies, and county, city and province officials act in turn.</summary>
public sealed class ApiApplicationTests : IDisposable
{
    private const string Huqiu = "320505";

    private readonly AppFactory _app = new();

    /// <summary>Every test applies in an open 先进级 round.</summary>
    public ApiApplicationTests() => Seed.Round(_app);

    public void Dispose() => _app.Dispose();

    private static string Applications(ApiEnterprise e) => $"/api/v1/enterprises/{e.Id}/applications";

    private static Task<HttpResponseMessage> ActAsync(HttpClient official, int application, string action, string? comment = null, int? batchYear = null, string? documentNo = null) =>
        PostJsonAsync(official, $"/api/v1/applications/{application}/transitions", new { action, comment, batchYear, documentNo });

    /// <summary>An enterprise in 虎丘区 with a 先进级 submission and an application at the county.</summary>
    private async Task<(ApiEnterprise Enterprise, int Application)> AppliedAsync(int n = 1)
    {
        var e = await EnterpriseAsync(_app, n, Huqiu);
        await SubmitAdvancedAsync(_app, e);
        var created = await JsonAsync(await e.Api.PostAsync(Applications(e), null), HttpStatusCode.Created);
        return (e, created.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task RefusesAnEnterpriseThatIsNotEligibleWithTheReasons()
    {
        var e = await EnterpriseAsync(_app, 1, Huqiu);

        var refused = await e.Api.PostAsync(Applications(e), null);

        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict, Conflict);
        Assert.Equal("不符合申报条件，不能申报。", Detail(problem));
        Assert.Equal("尚未提交自评估。", Assert.Single(Errors(problem)).Message);
        Assert.Empty(_app.Query(db => db.Applications.ToList()));
    }

    [Fact]
    public async Task RefusesASubmissionBelowTheApplicationThresholds()
    {
        var e = await EnterpriseAsync(_app, 1, Huqiu);
        (await Builders.UploadDtEvidenceAsync(e.Browser)).EnsureSuccessStatusCode();
        await JsonAsync(await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/basics", Basics(dtScore: 50, cmmm: 1)));
        foreach (var s in Builders.Catalog(_app).Scenarios)
        {
            await JsonAsync(await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/ratings/{s.No}", new { level = LevelUpTo(s, Domain.Tier.Basic) }));
        }
        await JsonAsync(await PostJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/submit", Pledge()));

        var problem = await ProblemAsync(await e.Api.PostAsync(Applications(e), null), HttpStatusCode.Conflict, Conflict);

        Assert.Equal("不符合申报条件，不能申报。", Detail(problem));
        Assert.True(Errors(problem).Count >= 3, string.Join(" / ", Errors(problem)));
        Assert.All(Errors(problem), x => Assert.True(x.Message.Any(c => c > 127), x.Message));
        Assert.Empty(_app.Query(db => db.Applications.ToList()));
    }

    [Fact]
    public async Task AnEligibleEnterpriseAppliesOnceAndTheCountyHoldsIt()
    {
        var e = await EnterpriseAsync(_app, 1, Huqiu);
        var submitted = (await SubmitAdvancedAsync(_app, e)).GetProperty("id").GetInt32();

        var response = await e.Api.PostAsync(Applications(e), null);

        var created = await JsonAsync(response, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/applications/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("atCounty", created.GetProperty("state").GetString());
        Assert.Equal("待区县推荐", created.GetProperty("stateName").GetString());
        Assert.Equal(submitted, created.GetProperty("assessmentId").GetInt32());
        var start = Assert.Single(created.GetProperty("events").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, start.GetProperty("from").ValueKind);
        Assert.Equal("atCounty", start.GetProperty("to").GetString());
        Assert.Equal("企业", start.GetProperty("role").GetString());

        var again = await ProblemAsync(await e.Api.PostAsync(Applications(e), null), HttpStatusCode.Conflict, Conflict);

        Assert.Equal("已有一项申报正在办理中，不能重复申报。", Detail(again));
        Assert.Single(_app.Query(db => db.Applications.ToList()));
        var mine = await JsonAsync(await e.Api.GetAsync(Applications(e)));
        Assert.Equal(id, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task OfficialsListTheApplicationsOfTheirDivisionAndThoseWaitingForThem()
    {
        var (e, id) = await AppliedAsync();
        var county = Official(_app, Role.CountyOfficial, Huqiu);
        var city = Official(_app, Role.CityOfficial, "320500");
        var elsewhere = Official(_app, Role.CountyOfficial, "320214");
        Assert.Equal(id, Assert.Single((await JsonAsync(await county.GetAsync(Applications(e)))).EnumerateArray()).GetProperty("id").GetInt32());
        await ProblemAsync(await elsewhere.GetAsync(Applications(e)), HttpStatusCode.NotFound, NotFound);

        static async Task<List<int>> IdsAsync(HttpClient api, string query = "") =>
            (await JsonAsync(await api.GetAsync("/api/v1/applications" + query))).EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList();

        Assert.Equal([id], await IdsAsync(county));
        Assert.Equal([id], await IdsAsync(county, "?waitingForMe=true"));
        Assert.Equal([id], await IdsAsync(city));
        Assert.Empty(await IdsAsync(city, "?waitingForMe=true"));
        Assert.Empty(await IdsAsync(elsewhere));
        var listed = (await JsonAsync(await county.GetAsync("/api/v1/applications")))[0];
        Assert.Equal("atCounty", listed.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RefusesTheWrongOfficialAReturnWithoutCommentAndAnUnknownAction()
    {
        var (_, id) = await AppliedAsync();
        var county = Official(_app, Role.CountyOfficial, Huqiu);

        var city = await ProblemAsync(await ActAsync(Official(_app, Role.CityOfficial, "320500"), id, "recommend"), HttpStatusCode.Conflict, Conflict);
        var province = await ProblemAsync(await ActAsync(Official(_app, Role.ProvinceOfficial, "320000"), id, "passPreliminary"), HttpStatusCode.Conflict, Conflict);
        var elsewhere = await ProblemAsync(await ActAsync(Official(_app, Role.CountyOfficial, "320214"), id, "recommend"), HttpStatusCode.NotFound, NotFound);
        var missing = await ProblemAsync(await ActAsync(county, id + 100, "recommend"), HttpStatusCode.NotFound, NotFound);
        var bare = await ProblemAsync(await ActAsync(county, id, "return", "  "), HttpStatusCode.Conflict, Conflict);
        var unknown = await ProblemAsync(await ActAsync(county, id, "approve"), HttpStatusCode.BadRequest, Invalid);
        var number = await ProblemAsync(await ActAsync(county, id, "99"), HttpStatusCode.BadRequest, Invalid);
        var wrongStep = await ProblemAsync(await ActAsync(county, id, "recognise", batchYear: 2026), HttpStatusCode.Conflict, Conflict);
        var malformed = await ProblemAsync(await SendRawAsync(county, HttpMethod.Post, $"/api/v1/applications/{id}/transitions", """{ "action": "recommend", "batchYear": "二〇二六" }"""), HttpStatusCode.BadRequest, Invalid);

        Assert.Equal("该申报当前处于“待区县推荐”环节，不由您办理。", Detail(city));
        Assert.Equal("该申报当前处于“待区县推荐”环节，不由您办理。", Detail(province));
        Assert.Equal("找不到该资源，或不在您的权限范围内。", Detail(elsewhere));
        Assert.Equal("找不到该资源，或不在您的权限范围内。", Detail(missing));
        Assert.Equal("退回申报时必须填写退回意见。", Detail(bare));
        Assert.Equal("action 应为 recommend、return、passPreliminary、passSiteCheck 或 recognise。", Detail(unknown));
        Assert.Equal(Detail(unknown), Detail(number));
        Assert.Equal("“待区县推荐”环节不能执行“认定”。", Detail(wrongStep));
        Assert.Equal("请求体不是有效的 JSON，或字段类型不正确（例如数字写成了文字），请对照 /openapi/v1.json 检查。", Detail(malformed));
        var application = _app.Query(db => db.Applications.Single());
        Assert.Equal(Domain.Applications.ApplicationState.AtCounty, application.State);
        Assert.Single(_app.Query(db => db.ApplicationEvents.ToList()));
    }

    [Fact]
    public async Task GoesFromTheCountyThroughTheCityToTheProvincesRecognition()
    {
        var (e, id) = await AppliedAsync();
        var county = Official(_app, Role.CountyOfficial, Huqiu);
        var city = Official(_app, Role.CityOfficial, "320500");
        var province = Official(_app, Role.ProvinceOfficial, "320000");

        Assert.Equal("atCity", (await JsonAsync(await ActAsync(county, id, "recommend", "推荐。"))).GetProperty("state").GetString());
        Assert.Equal("atProvince", (await JsonAsync(await ActAsync(city, id, "recommend"))).GetProperty("state").GetString());
        Assert.Equal("preliminaryPassed", (await JsonAsync(await ActAsync(province, id, "passPreliminary"))).GetProperty("state").GetString());
        SiteCheckBuilders.SiteCheck(_app, id);
        Assert.Equal("siteChecked", (await JsonAsync(await ActAsync(province, id, "passSiteCheck", "现场核查属实。"))).GetProperty("state").GetString());
        var noNumber = await ProblemAsync(await ActAsync(province, id, "recognise", batchYear: 2026), HttpStatusCode.Conflict, Conflict);
        Assert.Equal("认定时必须填写认定文号（如“苏工信智能〔2026〕12号”）。", Detail(noNumber));

        // In a round the batch is the round (decision 027): no year is asked for, and the round's year is recorded.
        var recognised = await JsonAsync(await ActAsync(province, id, "recognise", documentNo: "苏工信智能〔2026〕12号"));

        Assert.Equal("recognised", recognised.GetProperty("state").GetString());
        Assert.Equal("已认定", recognised.GetProperty("stateName").GetString());
        Assert.Equal(_app.Query(db => db.Rounds.Single().Year), recognised.GetProperty("batchYear").GetInt32());
        var recognition = recognised.GetProperty("recognition");
        Assert.Equal("苏工信智能〔2026〕12号", recognition.GetProperty("documentNo").GetString());
        Assert.Matches("^[A-HJ-NP-Z2-9]{16}$", recognition.GetProperty("certificateCode").GetString());
        var events = recognised.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(6, events.Count);
        Assert.Equal(["atCounty", "atCity", "atProvince", "preliminaryPassed", "siteChecked", "recognised"], events.Select(x => x.GetProperty("to").GetString()));
        Assert.Equal([null, "recommend", "recommend", "passPreliminary", "passSiteCheck", "recognise"], events.Select(x => x.GetProperty("action").GetString()));
        Assert.Equal([null, "atCounty", "atCity", "atProvince", "preliminaryPassed", "siteChecked"], events.Select(x => x.GetProperty("from").GetString()));
        Assert.Equal("推荐。", events[1].GetProperty("comment").GetString());
        Assert.StartsWith("区县级", events[1].GetProperty("role").GetString());
        Assert.StartsWith("省级", events[5].GetProperty("role").GetString());
        var seen = Assert.Single((await JsonAsync(await e.Api.GetAsync(Applications(e)))).EnumerateArray());
        Assert.Equal("recognised", seen.GetProperty("state").GetString());
        Assert.Equal(6, seen.GetProperty("events").GetArrayLength());
        var done = await ProblemAsync(await ActAsync(province, id, "return", "再议"), HttpStatusCode.Conflict, Conflict);
        Assert.Equal("该申报已认定，不能再办理。", Detail(done));
    }

    [Fact]
    public async Task AReturnedApplicationCarriesTheCommentAndTheEnterpriseMayApplyAgain()
    {
        var (e, id) = await AppliedAsync();
        var county = Official(_app, Role.CountyOfficial, Huqiu);

        var returned = await JsonAsync(await ActAsync(county, id, "return", "请补充设备联网证明。"));

        Assert.Equal("returned", returned.GetProperty("state").GetString());
        var last = returned.GetProperty("events").EnumerateArray().Last();
        Assert.Equal("return", last.GetProperty("action").GetString());
        Assert.Equal("请补充设备联网证明。", last.GetProperty("comment").GetString());
        var again = await JsonAsync(await e.Api.PostAsync(Applications(e), null), HttpStatusCode.Created);
        Assert.NotEqual(id, again.GetProperty("id").GetInt32());
        Assert.Equal(2, (await JsonAsync(await e.Api.GetAsync(Applications(e)))).GetArrayLength());
    }
}
