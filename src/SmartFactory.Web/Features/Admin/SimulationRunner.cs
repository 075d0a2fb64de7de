using System.Globalization;
using System.Text;
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
        // A node of the release before the column, still serving during a rolling upgrade, submits without it: such a
        // submission gets its input from its snapshot here, as at migration, rather than being counted unreadable.
        // (Before the run is read: the fill clears what the context tracks.)
        await Features.Assessments.Drafts.FillGradingInputsAsync(write);
        var run = await write.Simulations.SingleAsync(s => s.Id == id, ct);
        RuleSetKeys.TryParse(run.RuleSetKey, out var ruleSetId, out var version);
        var ruleSet = library.RuleSet(ruleSetId, version)!;
        var catalog = library.Catalog(ruleSet.CatalogEdition)!;
        var simulation = new PolicySimulation(catalog, ruleSet);
        // A scope holds a handful of editions and of attested lists: decided once each, not per row. Building the
        // identity mapping (a list of 40 entries) for every row was a quarter of the CPU time and 1.5 of the 2.2 GB
        // allocated at 100,000 submissions (docs/benchmarks.md, "Policy simulation at province scale").
        var mappings = new Dictionary<string, EditionMapping?>(StringComparer.Ordinal);
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var rows = await SimulationRows.OpenAsync(read, InScope(read, run), ct);
        var done = 0;
        while (await rows.ReadAsync(ct))
        {
            // Basic requirements are re-read under the simulated version: its list may differ from the one attested against.
            var submission = rows.Submission(Met(rows.BasicRequirements));
            var assessment = submission is null ? null : OnEdition(submission, MappingFrom(submission.Edition));
            if (assessment is null)
            {
                simulation.AddUnreadable(rows.Id);
            }
            else
            {
                simulation.Add(new SimulatedSubmission
                {
                    EnterpriseId = rows.EnterpriseId, AssessmentId = rows.Id, CityCode = rows.CityCode, CountyCode = rows.CountyCode,
                    IndustryCode = rows.IndustryCode, AboveScale = rows.AboveScale, From = Tiers.FromOrdinal(rows.ReferenceLevel), Assessment = assessment,
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

        bool Met(string attested)
        {
            if (!verdicts.TryGetValue(attested, out var met))
            {
                verdicts[attested] = met = ruleSet.BasicRequirements.AllMet(attested.Split(',', StringSplitOptions.RemoveEmptyEntries));
            }
            return met;
        }

        EditionMapping? MappingFrom(string edition)
        {
            if (!mappings.TryGetValue(edition, out var mapping))
            {
                mappings[edition] = mapping = library.Mapping(edition, ruleSet.CatalogEdition);
            }
            return mapping;
        }
    }

    /// <summary>
    /// The changed enterprises so far and the progress, in one transaction: the page's bar moves as they land. The
    /// changes go in as one multi-row INSERT of integers: as EF entities, each tracked and its id read back, they made a
    /// run over 100,000 submissions that changed 37,032 levels take twice as long on SQLite as one that changed 315
    /// (docs/benchmarks.md, "Policy simulation at province scale").
    /// </summary>
    private static async Task FlushAsync(AppDbContext write, SimulationRun run, PolicySimulation simulation, int done, TimeProvider clock, CancellationToken ct)
    {
        var changes = simulation.TakeChanges();
        using var writer = await write.OneWriterAsync(ct);
        await using var transaction = await write.Database.BeginTransactionAsync(ct);
        if (changes.Count > 0)
        {
            var insert = new StringBuilder("INSERT INTO \"SimulationChanges\" (\"SimulationId\", \"EnterpriseId\", \"AssessmentId\", \"From\", \"To\") VALUES ");
            foreach (var c in changes)
            {
                insert.Append(CultureInfo.InvariantCulture, $"({run.Id}, {c.EnterpriseId}, {c.AssessmentId}, {c.From.Ordinal()}, {c.To.Ordinal()}),");
            }
            await write.Database.ExecuteSqlRawAsync(insert.ToString(0, insert.Length - 1), ct);
        }
        (run.Done, run.HeartbeatAt) = (done, clock.GetUtcNow().UtcDateTime);
        await write.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>A submission of another edition, carried through the mapping as a draft would be; null without a mapping.</summary>
    private static Assessment? OnEdition(Assessment submission, EditionMapping? mapping) =>
        mapping is null ? null
        : mapping.From == mapping.To ? submission
        : submission with { Edition = mapping.To.Edition, Ratings = mapping.MapRatings(submission.Ratings) };

    private async Task FailAsync(int id, string message)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Simulations.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SimulationState.Failed).SetProperty(x => x.Error, message));
    }

    private static Checked<SimulationRun> Refused(string place, string message) => Checked<SimulationRun>.Invalid([new Problem(place, message)]);
}
