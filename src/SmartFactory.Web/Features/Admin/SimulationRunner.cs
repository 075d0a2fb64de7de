using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// Runs policy simulations in the background of the node that was asked (decision 019): streams the scope's latest
/// submissions in id order, regrades each under the simulated version (<see cref="PolicySimulation"/>), writes the
/// changed enterprises in batches and the progress with a heartbeat, and finally the summary — all in the database,
/// so any node shows the progress bar and the result. Memory holds one batch, never the whole scope.
/// </summary>
public sealed class SimulationRunner(IServiceScopeFactory scopes, ILogger<SimulationRunner> log) : BackgroundService
{
    public const int Batch = 5000;

    /// <summary>A running simulation whose heartbeat is older than this lost its node.</summary>
    public static readonly TimeSpan Silent = TimeSpan.FromSeconds(30);

    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();

    public static async Task<Checked<SimulationRun>> StartAsync(IServiceProvider services, string key, string? division, int userId, DateTime now)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var library = services.GetRequiredService<EditionStore>().Current;
        var regions = services.GetRequiredService<Regions>();
        if (library.Entry(key) is not { State: not Publication.Withdrawn })
        {
            return Refused(key, $"找不到可模拟的规则集版本 {key}。");
        }
        division = string.IsNullOrEmpty(division) || division == regions.Province.Code ? null : division;
        var city = division is null ? null : regions.City(division);
        var county = division is null || city is not null ? null : regions.County(division);
        if (division is not null && city is null && county is null)
        {
            return Refused("division", $"未知的地区代码 {division}。");
        }
        var run = new SimulationRun
        {
            RuleSetKey = key, CityCode = city?.Code, CountyCode = county?.Code, State = SimulationState.Running,
            StartedAt = now, StartedBy = userId, HeartbeatAt = now,
        };
        run.Total = await InScope(db, run).CountAsync();
        db.Simulations.Add(run);
        db.Record(now, userId, null, "simulation.started", $"{key} {division ?? regions.Province.Code}");
        await db.SaveChangesAsync();
        services.GetRequiredService<SimulationRunner>()._queue.Writer.TryWrite(run.Id);
        return Checked<SimulationRun>.Valid(run);
    }

    public static string StateName(SimulationRun s) => s.State switch
    {
        SimulationState.Done => "已完成",
        SimulationState.Failed => "失败",
        _ when DateTime.UtcNow - s.HeartbeatAt > Silent => "已中断（运行的服务器已停止，请重新模拟）",
        _ => $"进行中 {s.Done}/{s.Total}",
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Simulation {Id} failed", id);
                await FailAsync(id, e.Message);
            }
        }
    }

    private static IQueryable<AssessmentRecord> InScope(AppDbContext db, SimulationRun run) =>
        db.Assessments.AsNoTracking().Latest()
            .Where(a => (run.CityCode == null || a.Enterprise!.CityCode == run.CityCode) && (run.CountyCode == null || a.Enterprise!.CountyCode == run.CountyCode));

    private async Task RunAsync(int id, CancellationToken ct)
    {
        using var readScope = scopes.CreateScope();
        using var writeScope = scopes.CreateScope();
        var read = readScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var write = writeScope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = readScope.ServiceProvider.GetRequiredService<TimeProvider>();
        var library = readScope.ServiceProvider.GetRequiredService<EditionStore>().Current;
        var run = await write.Simulations.SingleAsync(s => s.Id == id, ct);
        RuleSetKeys.TryParse(run.RuleSetKey, out var ruleSetId, out var version);
        var ruleSet = library.RuleSet(ruleSetId, version)!;
        var catalog = library.Catalog(ruleSet.CatalogEdition)!;
        var simulation = new PolicySimulation(catalog, ruleSet);
        var rows = InScope(read, run).OrderBy(a => a.Id).Select(a => new
        {
            a.Id, a.EnterpriseId, a.Edition, a.SnapshotJson, a.BasicRequirements, a.ReferenceLevel,
            a.Enterprise!.CityCode, a.Enterprise.CountyCode, a.Enterprise.IndustryCode, a.Enterprise.IsAboveScale,
        }).AsAsyncEnumerable();
        var done = 0;
        await foreach (var r in rows.WithCancellation(ct))
        {
            // Basic requirements are re-read under the simulated version: its list may differ from the one attested against.
            var met = ruleSet.BasicRequirements.AllMet(r.BasicRequirements.Split(',', StringSplitOptions.RemoveEmptyEntries));
            var snapshot = r.SnapshotJson is null ? null : SnapshotReader.Read(r.SnapshotJson, met);
            var assessment = snapshot is null ? null : OnEdition(snapshot, library.Mapping(snapshot.Edition, ruleSet.CatalogEdition));
            if (assessment is null)
            {
                simulation.AddUnreadable(r.Id);
            }
            else
            {
                simulation.Add(new SimulatedSubmission
                {
                    EnterpriseId = r.EnterpriseId, AssessmentId = r.Id, CityCode = r.CityCode, CountyCode = r.CountyCode,
                    IndustryCode = r.IndustryCode, AboveScale = r.IsAboveScale, From = Tiers.FromOrdinal(r.ReferenceLevel ?? 0), Assessment = assessment,
                });
            }
            if (++done % Batch == 0)
            {
                await FlushAsync(write, run, simulation, done, clock, ct);
            }
        }
        await FlushAsync(write, run, simulation, done, clock, ct);
        run.ResultJson = JsonSerializer.Serialize(simulation.Result(), Wire.Options);
        run.State = SimulationState.Done;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        write.Record(run.FinishedAt.Value, run.StartedBy, null, "simulation.finished", $"{run.RuleSetKey} #{run.Id}: {done} submissions");
        await write.SaveChangesAsync(ct);
    }

    /// <summary>The changed enterprises so far and the progress, in one save: the page's bar moves as they land.</summary>
    private static async Task FlushAsync(AppDbContext write, SimulationRun run, PolicySimulation simulation, int done, TimeProvider clock, CancellationToken ct)
    {
        foreach (var c in simulation.TakeChanges())
        {
            write.SimulationChanges.Add(new SimulationChange { SimulationId = run.Id, EnterpriseId = c.EnterpriseId, AssessmentId = c.AssessmentId, From = c.From.Ordinal(), To = c.To.Ordinal() });
        }
        (run.Done, run.HeartbeatAt) = (done, clock.GetUtcNow().UtcDateTime);
        await write.SaveChangesAsync(ct);
        write.ChangeTracker.Clear();
        write.Attach(run);
    }

    /// <summary>A submission of another edition, carried through the mapping as a draft would be; null without a mapping.</summary>
    private static Assessment? OnEdition(Assessment snapshot, EditionMapping? mapping) =>
        mapping is null ? null
        : mapping.From == mapping.To ? snapshot
        : snapshot with { Edition = mapping.To.Edition, Ratings = mapping.MapRatings(snapshot.Ratings) };

    private async Task FailAsync(int id, string message)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Simulations.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SimulationState.Failed).SetProperty(x => x.Error, message));
    }

    private static Checked<SimulationRun> Refused(string place, string message) => Checked<SimulationRun>.Invalid([new Problem(place, message)]);
}
