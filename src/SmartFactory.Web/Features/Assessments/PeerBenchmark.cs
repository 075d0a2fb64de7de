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
    public static async Task<PeerBenchmark> ForAsync(AppDbContext db, AssessmentRecord mine, Catalog catalog, int minimumPeers)
    {
        var me = mine.Enterprise!;
        var ownStages = await db.Figures.AsNoTracking().Where(f => f.AssessmentId == mine.Id && f.Kind == FigureKinds.Stage).ToListAsync();
        var groups = new List<PeerGroup>
        {
            await GroupAsync(db, "同行业", db.Assessments.Latest().Where(a => a.EnterpriseId != me.Id && a.Enterprise!.IndustryCode == me.IndustryCode), catalog, minimumPeers),
            await GroupAsync(db, "同设区市", db.Assessments.Latest().Where(a => a.EnterpriseId != me.Id && a.Enterprise!.CityCode == me.CityCode), catalog, minimumPeers),
        };
        var stages = catalog.Stages.Select((s, i) => (s, ownStages.FirstOrDefault(f => f.Code == (i + 1).ToString())?.Value ?? 0)).ToList();
        return new PeerBenchmark(mine.Index ?? 0, stages, groups, minimumPeers);
    }

    private static async Task<PeerGroup> GroupAsync(AppDbContext db, string name, IQueryable<AssessmentRecord> peers, Catalog catalog, int minimumPeers)
    {
        var indexes = await peers.Select(a => a.Index ?? 0).ToListAsync();
        if (indexes.Count < minimumPeers)
        {
            return new PeerGroup(name, indexes.Count, null, []);
        }
        var stageValues = await db.Figures.AsNoTracking()
            .Where(f => f.Kind == FigureKinds.Stage && peers.Select(a => a.Id).Contains(f.AssessmentId))
            .Select(f => new { f.Code, f.Value })
            .ToListAsync();
        var stages = catalog.Stages.Select((s, i) => (s, Quartiles.Of(stageValues.Where(v => v.Code == (i + 1).ToString()).Select(v => v.Value).DefaultIfEmpty(0)))).ToList();
        return new PeerGroup(name, indexes.Count, Quartiles.Of(indexes), stages);
    }
}

/// <summary>A peer group's spread; null quartiles when fewer than the minimum of peers have submitted.</summary>
public sealed record PeerGroup(string Name, int Count, Quartiles? Index, IReadOnlyList<(string Stage, Quartiles Spread)> Stages);
