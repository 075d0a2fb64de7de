using SmartFactory.Domain.Applications;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>
/// One app with something in every download, and a signed-in caller for each: in 虎丘区 an enterprise with a submission,
/// an application and a provider's draft, beside two whose names are hostile to a spreadsheet or a CSV reader (and one
/// in 昆山市, outside the county official's scope); a
/// finished simulation that changes the first one's level; an audit row naming it.
/// </summary>
public sealed class DownloadWorld : IAsyncLifetime
{
    public const string Name = "苏州精密机械制造有限公司";
    public const string Hostile = "=HYPERLINK(\"http://x\")";
    public const string Awkward = "苏州\"精工\",机械\n制造有限公司";
    public const string Outside = "昆山外区精密机械有限公司";
    public const string AuditAction = "test.workbook";
    public static readonly DateOnly DtDate = new(2026, 9, 30);

    public AppFactory App { get; } = new();

    public Dictionary<string, Browser> Callers { get; } = [];

    public int SimulationId { get; private set; }

    public async Task InitializeAsync()
    {
        var enterprise = Seed.Enterprise(App, 1, Seed.HuqiuCounty, name: Name);
        var assessment = Seed.Submission(App, enterprise, Tier.Advanced);
        Seed.Round(App);
        RecommendedToProvince(Seed.Application(App, enterprise));
        foreach (var (n, name, county) in new[] { (2, Hostile, Seed.HuqiuCounty), (3, Awkward, Seed.HuqiuCounty), (4, Outside, Seed.KunshanCounty) })
        {
            var other = Seed.Enterprise(App, n, county, name: name);
            Seed.Submission(App, other, Tier.Basic);
            Seed.Application(App, other);
        }
        var draft = Seed.Draft(App, enterprise);
        Callers["county"] = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty, "虎丘区工信局");
        Callers["city"] = await Seed.OfficialAsync(App, Role.CityOfficial, Seed.Suzhou, "苏州市工信局");
        var provider = App.Browser();
        var providerId = await ReportBuilders.ProviderAsync(App, provider, "workbooks@example.com");
        Callers["provider"] = provider;
        ApiBuilders.Grant(App, enterprise, providerId);
        Callers["system"] = await RuleLibraryTests.SystemAdminAsync(App);
        Callers["audit"] = (await Seed.AdministratorAsync(App, Role.AuditAdmin)).Browser;
        SimulationId = App.Query(db =>
        {
            var d = db.Assessments.Single(a => a.Id == draft);
            (d.DtScore, d.DtDate) = (82.5m, DtDate);
            var run = new SimulationRun { RuleSetKey = "JS-2026@2026.1", State = SimulationState.Done, StartedAt = DateTime.UtcNow, StartedBy = providerId, HeartbeatAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow };
            db.Simulations.Add(run);
            db.SaveChanges();
            db.SimulationChanges.Add(new SimulationChange { SimulationId = run.Id, EnterpriseId = enterprise, AssessmentId = assessment, From = 3, To = 2 });
            db.Record(DateTime.UtcNow, providerId, enterprise, AuditAction, Name);
            db.SaveChanges();
            return run.Id;
        });
        // The audit export's 序号 is the chain's place, which the background sealer gives a little later; seal now.
        App.Query(db => AuditChain.SealAsync(db).GetAwaiter().GetResult());
    }

    public const string CountyOpinion = "材料齐全，同意推荐。";
    public const string CityOpinion = "同意推荐至省。";

    /// <summary>What the county's and the city's 推荐 leave on an application (as RoundTablesTests walk them through the pages), and a site check.</summary>
    private void RecommendedToProvince(int application)
    {
        App.Query(db =>
        {
            var a = db.Applications.Single(x => x.Id == application);
            a.State = ApplicationState.AtProvince;
            a.Events.Add(new ApplicationEvent { At = DateTime.UtcNow.AddDays(-2), UserName = "虎丘区工信局", Role = "区县工信部门", From = ApplicationState.AtCounty, To = ApplicationState.AtCity, Action = ApplicationAction.Recommend, Comment = CountyOpinion });
            a.Events.Add(new ApplicationEvent { At = DateTime.UtcNow.AddDays(-1), UserName = "苏州市工信局", Role = "设区市工信部门", From = ApplicationState.AtCity, To = ApplicationState.AtProvince, Action = ApplicationAction.Recommend, Comment = CityOpinion });
            return db.SaveChanges();
        });
        SiteCheckBuilders.SiteCheck(App, application);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
