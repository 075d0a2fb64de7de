using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>
/// A policy simulation (issue 11 part 3) gives exactly what grading each latest submission alone under the simulated
/// version gives: the matrix, the cities and industries, the goal's share and the list of changed enterprises.
/// </summary>
public abstract class SimulationTests(string provider) : IDisposable
{
    private readonly AppFactory _app = new() { Provider = provider };

    public void Dispose() => _app.Dispose();

    private static readonly string[] Counties = [Seed.HuqiuCounty, Seed.KunshanCounty, Seed.XinwuCounty, "320102", "320311"];
    private static readonly string[] Industries = ["38", "34", "26", "39"];

    /// <summary>Submissions of every level, DT score and CMMM level, in several cities and industries; one earlier (not latest) each for some.</summary>
    private void Generate(int count)
    {
        var random = new Random(20261202);
        for (var i = 1; i <= count; i++)
        {
            var enterprise = Seed.Enterprise(_app, i, Counties[i % Counties.Length], industry: Industries[i % Industries.Length], aboveScale: i % 3 != 0);
            if (i % 4 == 0)
            {
                Seed.Submission(_app, enterprise, Tier.Leading, DateTime.UtcNow.AddDays(-60));
            }
            Seed.Submission(_app, enterprise, Tiers.FromOrdinal(random.Next(0, 6)), dtScore: random.Next(40, 100), cmmm: random.Next(0, 6));
        }
    }

    private async Task<SimulationRun> SimulateAsync(Browser admin, string key, string division = "")
    {
        var page = $"/Admin/RuleSet?key={Uri.EscapeDataString(key)}";
        var started = await admin.PostAsync(page, page + "&handler=Simulate", [new("division", division)]);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = int.Parse(started.Headers.Location!.OriginalString.Split("id=")[1]);
        for (var tries = 0; tries < 600; tries++)
        {
            var run = _app.Query(db => db.Simulations.Single(s => s.Id == id));
            if (run.State != SimulationState.Running)
            {
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"simulation {id} still running after a minute");
    }

    [Fact]
    public async Task TheSimulationEqualsGradingEachLatestSubmissionOnItsOwn()
    {
        Generate(36);
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        await admin.PostFileAsync("/Admin", "/Admin", [], "v2.json",
            System.Text.Encoding.UTF8.GetBytes(RuleLibraryTests.Variant("2026.2", advancedScenarios: 30, change: j => j["tiers"]![1]!["minDtScore"]!["value"] = 70)));
        var library = _app.Services.GetRequiredService<EditionLibrary>();
        var draft = library.RuleSet("JS-2026", "2026.2")!;

        var run = await SimulateAsync(admin, "JS-2026@2026.2");

        Assert.Equal(SimulationState.Done, run.State);
        var result = JsonSerializer.Deserialize<SimulationResult>(run.ResultJson!, Wire.Options)!;
        var latest = _app.Query(db => db.Assessments.Where(a => a.IsLatest)
            .Select(a => new { a.Id, a.EnterpriseId, a.SnapshotJson, a.BasicRequirements, a.ReferenceLevel, a.Enterprise!.CityCode, a.Enterprise.IndustryCode, a.Enterprise.IsAboveScale }).ToList());
        var expected = new int[6, 6];
        var changed = new List<(int, int, int)>();
        foreach (var s in latest)
        {
            // One by one, through the public reader and the full grader: the simulation's own reader and shortcut are what is tested.
            var input = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(s.SnapshotJson!)!;
            input["basicRequirementsMet"] = JsonSerializer.SerializeToElement(draft.BasicRequirements.AllMet(s.BasicRequirements.Split(',')));
            var assessment = AssessmentReader.Read(JsonSerializer.Serialize(input), library).Assessments.Single();
            var to = Grader.Grade(assessment, library.Catalog(assessment.Edition)!, draft).ReferenceLevel.Ordinal();
            expected[s.ReferenceLevel!.Value, to]++;
            if (to != s.ReferenceLevel)
            {
                changed.Add((s.EnterpriseId, s.ReferenceLevel.Value, to));
            }
        }
        for (var from = 0; from < 6; from++)
        {
            for (var to = 0; to < 6; to++)
            {
                Assert.True(expected[from, to] == result.Total.Matrix[from][to], $"matrix[{from}][{to}]: expected {expected[from, to]}, simulated {result.Total.Matrix[from][to]}");
            }
        }
        Assert.Equal(latest.Count, result.Total.Submissions);
        Assert.NotEmpty(changed);
        Assert.Equal(changed.Order(), _app.Query(db => db.SimulationChanges.Where(c => c.SimulationId == run.Id).Select(c => new { c.EnterpriseId, c.From, c.To }).ToList())
            .Select(c => (c.EnterpriseId, c.From, c.To)).Order());
        Assert.Equal(latest.Where(s => s.CityCode == Seed.Suzhou).Count(), result.ByCity.Single(c => c.Code == Seed.Suzhou).Submissions);
        Assert.Equal(latest.Count(s => s.IndustryCode == "38"), result.ByIndustry.Single(c => c.Code == "38").Submissions);
        var aboveScale = latest.Where(s => s.IsAboveScale).ToList();
        Assert.Equal(aboveScale.Count(s => s.ReferenceLevel >= (int)Tier.Basic), result.Total.AtGoalBefore);
        var page = await admin.GetAsync($"/Admin/Simulation?id={run.Id}");
        Assert.Contains($"降级 {result.Total.Down}", page.QuerySelector("[data-testid=summary]")!.TextContent);
        Assert.Equal(changed.Count, page.QuerySelectorAll("[data-testid=changed] tbody tr").Length);
        var export = await admin.Client.GetAsync($"/Admin/Simulation?id={run.Id}&handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType!.MediaType);
        Assert.Contains("simulation.finished", Browser.Text(await admin.GetAsync("/Admin")));
    }

    [Fact]
    public async Task ACountyScopedSimulationCountsOnlyThatCounty()
    {
        Generate(10);
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);

        var run = await SimulateAsync(admin, "JS-2026@2026.1", Seed.HuqiuCounty);

        var result = JsonSerializer.Deserialize<SimulationResult>(run.ResultJson!, Wire.Options)!;
        Assert.Equal(_app.Query(db => db.Assessments.Count(a => a.IsLatest && a.Enterprise!.CountyCode == Seed.HuqiuCounty)), result.Total.Submissions);
        Assert.Equal(0, result.Total.Up + result.Total.Down);
    }

    [Fact]
    public async Task SubmissionsFromBeforeTheGradingInputGetItFromTheirSnapshotAtMigrationAndOneThatCannotBeReadIsCountedApart()
    {
        Generate(6);
        var written = _app.Query(db => db.Assessments.Where(a => a.IsLatest).OrderBy(a => a.Id).Select(a => new { a.Id, a.GradingInput }).ToList());
        var broken = written[2].Id;
        _app.Query(db => db.Database.ExecuteSqlRaw("UPDATE \"Assessments\" SET \"GradingInput\" = NULL"));
        _app.Query(db => db.Database.ExecuteSql($"UPDATE \"Assessments\" SET \"SnapshotJson\" = 'not json' WHERE \"Id\" = {broken}"));

        using (var scope = _app.Services.CreateScope())
        {
            await Infrastructure.Database.MigrateAsync(scope.ServiceProvider);
        }

        var filled = _app.Query(db => db.Assessments.Where(a => a.IsLatest).OrderBy(a => a.Id).Select(a => new { a.Id, a.GradingInput }).ToList());
        Assert.All(written.Zip(filled), p => Assert.Equal(p.First.Id == broken ? "" : p.First.GradingInput, p.Second.GradingInput));
        Assert.DoesNotContain(written, w => string.IsNullOrEmpty(w.GradingInput));
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        var result = JsonSerializer.Deserialize<SimulationResult>((await SimulateAsync(admin, "JS-2026@2026.1")).ResultJson!, Wire.Options)!;
        Assert.Equal([broken], result.UnreadableAssessmentIds);
        Assert.Equal(written.Count - 1, result.Total.Submissions);
    }

    [Fact]
    public async Task ASubmissionMadeByANodeOfTheReleaseBeforeTheGradingInputIsSimulatedFromItsSnapshot()
    {
        Generate(6);
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);
        var before = JsonSerializer.Deserialize<SimulationResult>((await SimulateAsync(admin, "JS-2026@2026.1")).ResultJson!, Wire.Options)!;
        var written = _app.Query(db => db.Assessments.Where(a => a.IsLatest).OrderBy(a => a.Id).Select(a => new { a.Id, a.GradingInput }).ToList());
        // What an old node writes while the new one serves: the submission with its snapshot, the column left null.
        _app.Query(db => db.Database.ExecuteSql($"UPDATE \"Assessments\" SET \"GradingInput\" = NULL WHERE \"Id\" = {written[1].Id}"));

        var after = JsonSerializer.Deserialize<SimulationResult>((await SimulateAsync(admin, "JS-2026@2026.1")).ResultJson!, Wire.Options)!;

        Assert.Empty(after.UnreadableAssessmentIds);
        Assert.Equal(written.Count, after.Total.Submissions);
        Assert.Equal(JsonSerializer.Serialize(before.Total, Wire.Options), JsonSerializer.Serialize(after.Total, Wire.Options));
        Assert.Equal(written[1].GradingInput, _app.Query(db => db.Assessments.Single(a => a.Id == written[1].Id).GradingInput));
    }

    [Fact]
    public async Task AnUnknownDivisionStartsNothing()
    {
        var admin = await RuleLibraryTests.SystemAdminAsync(_app);

        var response = await admin.PostAsync("/Admin/RuleSet?key=JS-2026%402026.1", "/Admin/RuleSet?key=JS-2026%402026.1&handler=Simulate", [new("division", "999999")]);

        Assert.Contains("未知的地区代码", (await Browser.ParseAsync(response)).QuerySelector(".problems")!.TextContent);
        Assert.Equal(0, _app.Query(db => db.Simulations.Count()));
    }
}

public sealed class SqliteSimulationTests() : SimulationTests("Sqlite");

public sealed class PostgresSimulationTests() : SimulationTests("Postgres");
