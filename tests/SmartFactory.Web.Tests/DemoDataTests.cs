using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>The app started once over a fresh SQLite file with the demo data on, shared by the tests of <see cref="DemoDataTests"/> (they only read).</summary>
public sealed class DemoProvince : IDisposable
{
    public AppFactory App { get; } = new() { SeedDemoData = true };

    public DemoProvince() => App.Browser();

    public void Dispose() => App.Dispose();
}

/// <summary>The first start looks like a province (issue 10, decision 018): the named demo logins, and about 2,000 generated enterprises graded as the app grades.</summary>
public sealed class DemoDataTests(DemoProvince demo) : IClassFixture<DemoProvince>
{
    private readonly AppFactory _app = demo.App;

    [Fact]
    public void EveryCountyLevelUnitOfJiangsuHasDemoEnterprises()
    {
        var counties = _app.Services.GetRequiredService<Regions>().Cities.SelectMany(c => c.Counties).Select(c => c.Code).ToHashSet();
        var seeded = _app.Query(db => db.Enterprises.Select(e => e.CountyCode).Distinct().ToList());

        Assert.Equal(104, counties.Count);
        Assert.Equal(counties.Order(), seeded.Order());
        Assert.InRange(_app.Query(db => db.Enterprises.Count()), DemoData.GeneratedEnterprises, DemoData.GeneratedEnterprises + 10);
    }

    [Theory]
    [InlineData("province@demo.cn")]
    [InlineData("suzhou-city@demo.cn")]
    [InlineData("huqiu@demo.cn")]
    [InlineData("nanjing-city@demo.cn")]
    [InlineData("provider@demo.cn")]
    [InlineData("suzhou@demo.cn")]
    [InlineData("colleague@demo.cn")]
    [InlineData("wuxi@demo.cn")]
    [InlineData("nanjing@demo.cn")]
    [InlineData("changzhou@demo.cn")]
    [InlineData("nantong@demo.cn")]
    [InlineData("xuzhou@demo.cn")]
    public async Task TheNamedDemoLoginSignsInWithTheDocumentedPassword(string login)
    {
        var browser = _app.Browser();

        var response = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = "Demo2026" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sf.auth=", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("suzhou@demo.cn", 3)]
    [InlineData("wuxi@demo.cn", 2)]
    [InlineData("nanjing@demo.cn", 4)]
    [InlineData("changzhou@demo.cn", 1)]
    [InlineData("xuzhou@demo.cn", 3)]
    public void TheNamedEnterpriseHasTheLatestLevelTheReadmeLists(string login, int level)
    {
        var enterprise = _app.Query(db => db.Users.Single(u => u.Login == login).EnterpriseId);
        var latest = _app.Query(db => db.Assessments.Where(a => a.IsLatest && a.EnterpriseId == enterprise).Select(a => a.ReferenceLevel).Single());

        Assert.Equal(level, latest);
    }

    [Fact]
    public async Task SuzhousPlanSuggestsTheDemoProviderWhosePoolPageShowsItsCases()
    {
        var browser = _app.Browser();
        await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = "suzhou@demo.cn", ["Password"] = DemoData.Password });
        var (enterprise, provider) = _app.Query(db => (db.Users.Single(u => u.Login == "suzhou@demo.cn").EnterpriseId, db.Users.Single(u => u.Login == "provider@demo.cn").Id));
        var latest = _app.Query(db => db.Assessments.Single(a => a.IsLatest && a.EnterpriseId == enterprise).Id);

        var result = await browser.GetAsync($"/Assessments/Result/{latest}");
        var pool = Browser.Text(await browser.GetAsync($"/Pool/{provider}"));

        Assert.Contains("江苏智造咨询有限公司", result.QuerySelector("[data-testid=pool-suggestions]")?.TextContent);
        Assert.Contains("汽车零部件批次质量追溯", pool);
        Assert.Contains("本企业已授权该服务商", pool);
    }

    [Fact]
    public async Task XuzhouIsRecognisedAndItsCertificateVerifiesForAnyone()
    {
        var enterprise = _app.Query(db => db.Users.Single(u => u.Login == "xuzhou@demo.cn").EnterpriseId);
        var code = _app.Query(db => db.Applications.Single(a => a.State == Domain.Applications.ApplicationState.Recognised && a.CertificateCode != null && a.EnterpriseId == enterprise).CertificateCode);

        var page = Browser.Text(await _app.Browser().GetAsync($"/verify/{code}"));

        Assert.Contains("徐州铜山工程机械有限公司", page);
        Assert.Contains("证书有效性：有效", page);
    }

    [Fact]
    public void RatingsVaryAcrossCitiesCountiesAndRounds()
    {
        var latest = _app.Query(db => db.Assessments.Where(a => a.IsLatest)
            .Select(a => new { a.Enterprise!.CityCode, a.Enterprise.CountyCode, Level = a.ReferenceLevel!.Value }).ToList());
        var shares = latest.GroupBy(a => a.CityCode)
            .Select(city => string.Join("/", Enumerable.Range(0, 6).Select(l => Math.Round(100.0 * city.Count(a => a.Level == l) / city.Count()))))
            .ToList();
        var ratingVectors = _app.Query(db => db.Ratings.Where(r => db.Assessments.Any(a => a.Id == r.AssessmentId && a.IsLatest))
            .Select(r => new { r.AssessmentId, r.ScenarioNo, r.Level }).ToList())
            .GroupBy(r => r.AssessmentId).Select(g => string.Join(",", g.OrderBy(r => r.ScenarioNo).Select(r => r.Level))).ToList();

        Assert.True(latest.Count > 1000, $"{latest.Count} latest submissions");
        Assert.Equal(6, latest.Select(a => a.Level).Distinct().Count());
        Assert.Equal(13, shares.Distinct().Count());
        Assert.True(latest.GroupBy(a => a.CountyCode).Select(c => c.Average(a => a.Level)).Distinct().Count() > 50, "county averages are not all alike");
        Assert.True(ratingVectors.Distinct().Count() > 0.95 * ratingVectors.Count, "ratings are not copies of one another");
    }

    [Fact]
    public void RoundsShowATrendAndApplicationsAndDraftsAreInFlight()
    {
        var byYear = _app.Query(db => db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted)
            .GroupBy(a => a.Year).Select(g => new { Year = g.Key, Count = g.Count(), Index = g.Average(a => a.Index!.Value) }).ToList()).OrderBy(y => y.Year).ToList();
        var states = _app.Query(db => db.Applications.Select(a => a.State).Distinct().Count());
        var drafts = _app.Query(db => db.Assessments.Count(a => a.Status == AssessmentStatus.Draft));

        Assert.True(byYear.Count >= 3, string.Join(", ", byYear.Select(y => $"{y.Year}: {y.Count}")));
        Assert.True(byYear[^1].Index > byYear[0].Index, string.Join(", ", byYear.Select(y => $"{y.Year}: {y.Index:F1}")));
        Assert.True(states >= 4, $"applications in {states} states");
        Assert.True(drafts > 100, $"{drafts} drafts");
    }

    [Fact]
    public void EveryEnterpriseWithSubmissionsHasExactlyItsNewestOneMarkedLatest()
    {
        var wrong = _app.Query(db => db.Enterprises.Count(e => db.Assessments.Any(a => a.EnterpriseId == e.Id && a.Status == AssessmentStatus.Submitted)
            && db.Assessments.Count(a => a.EnterpriseId == e.Id && a.IsLatest) != 1));
        var latestNotNewest = _app.Query(db => db.Assessments.Count(a => a.IsLatest
            && db.Assessments.Any(b => b.EnterpriseId == a.EnterpriseId && b.Status == AssessmentStatus.Submitted && b.SubmittedAt > a.SubmittedAt)));

        Assert.Equal(0, wrong);
        Assert.Equal(0, latestNotNewest);
    }

    /// <summary>
    /// The stored grade of generated submissions, latest and earlier, is what the app's public grader answers for the
    /// ratings rows themselves: the input is built here from the rows, not taken from the stored snapshot.
    /// </summary>
    [Fact]
    public Task GeneratedSubmissionsCarryWhatTheAppsGraderGivesForTheirRatings() => AssertStoredGradesAreTheGradersAsync(_app);

    /// <summary>Every 97th submission: its stored result JSON, reference level, index and stage figures against <c>/api/v1/grade</c> on its rating rows.</summary>
    internal static async Task AssertStoredGradesAreTheGradersAsync(AppFactory app)
    {
        var editions = app.Services.GetRequiredService<EditionLibrary>();
        var submissions = app.Query(db => db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted && a.Id % 97 == 0)
            .Select(a => new { a.Id, a.Edition, a.DtScore, a.CmmmLevel, a.BasicRequirements, a.ReferenceLevel, a.Index, a.IsLatest, ResultJson = a.Result!.Json, a.SnapshotJson,
                Ratings = a.Ratings.OrderBy(r => r.ScenarioNo).Select(r => new { r.ScenarioNo, r.Level, r.Ai }).ToList(),
                Stages = a.Figures.Where(f => f.Kind == FigureKinds.Stage).OrderBy(f => f.Code.Length).ThenBy(f => f.Code).Select(f => f.Value).ToList() })
            .ToList());
        Assert.InRange(submissions.Count, 10, 30);
        Assert.Contains(submissions, s => !s.IsLatest);
        var input = new JsonArray(submissions.Select(s => (JsonNode)new JsonObject
        {
            ["edition"] = s.Edition,
            ["dtScore"] = s.DtScore,
            ["cmmmLevel"] = s.CmmmLevel,
            ["basicRequirementsMet"] = editions.RuleSetFor(s.Edition)!.BasicRequirements.Keys.All(s.BasicRequirements.Split(',').Contains),
            ["scenarios"] = new JsonArray(s.Ratings.Select(r => (JsonNode)new JsonObject
            {
                ["no"] = r.ScenarioNo,
                ["level"] = r.Level == 0 ? "none" : ((Tier)r.Level).ToString().ToLowerInvariant(),
                ["ai"] = r.Ai,
            }).ToArray()),
        }).ToArray());

        var response = await app.Browser().Client.PostAsync("/api/v1/grade", new StringContent(input.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        for (var i = 0; i < submissions.Count; i++)
        {
            var s = submissions[i];
            var result = results[i]!;
            Assert.True(JsonNode.DeepEquals(result, JsonNode.Parse(s.ResultJson!)), $"assessment {s.Id}: stored result differs from the grader's");
            var level = (string?)result["referenceLevel"];
            Assert.Equal(level is null ? 0 : (int)Enum.Parse<Tier>(level, ignoreCase: true), s.ReferenceLevel);
            Assert.Equal((double)result["index"]!, s.Index);
            Assert.Equal(result["stageIndex"]!.AsArray().Select(x => (double)x!["index"]!), s.Stages);
            Assert.Equal(40, s.Ratings.Count);
            Assert.Contains("\"scenarios\"", s.SnapshotJson);
        }
    }
}

/// <summary>The demo data on PostgreSQL, where the generator writes by binary COPY: every value must arrive as EF would have written it.</summary>
public sealed class DemoDataOnPostgresTests : IDisposable
{
    private readonly AppFactory _app = new() { Provider = "Postgres", SeedDemoData = true };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CopiedSubmissionsCarryWhatTheAppsGraderGivesAndTheAppKeepsInsertingAfterThem()
    {
        await DemoDataTests.AssertStoredGradesAreTheGradersAsync(_app);
        Assert.Equal(104, _app.Query(db => db.Enterprises.Select(e => e.CountyCode).Distinct().Count()));

        // The identity sequences were moved past the generated keys: a registration through the app gets a new key.
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 900);
        Assert.Equal(DemoData.GeneratedEnterprises + 7, _app.Query(db => db.Enterprises.Count()));
    }
}
