using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Data;

/// <summary>
/// One counted figure of the officials' views and the peer benchmark: how many enterprises (and the sum of a value,
/// in tenths) fall into one key of one kind, per county and industry and year where the kind has them (decision 015).
/// The views sum these rows, so they cost what the divisions and keys cost, not what the enterprises cost.
/// </summary>
public sealed class Rollup
{
    public required string Kind { get; set; }
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string Industry { get; set; } = "";

    /// <summary>The year of the submission counted; 0 for kinds that are not by year.</summary>
    public int Year { get; set; }
    public string Key { get; set; } = "";
    public long Count { get; set; }

    /// <summary>The sum of the counted values in tenths (indexes have one decimal), so adding and taking away stays exact.</summary>
    public long Tenths { get; set; }
}

public readonly record struct RollupKey(string Kind, string City, string County, string Industry, int Year, string Key);

/// <summary>The kinds of rollup rows and what each counts. Keys are given with each kind.</summary>
public static class RollupKinds
{
    /// <summary>Registered enterprises by county and industry; key "all", and "above-scale" for 规上 enterprises.</summary>
    public const string Enterprises = "enterprises";
    public const string All = "all";
    public const string AboveScale = "above-scale";

    /// <summary>Enterprises that have begun at least one assessment, by county and industry.</summary>
    public const string Started = "started";

    /// <summary>Latest submissions by county, industry and year, keyed by reference level; and the same for 规上 enterprises.</summary>
    public const string Level = "level";
    public const string LevelAboveScale = "level-above-scale";

    /// <summary>Per year, each enterprise's last submission of that year, by county and industry, keyed by reference level: the trend.</summary>
    public const string Yearly = "yearly";

    /// <summary>Ratings of latest submissions by county and year, keyed "scenario:tier" (tiers 1–5): the adoption heatmap.</summary>
    public const string Rating = "rating";

    /// <summary>Figures of latest submissions by county and year, keyed by code, with the sum of their values: "figure-stage" etc.</summary>
    public static string Figure(string figureKind) => "figure-" + figureKind;

    /// <summary>Histograms of latest submissions for the peer benchmark: by industry, and by city; keys "index:623", "stage2:415".</summary>
    public const string PeerIndustry = "peer-industry";
    public const string PeerCity = "peer-city";

    /// <summary>Enterprises with an application; with one recommended to the province; with one recognised. By county and industry.</summary>
    public const string Applied = "applied";
    public const string Recommended = "recommended";
    public const string Recognised = "recognised";
}

/// <summary>What one enterprise contributes to the rollups: the only input of <see cref="Rollups.Of"/>.</summary>
public sealed record EnterpriseFacts(
    string City, string County, string Industry, bool AboveScale, bool Started, LatestFacts? Latest,
    IReadOnlyDictionary<int, int> LastLevelByYear, IReadOnlyList<ApplicationState> Applications);

public sealed record LatestFacts(int Year, int Level, double Index, IReadOnlyList<(int No, int Level)> Ratings, IReadOnlyList<(string Kind, string Code, double Value)> Figures);

/// <summary>
/// The rollups: what an enterprise contributes (<see cref="Of"/>), read from the base tables (<see cref="FactsAsync"/>),
/// kept up to date inside the SaveChanges that moves them (<see cref="MaintainAsync"/>), and recomputed from scratch
/// (<see cref="ExpectedAsync"/>) by `rollups verify` and `rollups rebuild`. The same two functions serve all three,
/// so what is maintained and what is verified cannot drift apart.
/// </summary>
public static class Rollups
{
    /// <summary>
    /// What one enterprise contributes. Every regional figure is counted three times: in its county's row, its city's
    /// (County "") and the province's (City and County ""), so a view reads the rows of its own level and never sums
    /// the counties of a province (<see cref="AtLevel"/>).
    /// </summary>
    public static IEnumerable<(RollupKey Key, long Count, long Tenths)> Of(EnterpriseFacts f) =>
        Regional(f).SelectMany(r => new[] { r, (r.Key with { County = "" }, r.Count, r.Tenths), (r.Key with { City = "", County = "" }, r.Count, r.Tenths) })
            .Concat(Peers(f));

    /// <summary>The rows of one level: a county's, a city's own (not its counties'), or the province's.</summary>
    public static IQueryable<Rollup> AtLevel(this IQueryable<Rollup> rows, string? city, string? county) =>
        county is not null ? rows.Where(r => r.County == county)
        : city is not null ? rows.Where(r => r.City == city && r.County == "")
        : rows.Where(r => r.City == "" && r.County == "");

    private static IEnumerable<(RollupKey Key, long Count, long Tenths)> Peers(EnterpriseFacts f)
    {
        if (f.Latest is not { } l)
        {
            yield break;
        }
        foreach (var (what, value) in PeerValues(l))
        {
            yield return (new(RollupKinds.PeerIndustry, "", "", f.Industry, 0, $"{what}:{Tenths(value)}"), 1, 0);
            yield return (new(RollupKinds.PeerCity, f.City, "", "", 0, $"{what}:{Tenths(value)}"), 1, 0);
        }
    }

    private static IEnumerable<(RollupKey Key, long Count, long Tenths)> Regional(EnterpriseFacts f)
    {
        RollupKey Here(string kind, int year = 0, string key = "", bool byIndustry = true) => new(kind, f.City, f.County, byIndustry ? f.Industry : "", year, key);

        yield return (Here(RollupKinds.Enterprises, key: RollupKinds.All), 1, 0);
        if (f.AboveScale)
        {
            yield return (Here(RollupKinds.Enterprises, key: RollupKinds.AboveScale), 1, 0);
        }
        if (f.Started)
        {
            yield return (Here(RollupKinds.Started), 1, 0);
        }
        foreach (var (year, level) in f.LastLevelByYear)
        {
            yield return (Here(RollupKinds.Yearly, year, level.ToString()), 1, 0);
        }
        if (f.Latest is { } l)
        {
            yield return (Here(RollupKinds.Level, l.Year, l.Level.ToString()), 1, 0);
            if (f.AboveScale)
            {
                yield return (Here(RollupKinds.LevelAboveScale, l.Year, l.Level.ToString()), 1, 0);
            }
            foreach (var (no, level) in l.Ratings.Where(r => r.Level > 0))
            {
                yield return (Here(RollupKinds.Rating, l.Year, $"{no}:{level}", byIndustry: false), 1, 0);
            }
            foreach (var (kind, code, value) in l.Figures)
            {
                yield return (Here(RollupKinds.Figure(kind), l.Year, code, byIndustry: false), 1, Tenths(value));
            }
        }
        if (f.Applications.Count > 0)
        {
            yield return (Here(RollupKinds.Applied), 1, 0);
        }
        if (f.Applications.Any(QueryRules.IsRecommended))
        {
            yield return (Here(RollupKinds.Recommended), 1, 0);
        }
        if (f.Applications.Contains(ApplicationState.Recognised))
        {
            yield return (Here(RollupKinds.Recognised), 1, 0);
        }
    }

    /// <summary>What the peer benchmark compares: the index ("index") and each stage's index ("stage1" …).</summary>
    public static IEnumerable<(string What, double Value)> PeerValues(LatestFacts latest) =>
        latest.Figures.Where(f => f.Kind == Features.Assessments.FigureKinds.Stage).Select(f => ("stage" + f.Code, f.Value)).Prepend(("index", latest.Index));

    public static long Tenths(double value) => (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);

    /// <summary>The facts of the given enterprises as the database holds them now (within the caller's transaction).</summary>
    public static async Task<Dictionary<int, EnterpriseFacts>> FactsAsync(AppDbContext db, IReadOnlyCollection<int> ids)
    {
        var enterprises = await db.Enterprises.AsNoTracking().Where(e => ids.Contains(e.Id))
            .Select(e => new { e.Id, e.CityCode, e.CountyCode, e.IndustryCode, e.IsAboveScale }).ToListAsync();
        var assessments = (await db.Assessments.AsNoTracking().Where(a => ids.Contains(a.EnterpriseId))
            .Select(a => new { a.Id, a.EnterpriseId, a.Status, a.Year, a.SubmittedAt, a.ReferenceLevel, a.Index, a.IsLatest }).ToListAsync())
            .ToLookup(a => a.EnterpriseId);
        var latest = db.Assessments.Where(a => a.IsLatest && a.Status == AssessmentStatus.Submitted && ids.Contains(a.EnterpriseId));
        var ratings = (await (from a in latest join r in db.Ratings on a.Id equals r.AssessmentId where r.Level > 0 select new { a.EnterpriseId, r.ScenarioNo, r.Level })
            .ToListAsync()).ToLookup(r => r.EnterpriseId, r => (r.ScenarioNo, r.Level));
        var figures = (await (from a in latest join f in db.Figures on a.Id equals f.AssessmentId select new { a.EnterpriseId, f.Kind, f.Code, f.Value })
            .ToListAsync()).ToLookup(f => f.EnterpriseId, f => (f.Kind, f.Code, f.Value));
        var applications = (await db.Applications.AsNoTracking().Where(a => ids.Contains(a.EnterpriseId)).Select(a => new { a.EnterpriseId, a.State })
            .ToListAsync()).ToLookup(a => a.EnterpriseId, a => a.State);

        return enterprises.ToDictionary(e => e.Id, e =>
        {
            var submitted = assessments[e.Id].Where(a => a.Status == AssessmentStatus.Submitted).ToList();
            var last = submitted.FirstOrDefault(a => a.IsLatest);
            return new EnterpriseFacts(
                e.CityCode, e.CountyCode, e.IndustryCode, e.IsAboveScale, assessments[e.Id].Any(),
                last is null ? null : new LatestFacts(last.Year, last.ReferenceLevel ?? 0, last.Index ?? 0,
                    ratings[e.Id].OrderBy(r => r.ScenarioNo).ToList(), figures[e.Id].OrderBy(f => f.Kind).ThenBy(f => f.Code).ToList()),
                submitted.GroupBy(a => a.Year).ToDictionary(g => g.Key, g => g.MaxBy(a => (a.SubmittedAt, a.Id))!.ReferenceLevel ?? 0),
                applications[e.Id].ToList());
        });
    }

    /// <summary>The enterprises whose facts the tracked changes move: new enterprises, and those of changed assessments and applications.</summary>
    public static (List<int> Existing, List<Enterprise> Added) Moved(ChangeTracker tracker)
    {
        var existing = new SortedSet<int>();
        var added = new List<Enterprise>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case Enterprise e when entry.State == EntityState.Added:
                    added.Add(e);
                    break;
                case Enterprise e when entry.Properties.Any(p => p.IsModified && p.Metadata.Name
                    is nameof(Enterprise.CityCode) or nameof(Enterprise.CountyCode) or nameof(Enterprise.IndustryCode) or nameof(Enterprise.IsAboveScale)):
                    existing.Add(e.Id);
                    break;
                case AssessmentRecord a when entry.State != EntityState.Modified
                    || entry.Property(nameof(AssessmentRecord.Status)).IsModified || entry.Property(nameof(AssessmentRecord.IsLatest)).IsModified:
                    existing.Add(a.EnterpriseId);
                    break;
                case ApplicationRecord a when entry.State != EntityState.Modified || entry.Property(nameof(ApplicationRecord.State)).IsModified:
                    existing.Add(a.EnterpriseId);
                    break;
            }
        }
        existing.RemoveWhere(id => id <= 0);
        return (existing.ToList(), added);
    }

    /// <summary>
    /// Saves the tracked changes and moves the rollups with them, in one transaction (the caller's, or one of its own):
    /// the enterprises concerned are locked (PostgreSQL; SQLite has one writer anyway), their facts read before and
    /// after the save, and the difference added to the rollup rows.
    /// </summary>
    public static async Task<int> MaintainAsync(AppDbContext db, Func<Task<int>> save, CancellationToken ct)
    {
        var (existing, added) = Moved(db.ChangeTracker);
        if (existing.Count == 0 && added.Count == 0)
        {
            return await save();
        }
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (existing.Count > 0 && db.Database.IsNpgsql())
        {
            // In id order, so that two transactions on overlapping enterprises cannot wait for each other.
            await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Enterprises" WHERE "Id" = ANY({existing.ToArray()}) ORDER BY "Id" FOR UPDATE""", ct);
        }
        var before = existing.Count > 0 ? await FactsAsync(db, existing) : [];
        var saved = await save();
        var after = await FactsAsync(db, [.. existing, .. added.Select(e => e.Id)]);
        var deltas = after.Values.SelectMany(Of).Concat(before.Values.SelectMany(Of).Select(d => (d.Key, -d.Count, -d.Tenths)));
        await AddAsync(db, deltas, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
        return saved;
    }

    /// <summary>
    /// Adds the amounts to the rollup rows, creating missing rows: one INSERT … ON CONFLICT DO UPDATE per 200 keys, the
    /// keys summed first (a statement may touch a row once) and sorted (concurrent transactions lock rows in one order).
    /// </summary>
    public static async Task AddAsync(AppDbContext db, IEnumerable<(RollupKey Key, long Count, long Tenths)> amounts, CancellationToken ct = default)
    {
        var sums = AddTo([], amounts).Where(s => s.Value.Count != 0 || s.Value.Tenths != 0)
            .OrderBy(s => s.Key.Kind, StringComparer.Ordinal).ThenBy(s => s.Key.City, StringComparer.Ordinal).ThenBy(s => s.Key.County, StringComparer.Ordinal)
            .ThenBy(s => s.Key.Industry, StringComparer.Ordinal).ThenBy(s => s.Key.Year).ThenBy(s => s.Key.Key, StringComparer.Ordinal).ToList();
        foreach (var chunk in sums.Chunk(200))
        {
            var sql = new StringBuilder("""INSERT INTO "Rollups" ("Kind", "City", "County", "Industry", "Year", "Key", "Count", "Tenths") VALUES """);
            var parameters = new List<object>();
            foreach (var (key, (count, tenths)) in chunk)
            {
                var p = parameters.Count;
                sql.Append(p == 0 ? "" : ", ").Append($"({{{p}}}, {{{p + 1}}}, {{{p + 2}}}, {{{p + 3}}}, {{{p + 4}}}, {{{p + 5}}}, {{{p + 6}}}, {{{p + 7}}})");
                parameters.AddRange([key.Kind, key.City, key.County, key.Industry, key.Year, key.Key, count, tenths]);
            }
            sql.Append("""
                 ON CONFLICT ("Kind", "City", "County", "Industry", "Year", "Key") DO UPDATE SET
                "Count" = "Rollups"."Count" + excluded."Count", "Tenths" = "Rollups"."Tenths" + excluded."Tenths"
                """);
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, ct);
        }
    }

    /// <summary>Adds the amounts into <paramref name="sums"/>, key by key.</summary>
    private static Dictionary<RollupKey, (long Count, long Tenths)> AddTo(Dictionary<RollupKey, (long Count, long Tenths)> sums, IEnumerable<(RollupKey Key, long Count, long Tenths)> amounts)
    {
        foreach (var (key, count, tenths) in amounts)
        {
            var (c, t) = sums.GetValueOrDefault(key);
            sums[key] = (c + count, t + tenths);
        }
        return sums;
    }

    /// <summary>Every rollup recomputed from the base tables, a batch of enterprises at a time (memory bounded by the rollups, not the data).</summary>
    public static async Task<Dictionary<RollupKey, (long Count, long Tenths)>> ExpectedAsync(AppDbContext db, int batch = 2000)
    {
        var totals = new Dictionary<RollupKey, (long Count, long Tenths)>();
        var after = 0;
        while (await db.Enterprises.Where(e => e.Id > after).OrderBy(e => e.Id).Select(e => e.Id).Take(batch).ToListAsync() is { Count: > 0 } ids)
        {
            AddTo(totals, (await FactsAsync(db, ids)).Values.SelectMany(Of));
            after = ids[^1];
        }
        return totals;
    }

    /// <summary>The rows that differ from a recomputation ("kind|city|county|industry|year|key: stored → expected"); empty when all agree.</summary>
    public static async Task<List<string>> VerifyAsync(AppDbContext db)
    {
        // On PostgreSQL in one snapshot, so verifying a busy system compares one state with itself; SQLite reads batch by batch.
        await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync(Snapshot(db)) : null;
        var expected = await ExpectedAsync(db);
        var stored = (await db.Rollups.AsNoTracking().ToListAsync())
            .ToDictionary(r => new RollupKey(r.Kind, r.City, r.County, r.Industry, r.Year, r.Key), r => (r.Count, r.Tenths));
        return expected.Keys.Union(stored.Keys)
            .Select(k => (Key: k, Stored: stored.GetValueOrDefault(k), Expected: expected.GetValueOrDefault(k)))
            .Where(d => d.Stored != d.Expected)
            .Select(d => $"{d.Key.Kind}|{d.Key.City}|{d.Key.County}|{d.Key.Industry}|{d.Key.Year}|{d.Key.Key}: {d.Stored} → {d.Expected}")
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Replaces every rollup row by a recomputation, in one transaction that holds the rollups against changes meanwhile:
    /// a submission that arrives during the rebuild waits, then adds its difference to the rebuilt rows.
    /// </summary>
    public static async Task<int> RebuildAsync(AppDbContext db)
    {
        using var writer = await db.OneWriterAsync();
        // In the caller's transaction when there is one (the demo data is seeded in one).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(Snapshot(db)) : null;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "Rollups" IN EXCLUSIVE MODE""");
        }
        var expected = await ExpectedAsync(db);
        await db.Rollups.ExecuteDeleteAsync();
        await AddAsync(db, expected.Select(e => (e.Key, e.Value.Count, e.Value.Tenths)));
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        return expected.Count;
    }

    /// <summary>One state of the database throughout the transaction: repeatable read on PostgreSQL; SQLite's only level.</summary>
    private static System.Data.IsolationLevel Snapshot(AppDbContext db) =>
        db.Database.IsNpgsql() ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable;
}
