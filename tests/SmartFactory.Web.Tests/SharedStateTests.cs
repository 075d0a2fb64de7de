using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// What lets any node serve any request (decision 013), with a second app host on the same database playing the second
/// node: keys, evidence and rate-limit counters live in the database, one draft per enterprise holds under a race, and a
/// node knows whether its schema is current. The real thing — two processes behind nginx — is TwoNodesBehindNginxTests.
/// </summary>
public abstract class SharedStateTests(string provider) : IDisposable
{
    private readonly AppFactory _app = new() { Provider = provider };

    public void Dispose()
    {
        _app.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Another node on the same database, with an evidence folder of its own, as on another machine.</summary>
    private WebApplicationFactory<Program> OtherNode(params (string Key, string Value)[] settings) => _app.WithWebHostBuilder(b =>
    {
        b.UseSetting("Evidence:Root", Path.Combine(_app.EvidenceFolder, "other-node"));
        b.UseSetting("Network:NodeName", "b");
        foreach (var (key, value) in settings)
        {
            b.UseSetting(key, value);
        }
    });

    [Fact]
    public async Task KeysLiveInTheDatabaseSoEveryNodeReadsTheSameCookies()
    {
        var cookies = new CookieContainer();
        await Builders.RegisterAsync(new Browser(_app.CreateDefaultClient(new CookieContainerHandler(cookies))), 1);

        var other = new Browser(OtherNode().CreateDefaultClient(new CookieContainerHandler(cookies)));
        var page = await other.Client.GetAsync("/Assessments");
        var saved = await Builders.SaveBasicsAsync(other);

        Assert.True(_app.Query(db => db.DataProtectionKeys.Count()) >= 1, "the key ring is stored in the database");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("b", page.Headers.GetValues("X-SmartFactory-Node").Single());
        Assert.True(saved.IsSuccessStatusCode, $"a form of the other node answered {(int)saved.StatusCode}");
        Assert.Equal(75m, _app.Query(db => db.Assessments.Single().DtScore));
    }

    [Fact]
    public async Task EvidenceUploadedThroughOneNodeDownloadsThroughAnother()
    {
        var cookies = new CookieContainer();
        var browser = new Browser(_app.CreateDefaultClient(new CookieContainerHandler(cookies)));
        await Builders.RegisterAsync(browser, 1);
        (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        var file = _app.Query(db => db.EvidenceFiles.Single());

        var download = await OtherNode().CreateDefaultClient(new CookieContainerHandler(cookies)).GetAsync($"/files/{file.Id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Builders.Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Empty(Directory.Exists(_app.EvidenceFolder) ? Directory.GetFiles(_app.EvidenceFolder, "*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task TheAnonymousGradeLimitCountsTheRequestsOfEveryNode()
    {
        var first = Api(With(_app, "RateLimits:GradePerMinute", "3"));
        var second = Api(OtherNode(("RateLimits:GradePerMinute", "3")));
        const string body = """{ "dtScore": 70, "cmmmLevel": 2 }""";
        HttpResponseMessage Post(HttpClient api) => api.PostAsync("/api/v1/grade", new StringContent(body, Encoding.UTF8, "application/json")).Result;

        var answers = new[] { Post(first), Post(second), Post(first), Post(second) }.Select(r => r.StatusCode).ToList();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task RequestsRacingToStartAnEnterprisesDraftShareOne()
    {
        var enterprise = await EnterpriseAsync(_app, 1);
        var other = Api(OtherNode(), enterprise.Token);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? enterprise.Api : other).GetAsync($"/api/v1/enterprises/{enterprise.Id}/draft")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, _app.Query(db => db.Assessments.Count(a => a.EnterpriseId == enterprise.Id && a.Status == AssessmentStatus.Draft)));
    }

    [Fact]
    public async Task ANodeIsLiveWithoutTheDatabaseAndReadyOnlyOnACurrentSchema()
    {
        var client = _app.CreateClient();

        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public void ANodeThatMayNotMigrateRefusesToServeAnOlderSchema()
    {
        using var fresh = new AppFactory();
        using var node = fresh.WithWebHostBuilder(b => b.UseSetting("Database:MigrateOnStart", "false"));

        var refused = Record.Exception(() => node.CreateClient());

        Assert.NotNull(refused);
        Assert.Contains("The database schema is older than this program", refused.ToString());
        Assert.Contains("Run `SmartFactory.Web migrate` first", refused.ToString());
    }
}

public sealed class SharedStateOnSqliteTests() : SharedStateTests("Sqlite");

public sealed class SharedStateOnPostgresTests() : SharedStateTests("Postgres");
