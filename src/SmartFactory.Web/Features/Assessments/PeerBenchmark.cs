using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Benchmarks;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>A submission's index and stage profile against the latest submissions of its industry and of its city.</summary>
/// <param name="MinimumPeers">Smaller peer groups are not shown (rule-set data), so that no single enterprise can be read off a chart.</param>
public sealed record PeerBenchmark(double Index, IReadOnlyList<(string Stage, double Value)> Stages, IReadOnlyList<PeerGroup> Groups, int MinimumPeers)
{
    /// <summary>
    /// The peer groups come from the rollups' histograms of latest submissions (decision 015): a few hundred counted
    /// values per group, whatever its size, less the enterprise's own latest submission.
    /// </summary>
    public static async Task<PeerBenchmark> ForAsync(AppDbContext db, AssessmentRecord mine, Catalog catalog, int minimumPeers)
    {
        var me = mine.Enterprise!;
        var ownStages = await db.Figures.AsNoTracking().Where(f => f.AssessmentId == mine.Id && f.Kind == FigureKinds.Stage).ToListAsync();
        var ownLatest = (await Rollups.FactsAsync(db, [me.Id])).GetValueOrDefault(me.Id)?.Latest;
        var rollups = db.Rollups.AsNoTracking();
        var groups = new List<PeerGroup>
        {
            await GroupAsync("同行业", rollups.Where(r => r.Kind == RollupKinds.PeerIndustry && r.City == "" && r.County == "" && r.Industry == me.IndustryCode && r.Year == 0), ownLatest, catalog, minimumPeers),
            await GroupAsync("同设区市", rollups.Where(r => r.Kind == RollupKinds.PeerCity && r.City == me.CityCode && r.County == "" && r.Industry == "" && r.Year == 0), ownLatest, catalog, minimumPeers),
        };
        var stages = catalog.Stages.Select((s, i) => (s, ownStages.FirstOrDefault(f => f.Code == (i + 1).ToString())?.Value ?? 0)).ToList();
        return new PeerBenchmark(mine.Index ?? 0, stages, groups, minimumPeers);
    }

    private static async Task<PeerGroup> GroupAsync(string name, IQueryable<Rollup> rows, LatestFacts? own, Catalog catalog, int minimumPeers)
    {
        var bins = new Dictionary<(string What, long Tenths), long>();
        foreach (var row in await rows.Select(r => new { r.Key, r.Count }).ToListAsync())
        {
            var colon = row.Key.LastIndexOf(':');
            bins[(row.Key[..colon], long.Parse(row.Key[(colon + 1)..]))] = row.Count;
        }
        foreach (var (what, value) in own is null ? [] : Rollups.PeerValues(own))
        {
            if (bins.ContainsKey((what, Rollups.Tenths(value))))
            {
                bins[(what, Rollups.Tenths(value))]--;
            }
        }
        List<(double, long)> Histogram(string what) => bins.Where(b => b.Key.What == what && b.Value > 0).Select(b => (b.Key.Tenths / 10.0, b.Value)).ToList();
        var index = Histogram("index");
        var count = (int)index.Sum(b => b.Item2);
        if (count < minimumPeers)
        {
            return new PeerGroup(name, count, null, []);
        }
        var stages = catalog.Stages.Select((s, i) => Histogram("stage" + (i + 1)) is { Count: > 0 } h ? (s, Quartiles.OfCounts(h)) : (s, Quartiles.Of([0]))).ToList();
        return new PeerGroup(name, count, Quartiles.OfCounts(index), stages);
    }
}

/// <summary>A peer group's spread; null quartiles when fewer than the minimum of peers have submitted.</summary>
public sealed record PeerGroup(string Name, int Count, Quartiles? Index, IReadOnlyList<(string Stage, Quartiles Spread)> Stages);
