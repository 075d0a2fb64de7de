using System.Net;
using System.Text.Json;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>A token sees what its user sees on the pages: its enterprise, its division, or the enterprises that granted it; the rest is 404.</summary>
public sealed class ApiScopeTests : IDisposable
{
    private const string Huqiu = "320505";
    private const string Xinwu = "320214";

    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>An enterprise with a submission (先进级) and, after it, an open draft of the next round.</summary>
    private async Task<(ApiEnterprise Enterprise, int Submitted, int Draft)> SubmittedWithNextDraftAsync(int n, string county)
    {
        var e = await EnterpriseAsync(_app, n, county);
        var submitted = (await SubmitAdvancedAsync(_app, e)).GetProperty("id").GetInt32();
        var draft = (await JsonAsync(await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft"))).GetProperty("id").GetInt32();
        return (e, submitted, draft);
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.NotFound, NotFound);
        Assert.Equal("找不到该资源，或不在您的权限范围内。", Detail(problem));
    }

    /// <summary>Every read and write about enterprise <paramref name="id"/> is 404 for <paramref name="api"/>.</summary>
    private static async Task AssertNothingOfAsync(HttpClient api, int id, params int[] assessments)
    {
        await AssertNotFoundAsync(await api.GetAsync($"/api/v1/enterprises/{id}"));
        await AssertNotFoundAsync(await api.GetAsync($"/api/v1/enterprises/{id}/assessments"));
        await AssertNotFoundAsync(await api.GetAsync($"/api/v1/enterprises/{id}/draft"));
        await AssertNotFoundAsync(await PutJsonAsync(api, $"/api/v1/enterprises/{id}/draft/basics", Basics()));
        await AssertNotFoundAsync(await PutJsonAsync(api, $"/api/v1/enterprises/{id}/draft/ratings/8", new { level = "none" }));
        await AssertNotFoundAsync(await PostJsonAsync(api, $"/api/v1/enterprises/{id}/draft/submit", Pledge()));
        await AssertNotFoundAsync(await api.GetAsync($"/api/v1/enterprises/{id}/applications"));
        await AssertNotFoundAsync(await api.PostAsync($"/api/v1/enterprises/{id}/applications", null));
        foreach (var a in assessments)
        {
            await AssertNotFoundAsync(await api.GetAsync($"/api/v1/assessments/{a}"));
            await AssertNotFoundAsync(await api.GetAsync($"/api/v1/assessments/{a}/result"));
        }
    }

    private static List<int> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToList();

    [Fact]
    public async Task AnEnterpriseTokenSeesOnlyItsOwnEnterprise()
    {
        var (other, otherSubmitted, otherDraft) = await SubmittedWithNextDraftAsync(2, Huqiu);
        var mine = await EnterpriseAsync(_app, 1, Huqiu);
        var myDraft = (await JsonAsync(await mine.Api.GetAsync($"/api/v1/enterprises/{mine.Id}/draft"))).GetProperty("id").GetInt32();
        var before = _app.Query(db => db.Ratings.Where(r => r.AssessmentId == otherDraft).OrderBy(r => r.ScenarioNo).Select(r => r.Level).ToList());

        var list = await JsonAsync(await mine.Api.GetAsync("/api/v1/enterprises"));

        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([mine.Id], Ids(list));
        var me = list.GetProperty("items")[0];
        Assert.Equal(mine.CreditCode, me.GetProperty("creditCode").GetString());
        Assert.Equal(Huqiu, me.GetProperty("countyCode").GetString());
        Assert.Equal("320500", me.GetProperty("cityCode").GetString());
        Assert.Equal("苏州市", me.GetProperty("cityName").GetString());
        Assert.Equal("medium", me.GetProperty("size").GetString());
        Assert.Equal(0, (await JsonAsync(await mine.Api.GetAsync($"/api/v1/enterprises?q={other.CreditCode}"))).GetProperty("total").GetInt32());
        Assert.Equal(mine.Id, (await JsonAsync(await mine.Api.GetAsync($"/api/v1/enterprises/{mine.Id}"))).GetProperty("id").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await mine.Api.GetAsync($"/api/v1/assessments/{myDraft}")).StatusCode);
        await AssertNothingOfAsync(mine.Api, other.Id, otherSubmitted, otherDraft);
        Assert.Equal(AssessmentStatus.Submitted, _app.Query(db => db.Assessments.Single(a => a.Id == otherSubmitted).Status));
        Assert.Equal(before, _app.Query(db => db.Ratings.Where(r => r.AssessmentId == otherDraft).OrderBy(r => r.ScenarioNo).Select(r => r.Level).ToList()));
        Assert.Equal(3, _app.Query(db => db.Assessments.Count()));
        Assert.Empty(_app.Query(db => db.Applications.ToList()));
    }

    [Fact]
    public async Task AnEnterpriseMayNotListOrActOnApplications()
    {
        var mine = await EnterpriseAsync(_app, 1, Huqiu);

        var list = await ProblemAsync(await mine.Api.GetAsync("/api/v1/applications"), HttpStatusCode.Forbidden, Forbidden);
        var act = await ProblemAsync(await PostJsonAsync(mine.Api, "/api/v1/applications/1/transitions", new { action = "recommend" }), HttpStatusCode.Forbidden, Forbidden);

        Assert.Equal("仅区县、设区市和省级官员可以查看申报列表。", Detail(list));
        Assert.Equal("仅区县、设区市和省级官员可以办理申报。", Detail(act));
    }

    [Fact]
    public async Task AnOfficialTokenSeesItsDivisionsSubmissionsButNeverADraft()
    {
        var (inside, submitted, draft) = await SubmittedWithNextDraftAsync(1, Huqiu);
        var neighbour = await EnterpriseAsync(_app, 2, Huqiu);
        var (outside, outsideSubmitted, outsideDraft) = await SubmittedWithNextDraftAsync(3, Xinwu);
        var county = Official(_app, Role.CountyOfficial, Huqiu);

        var list = await JsonAsync(await county.GetAsync("/api/v1/enterprises"));

        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal([inside.Id, neighbour.Id], Ids(list));
        Assert.Equal([inside.Id], Ids(await JsonAsync(await county.GetAsync($"/api/v1/enterprises?q={inside.CreditCode.ToLowerInvariant()}"))));
        var assessments = await JsonAsync(await county.GetAsync($"/api/v1/enterprises/{inside.Id}/assessments"));
        var only = Assert.Single(assessments.EnumerateArray());
        Assert.Equal(submitted, only.GetProperty("id").GetInt32());
        Assert.Equal("submitted", only.GetProperty("status").GetString());
        Assert.Equal("advanced", only.GetProperty("referenceLevel").GetString());
        Assert.Equal(HttpStatusCode.OK, (await county.GetAsync($"/api/v1/assessments/{submitted}")).StatusCode);
        var result = await county.GetAsync($"/api/v1/assessments/{submitted}/result");
        Assert.Equal(_app.Query(db => db.AssessmentResults.Single(r => r.AssessmentId == submitted).Json), await result.Content.ReadAsStringAsync());
        await AssertNotFoundAsync(await county.GetAsync($"/api/v1/assessments/{draft}"));
        await AssertNotFoundAsync(await county.GetAsync($"/api/v1/assessments/{draft}/result"));
        await AssertNotFoundAsync(await county.GetAsync($"/api/v1/enterprises/{inside.Id}/draft"));
        await AssertNotFoundAsync(await PutJsonAsync(county, $"/api/v1/enterprises/{inside.Id}/draft/ratings/8", new { level = "none" }));
        await AssertNotFoundAsync(await PostJsonAsync(county, $"/api/v1/enterprises/{inside.Id}/draft/submit", Pledge()));
        var apply = await ProblemAsync(await county.PostAsync($"/api/v1/enterprises/{inside.Id}/applications", null), HttpStatusCode.Forbidden, Forbidden);
        Assert.Equal("只有企业本身可以申报。", Detail(apply));
        Assert.Empty(_app.Query(db => db.Applications.ToList()));
        await AssertNothingOfAsync(county, outside.Id, outsideSubmitted, outsideDraft);
    }

    [Fact]
    public async Task CityAndProvinceTokensSeeTheirWholeDivision()
    {
        var huqiu = await EnterpriseAsync(_app, 1, Huqiu);
        var kunshan = await EnterpriseAsync(_app, 2, "320583");
        var xinwu = await EnterpriseAsync(_app, 3, Xinwu);

        var suzhou = await JsonAsync(await Official(_app, Role.CityOfficial, "320500").GetAsync("/api/v1/enterprises"));
        var province = await JsonAsync(await Official(_app, Role.ProvinceOfficial, "320000").GetAsync("/api/v1/enterprises"));
        var wuxi = Official(_app, Role.CityOfficial, "320200");

        Assert.Equal([huqiu.Id, kunshan.Id], Ids(suzhou));
        Assert.Equal([huqiu.Id, kunshan.Id, xinwu.Id], Ids(province));
        Assert.Equal([xinwu.Id], Ids(await JsonAsync(await wuxi.GetAsync("/api/v1/enterprises"))));
        var second = await JsonAsync(await Official(_app, Role.ProvinceOfficial, "320000").GetAsync("/api/v1/enterprises?page=2"));
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(100, second.GetProperty("pageSize").GetInt32());
        Assert.Empty(Ids(second));
        var named = await JsonAsync(await Official(_app, Role.ProvinceOfficial, "320000").GetAsync($"/api/v1/enterprises?q={Uri.EscapeDataString("测试企业" + kunshan.CreditCode[^4..])}"));
        Assert.Equal([kunshan.Id], Ids(named));
        await AssertNotFoundAsync(await wuxi.GetAsync($"/api/v1/enterprises/{huqiu.Id}"));
        var me = await JsonAsync(await wuxi.GetAsync("/api/v1/me"));
        Assert.Equal("CityOfficial", me.GetProperty("role").GetString());
        Assert.Equal("320200", me.GetProperty("division").GetString());
    }

    [Fact]
    public async Task AGrantedProviderEditsTheDraftButNeitherSubmitsNorAppliesAndStopsWhenRevoked()
    {
        var granting = await EnterpriseAsync(_app, 1, Huqiu);
        var other = await EnterpriseAsync(_app, 2, Huqiu);
        var (providerId, token) = TokenHolder(_app, Role.ServiceProvider, organisation: "江苏智造咨询有限公司");
        var provider = Api(_app, token);
        Assert.Equal(0, (await JsonAsync(await provider.GetAsync("/api/v1/enterprises"))).GetProperty("total").GetInt32());
        await AssertNotFoundAsync(await provider.GetAsync($"/api/v1/enterprises/{granting.Id}/draft"));
        var grant = Grant(_app, granting.Id, providerId);

        Assert.Equal([granting.Id], Ids(await JsonAsync(await provider.GetAsync("/api/v1/enterprises"))));
        var draft = await JsonAsync(await provider.GetAsync($"/api/v1/enterprises/{granting.Id}/draft"));
        var rated = await JsonAsync(await PutJsonAsync(provider, $"/api/v1/enterprises/{granting.Id}/draft/ratings/8", new { level = "basic", evidence = "服务商代填" }));
        await JsonAsync(await PutJsonAsync(provider, $"/api/v1/enterprises/{granting.Id}/draft/basics", Basics()));

        Assert.Equal("basic", rated.GetProperty("level").GetString());
        var rating = _app.Query(db => db.Ratings.Single());
        Assert.Equal(draft.GetProperty("id").GetInt32(), rating.AssessmentId);
        Assert.Equal(providerId, rating.UpdatedBy);
        Assert.Equal(75m, _app.Query(db => db.Assessments.Single(a => a.EnterpriseId == granting.Id).DtScore));
        var own = await JsonAsync(await granting.Api.GetAsync($"/api/v1/enterprises/{granting.Id}/draft"));
        Assert.Equal("basic", Assert.Single(own.GetProperty("ratings").EnumerateArray()).GetProperty("level").GetString());
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/v1/assessments/{draft.GetProperty("id").GetInt32()}")).StatusCode);

        var submit = await ProblemAsync(await PostJsonAsync(provider, $"/api/v1/enterprises/{granting.Id}/draft/submit", Pledge()), HttpStatusCode.Forbidden, Forbidden);
        var apply = await ProblemAsync(await provider.PostAsync($"/api/v1/enterprises/{granting.Id}/applications", null), HttpStatusCode.Forbidden, Forbidden);

        Assert.Equal(OnlyEnterpriseSubmits, Detail(submit));
        Assert.Equal("只有企业本身可以申报。", Detail(apply));
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single(a => a.EnterpriseId == granting.Id).Status));
        Assert.Empty(_app.Query(db => db.Applications.ToList()));
        await AssertNothingOfAsync(provider, other.Id);

        var revoked = await granting.Browser.PostAsync("/Team/Providers", $"/Team/Providers?handler=Revoke&id={grant}", []);

        Assert.Equal("/Team/Providers", revoked.Headers.Location?.OriginalString);
        await AssertNotFoundAsync(await PutJsonAsync(provider, $"/api/v1/enterprises/{granting.Id}/draft/ratings/9", new { level = "basic" }));
        await AssertNothingOfAsync(provider, granting.Id, draft.GetProperty("id").GetInt32());
        Assert.Equal(0, (await JsonAsync(await provider.GetAsync("/api/v1/enterprises"))).GetProperty("total").GetInt32());
        Assert.Equal(1, _app.Query(db => db.Ratings.Count()));
    }
}
