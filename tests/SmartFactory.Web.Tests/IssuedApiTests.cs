using System.Net;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;
using static SmartFactory.Web.Tests.IssuedBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Decision 039: the platform's machine client pushes issued results, all or nothing, and can do nothing else.</summary>
public sealed class IssuedApiTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static object Row(string code, object score) => new { kind = "dt", creditCode = code, score, date = "2026-10-15", issuer = Flagship, reference = "DT-1" };

    [Fact]
    public async Task ThePlatformClientPushesAllOrNothingAndIsRefusedEverywhereElse()
    {
        var enterprise = await EnterpriseAsync(_app, 1);
        var province = await ProvinceAsync(_app);
        var client = Api(_app, await ClientTokenAsync(province));
        var other = Builders.CreditCodeFor("320505", 2);

        var refused = await ProblemAsync(await PostJsonAsync(client, "/api/v1/issued-results", new[] { Row(enterprise.CreditCode, 80), Row(other, 120) }), HttpStatusCode.BadRequest, "请求无效");
        Assert.Contains(Errors(refused), e => e.Place == "$[1].score" && e.Message.Contains("0–100"));
        Assert.Equal(0, _app.Query(db => db.IssuedResults.Count()));

        var pushed = await JsonAsync(await PostJsonAsync(client, "/api/v1/issued-results", new[] { Row(enterprise.CreditCode, 80), Row(other, 70) }));
        Assert.Equal(2, pushed.GetProperty("rows").GetProperty("dt").GetInt32());
        Assert.Equal(2, pushed.GetProperty("new").GetInt32());
        Assert.Equal(2, _app.Query(db => db.IssuedResults.Count()));

        foreach (var url in new[] { "/api/v1/enterprises", "/api/v1/catalog", "/Issued", "/Assessments", "/" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await PutJsonAsync(client, $"/api/v1/enterprises/{enterprise.Id}/draft/basics", Basics())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(Official(_app, Role.ProvinceOfficial, "320000"), "/api/v1/issued-results", new[] { Row(other, 60) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(enterprise.Api, "/api/v1/issued-results", new[] { Row(other, 60) })).StatusCode);
        Assert.Equal(2, _app.Query(db => db.IssuedResults.Count()));
    }
}
