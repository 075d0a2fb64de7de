using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Concurrent saves of one scenario: each save is written as the whole rating, so the row ends as exactly one of them,
/// never the level and AI flag of one request with the evidence of another; on SQLite and on PostgreSQL.
/// </summary>
public abstract class ConcurrentRatingTests(string provider) : IDisposable
{
    private const int Scenario = 13;
    private const int Bursts = 40;
    private const int RequestsPerBurst = 8;
    private readonly AppFactory _app = new() { Provider = provider };

    public void Dispose()
    {
        _app.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task ASaveThatLosesTheRaceToTheSubmissionChangesNothingInTheSubmittedRecord()
    {
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty);
        var submitted = Seed.Submission(_app, enterprise, Tier.Basic);
        var before = _app.Query(db => db.Ratings.Single(r => r.AssessmentId == submitted && r.ScenarioNo == Scenario).Level);
        // What the save read a moment before the submission froze the draft: its id, still a draft in memory.
        var stale = new SmartFactory.Web.Data.AssessmentRecord { Id = submitted, EnterpriseId = enterprise, Status = SmartFactory.Web.Data.AssessmentStatus.Draft, Edition = "JS-2026" };
        stale.Ratings.Add(new SmartFactory.Web.Data.RatingRecord { AssessmentId = submitted, ScenarioNo = Scenario, Level = 0, Evidence = "迟到的保存", UpdatedAt = DateTime.UtcNow });

        using var scope = _app.Services.CreateScope();
        var saved = await SmartFactory.Web.Features.Assessments.RatingWrites.SaveAsync(scope.ServiceProvider.GetRequiredService<SmartFactory.Web.Data.AppDbContext>(), stale, Scenario);

        Assert.False(saved);
        Assert.Equal(before, _app.Query(db => db.Ratings.Single(r => r.AssessmentId == submitted && r.ScenarioNo == Scenario).Level));
        Assert.DoesNotContain("迟到的保存", _app.Query(db => db.Ratings.Where(r => r.AssessmentId == submitted).Select(r => r.Evidence).ToList()));
    }

    [Fact]
    public async Task ConcurrentSavesOfOneScenarioLeaveExactlyOneOfTheSavedRatings()
    {
        var e = await EnterpriseAsync(_app, 1);
        await JsonAsync(await e.Api.GetAsync($"/api/v1/enterprises/{e.Id}/draft"));
        var scenario = Builders.Catalog(_app).Find(Scenario)!;
        var levels = Tiers.All.Where(scenario.IsDefined).Select(t => (Code: t.Code(), Ordinal: (int)t)).Prepend(("none", 0)).ToList();

        for (var burst = 0; burst < Bursts; burst++)
        {
            var saves = Enumerable.Range(0, RequestsPerBurst).Select(i =>
            {
                var (code, ordinal) = levels[(i + burst) % levels.Count];
                return (Level: code, Ordinal: ordinal, Ai: ordinal > 0 && (i + burst) % 2 == 0, Evidence: $"第 {burst} 轮第 {i} 次保存");
            }).ToList();

            var responses = await Task.WhenAll(saves.Select(s =>
                PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/ratings/{Scenario}", new { level = s.Level, ai = s.Ai, evidence = s.Evidence })));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            var row = _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == Scenario));
            Assert.Contains((row.Level, row.Ai, row.Evidence), saves.Select(s => (s.Ordinal, s.Ai, (string?)s.Evidence)));
        }
    }
}

public sealed class ConcurrentRatingsOnSqliteTests() : ConcurrentRatingTests("Sqlite");

public sealed class ConcurrentRatingsOnPostgresTests() : ConcurrentRatingTests("Postgres");
