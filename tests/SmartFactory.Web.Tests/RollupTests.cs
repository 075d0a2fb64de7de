using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Officials;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The officials' rollups move with every registration, submission, resubmission and application step, on both
/// databases, also when enterprises submit at the same moment: at the end they equal a recomputation from the base
/// tables, and the dashboard's figures equal counts of the base tables.
/// </summary>
public abstract class RollupTests(string provider) : IDisposable
{
    private static readonly string[] Counties = ["320505", "320506", "320214", "320102"];
    private static readonly string[] Actions = ["recommend", "return", "passPreliminary", "passSiteCheck", "recognise"];

    private readonly AppFactory _app = new() { Provider = provider };

    public void Dispose() => _app.Dispose();

    private List<string> Differences()
    {
        using var scope = _app.Services.CreateScope();
        return Rollups.VerifyAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>()).GetAwaiter().GetResult();
    }

    /// <summary>Rates every scenario up to <paramref name="top"/> (or only a few, for a resubmission) and submits.</summary>
    private async Task<HttpStatusCode> SubmitAsync(ApiEnterprise e, Tier top, Random random, bool resubmission)
    {
        var draft = $"/api/v1/enterprises/{e.Id}/draft";
        await JsonAsync(await e.Api.GetAsync(draft));
        if (resubmission)
        {
            // A new round copies the answers of the last, not its files.
            (await Builders.UploadDtEvidenceAsync(e.Browser)).EnsureSuccessStatusCode();
        }
        var scenarios = Builders.Catalog(_app).Scenarios;
        foreach (var s in resubmission ? scenarios.OrderBy(_ => random.Next()).Take(3) : scenarios)
        {
            var level = resubmission ? LevelUpTo(s, Tiers.All[random.Next(Tiers.Count)]) : LevelUpTo(s, top);
            await JsonAsync(await PutJsonAsync(e.Api, $"{draft}/ratings/{s.No}", new { level, ai = resubmission && level != "none" && random.Next(3) > 0 }));
        }
        return (await PostJsonAsync(e.Api, $"{draft}/submit", Pledge())).StatusCode;
    }

    private async Task<ApiEnterprise> RegisteredAsync(int n, string county)
    {
        var e = await EnterpriseAsync(_app, n, county);
        (await Builders.UploadDtEvidenceAsync(e.Browser)).EnsureSuccessStatusCode();
        (await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/basics", Basics(dtScore: 80, cmmm: 3))).EnsureSuccessStatusCode();
        return e;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomHistoriesEndWithRollupsEqualToARecomputation(int seed)
    {
        Seed.Round(_app); // applying needs an open round (decision 024)
        var random = new Random(seed);
        var enterprises = new List<ApiEnterprise>();
        var submitted = new HashSet<int>();
        var applications = new List<int>();
        var transitions = 0;
        var officials = Counties.Select(c => Official(_app, Role.CountyOfficial, c))
            .Concat([Official(_app, Role.CityOfficial, "320500"), Official(_app, Role.CityOfficial, "320200"), Official(_app, Role.CityOfficial, "320100"),
                Official(_app, Role.ProvinceOfficial, "320000")]).ToList();

        for (var step = 0; step < 30; step++)
        {
            switch (enterprises.Count < 3 ? 0 : random.Next(7))
            {
                case 0:
                    enterprises.Add(await RegisteredAsync(enterprises.Count + 1, Counties[random.Next(Counties.Length)]));
                    break;
                case 1 or 2:
                    var e = enterprises[random.Next(enterprises.Count)];
                    // Mostly 先进级, so that many may apply.
                    Tier[] tops = [Tier.Basic, Tier.Advanced, Tier.Advanced, Tier.Advanced, Tier.Excellent];
                    if (await SubmitAsync(e, tops[random.Next(tops.Length)], random, submitted.Contains(e.Id)) == HttpStatusCode.OK)
                    {
                        submitted.Add(e.Id);
                    }
                    break;
                case 3 or 4:
                    // Mostly an enterprise that has submitted: the others are refused, which must move nothing either.
                    var applicant = enterprises.Where(x => submitted.Contains(x.Id) || random.Next(4) == 0).OrderBy(_ => random.Next()).FirstOrDefault() ?? enterprises[0];
                    var applied = await applicant.Api.PostAsync($"/api/v1/enterprises/{applicant.Id}/applications", null);
                    if (applied.StatusCode == HttpStatusCode.Created)
                    {
                        applications.Add((await JsonAsync(applied, HttpStatusCode.Created)).GetProperty("id").GetInt32());
                    }
                    break;
                default:
                    if (applications.Count > 0)
                    {
                        // Any official, any action: the workflow refuses most, and a refusal must move nothing.
                        var acted = await PostJsonAsync(officials[random.Next(officials.Count)], $"/api/v1/applications/{applications[random.Next(applications.Count)]}/transitions",
                            new { action = Actions[random.Next(Actions.Length)], comment = "核查意见。", batchYear = 2026, documentNo = "苏工信智能〔2026〕12号" });
                        transitions += acted.StatusCode == HttpStatusCode.OK ? 1 : 0;
                    }
                    break;
            }
            Assert.Empty(Differences());
        }

        Assert.True(submitted.Count > 0 && applications.Count > 0, $"the history submitted {submitted.Count} times, applied {applications.Count} and moved {transitions} applications");
        await DashboardEqualsTheBaseTablesAsync();
    }

    [Fact]
    public async Task EnterprisesSubmittingAtTheSameMomentAreEachCountedOnce()
    {
        const int Submitters = 8;
        var random = new Random(7);
        var enterprises = new List<ApiEnterprise>();
        for (var i = 1; i <= Submitters; i++)
        {
            // One county and one industry: every submission moves the same rollup rows.
            var e = await RegisteredAsync(i, Counties[0]);
            var draft = $"/api/v1/enterprises/{e.Id}/draft";
            foreach (var s in Builders.Catalog(_app).Scenarios)
            {
                var level = LevelUpTo(s, Tier.Advanced);
                await JsonAsync(await PutJsonAsync(e.Api, $"{draft}/ratings/{s.No}", new { level, ai = level != "none" }));
            }
            enterprises.Add(e);
        }

        for (var round = 0; round < 2; round++)
        {
            var responses = await Task.WhenAll(enterprises.Select(e => PostJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/submit", Pledge())));
            foreach (var response in responses)
            {
                await JsonAsync(response);
            }
            Assert.Empty(Differences());
            if (round == 0)
            {
                // Each resubmits once on its own, then opens its next draft; the next round submits those all at once.
                foreach (var e in enterprises)
                {
                    await SubmitAsync(e, Tier.Advanced, random, resubmission: true);
                }
                Assert.Empty(Differences());
                foreach (var e in enterprises)
                {
                    await JsonAsync(await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/ratings/1", new { level = "none" }));
                    (await Builders.UploadDtEvidenceAsync(e.Browser)).EnsureSuccessStatusCode();
                }
            }
        }

        var funnel = await DashboardEqualsTheBaseTablesAsync();
        Assert.Equal(Submitters, funnel.Submitted);
    }

    /// <summary>What the province dashboard reads from the rollups, against counts of the base tables.</summary>
    private async Task<DashboardQueries.Funnel> DashboardEqualsTheBaseTablesAsync()
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var q = new DashboardQueries(db, new Domain.Applications.Official(Domain.Applications.OfficialLevel.Province, "320000"), null);
        var funnel = await q.FunnelAsync();
        Assert.Equal(db.Enterprises.Count(), funnel.Registered);
        Assert.Equal(db.Assessments.Select(a => a.EnterpriseId).Distinct().Count(), funnel.Started);
        Assert.Equal(db.Assessments.Count(a => a.IsLatest), funnel.Submitted);
        Assert.Equal(db.Applications.Select(a => a.EnterpriseId).Distinct().Count(), funnel.Applied);

        var levels = (await q.LevelsByAsync("county")).Where(l => l.Level is not null).ToDictionary(l => (l.Group, l.Level!.Value), l => l.Count);
        var counted = db.Assessments.Where(a => a.IsLatest).GroupBy(a => new { a.Enterprise!.CountyCode, Level = a.ReferenceLevel!.Value })
            .Select(g => new { g.Key.CountyCode, g.Key.Level, Count = g.Count() }).ToList().ToDictionary(g => (g.CountyCode, g.Level), g => g.Count);
        Assert.Equal(counted.OrderBy(c => c.Key), levels.OrderBy(l => l.Key));

        var heat = (await q.HeatmapAsync()).ToDictionary(c => (c.ScenarioNo, c.Level), c => c.Count);
        var rated = db.Ratings.Where(r => r.Level > 0 && db.Assessments.Any(a => a.Id == r.AssessmentId && a.IsLatest))
            .GroupBy(r => new { r.ScenarioNo, r.Level }).Select(g => new { g.Key.ScenarioNo, g.Key.Level, Count = g.Count() }).ToList()
            .ToDictionary(g => (g.ScenarioNo, g.Level), g => g.Count);
        Assert.Equal(rated.OrderBy(c => c.Key), heat.OrderBy(c => c.Key));
        return funnel;
    }
}

public sealed class RollupsOnSqliteTests() : RollupTests("Sqlite");

public sealed class RollupsOnPostgresTests() : RollupTests("Postgres");
