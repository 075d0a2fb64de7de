using Microsoft.EntityFrameworkCore;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public static class Editions
{
    /// <summary>Loads and validates catalogs, rule sets and regions at start-up; a bad data file stops the start with its problems.</summary>
    public static void AddEditionsAndRegions(this WebApplicationBuilder builder)
    {
        var files = DataFolder.EditionFiles(DataFolder.Beside);
        builder.Services.AddSingleton(sp => new EditionStore(files, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EditionStore>>()));
        // Transient: whoever asks gets the library as this node last read it (a page keeps the one it was built with).
        builder.Services.AddTransient(sp => sp.GetRequiredService<EditionStore>().Current);
        builder.Services.AddSingleton<Features.Admin.SimulationRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<Features.Admin.SimulationRunner>());
        builder.Services.AddSingleton(DataFolder.LoadRegions(DataFolder.Beside));
        builder.Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Before each request, makes sure this node's library is at most a second behind the database's.</summary>
    public static void UseCurrentEditions(this WebApplication app) => app.Use(async (http, next) =>
    {
        // The health checks answer whatever the database does; they grade nothing.
        if (http.GetEndpoint()?.Metadata.GetMetadata<Database.OwnConnection>() is null)
        {
            await http.RequestServices.GetRequiredService<EditionStore>().RefreshAsync(http.RequestServices.GetRequiredService<AppDbContext>());
        }
        await next(http);
    });
}

/// <summary>
/// The library this node grades with: the data files plus what administrators loaded into <see cref="AppDbContext.Library"/>
/// (decision 019). Every node rebuilds it when the entries' highest revision moves, checking at most once a second, so
/// a version published on one node grades on every node a second later; the node that publishes refreshes at once.
/// </summary>
public sealed class EditionStore
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);

    private readonly (IReadOnlyList<(string Name, string Json)> Catalogs, IReadOnlyList<(string Name, string Json)> RuleSets) _files;
    private readonly TimeProvider _clock;
    private readonly ILogger<EditionStore> _log;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile State _state;

    private sealed record State(EditionLibrary Library, long Revision, int Year, DateTime CheckedAt);

    public EditionStore((IReadOnlyList<(string Name, string Json)> Catalogs, IReadOnlyList<(string Name, string Json)> RuleSets) files, TimeProvider clock, ILogger<EditionStore> log)
    {
        _files = files;
        _clock = clock;
        _log = log;
        var year = BeijingTime.Of(clock.GetUtcNow().UtcDateTime).Year;
        var library = Build([], year);
        if (!library.IsValid)
        {
            throw new InvalidOperationException("场景目录或规则集数据文件有误：\n" + string.Join("\n", library.Problems));
        }
        _state = new State(library.Value!, -1, year, DateTime.MinValue);
    }

    public EditionLibrary Current => _state.Library;

    /// <summary>Reloads the library if the database's entries changed (or the round turned); cheap when nothing did.</summary>
    public async Task RefreshAsync(AppDbContext db, bool force = false, CancellationToken ct = default)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        var year = BeijingTime.Of(now).Year;
        if (!force && _state.Year == year && now - _state.CheckedAt < CheckEvery)
        {
            return;
        }
        await _gate.WaitAsync(ct);
        try
        {
            var state = _state;
            long revision;
            try
            {
                revision = await db.Library.MaxAsync(e => (long?)e.Revision, ct) ?? 0;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException)
            {
                // The database is away (a failover): keep grading with what this node has; the request itself will say more.
                _log.LogWarning("The rule library's revision could not be read ({Message}); this node keeps revision {Kept}", e.Message, state.Revision);
                _state = state with { CheckedAt = now };
                return;
            }
            if (revision == state.Revision && year == state.Year)
            {
                _state = state with { CheckedAt = now };
                return;
            }
            var library = Build(await db.Library.AsNoTracking().OrderBy(e => e.Id).ToListAsync(ct), year);
            if (library.IsValid)
            {
                _state = new State(library.Value!, revision, year, now);
            }
            else
            {
                // Entries are validated together before they are stored; this means a data file changed under them.
                _log.LogError("The rule library at revision {Revision} does not load; this node keeps revision {Kept}: {Problems}", revision, state.Revision, string.Join("; ", library.Problems));
                _state = state with { CheckedAt = now };
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The data files plus the given entries, validated together: what a load must pass before it is stored.</summary>
    public Checked<EditionLibrary> Build(IEnumerable<LibraryEntry> entries, int? year = null)
    {
        var list = entries.ToList();
        var catalogs = _files.Catalogs.Concat(list.Where(e => e.Kind == LibraryKind.Catalog).Select(e => (e.Key, e.Json)));
        var ruleSets = _files.RuleSets.Select(f => new RuleSetSource(f.Name, f.Json))
            .Concat(list.Where(e => e.Kind == LibraryKind.RuleSet).Select(e => new RuleSetSource(e.Key, e.Json, e.State, e.AppliesFrom, e.Id)));
        var mappings = list.Where(e => e.Kind == LibraryKind.Mapping).Select(e => (e.Key, e.Json));
        return EditionLibrary.Load(catalogs, ruleSets, mappings, year ?? _state?.Year ?? BeijingTime.Of(_clock.GetUtcNow().UtcDateTime).Year);
    }
}
