using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// The dashboard's figures, each one GROUP BY in the database over the official's scope, so the page stays fast at
/// 100,000 enterprises: nothing per enterprise is loaded into the web process.
/// </summary>
/// <remarks>
/// The latest submissions in scope are a join of the enterprises in scope with the latest-submission index, never an
/// EXISTS per row: SQLite runs EXISTS as a nested lookup for every row of the outer table, which made the heatmap read
/// all 3.6 million ratings of the province even for one county (docs/benchmarks.md, web load tests).
/// </remarks>
public sealed class DashboardQueries(AppDbContext db, IQueryable<Enterprise> inScope, int? year)
{
    private Task<List<FigureGroup>>? _figures;

    /// <summary>Every enterprise's latest submission (of the year, when one is chosen), whatever its division.</summary>
    private IQueryable<AssessmentRecord> AnyLatest => db.Assessments.Latest().Where(a => year == null || a.Year == year);

    /// <summary>The latest submission of each enterprise in scope (of the year, when one is chosen).</summary>
    private IQueryable<AssessmentRecord> Latest =>
        from e in inScope
        join a in AnyLatest on e.Id equals a.EnterpriseId
        select a;

    public sealed record LevelCount(string Group, int? Level, int Count);

    /// <summary>Enterprises by reference level (null = not submitted) per county or city, or per industry.</summary>
    /// <remarks>Two such queries (by region, by industry) measured faster on SQLite than one grouped by both and summed here.</remarks>
    public async Task<List<LevelCount>> LevelsByAsync(string groupBy)
    {
        var rows =
            from e in inScope
            join a in AnyLatest on e.Id equals a.EnterpriseId into latest
            from l in latest.DefaultIfEmpty()
            select new { e.CityCode, e.CountyCode, e.IndustryCode, Level = l == null ? (int?)null : l.ReferenceLevel };
        var grouped = groupBy switch
        {
            "city" => rows.GroupBy(r => new { Group = r.CityCode, r.Level }),
            "county" => rows.GroupBy(r => new { Group = r.CountyCode, r.Level }),
            _ => rows.GroupBy(r => new { Group = r.IndustryCode, r.Level }),
        };
        return await grouped.Select(g => new LevelCount(g.Key.Group, g.Key.Level, g.Count())).ToListAsync();
    }

    public sealed record Cell(int ScenarioNo, int Level, int Count);

    /// <summary>Scenario adoption: how many latest submissions rate each scenario at each tier.</summary>
    public Task<List<Cell>> HeatmapAsync() =>
        (from a in Latest
         join r in db.Ratings on a.Id equals r.AssessmentId
         where r.Level > 0
         group r by new { r.ScenarioNo, r.Level } into g
         select new Cell(g.Key.ScenarioNo, g.Key.Level, g.Count()))
        .ToListAsync();

    public sealed record Figure(string Code, double Value, int Count);

    public async Task<List<Figure>> StageAveragesAsync() =>
        (await FiguresAsync()).Where(f => f.Kind == FigureKinds.Stage).Select(f => new Figure(f.Code, f.Average, f.Count)).ToList();

    /// <summary>The gates or scenarios that most often stand between enterprises and their next tier.</summary>
    public async Task<List<Figure>> BlockersAsync(string kind, int top) =>
        (await FiguresAsync()).Where(f => f.Kind == kind)
            .OrderByDescending(f => f.Count).ThenBy(f => f.Code, StringComparer.Ordinal).Take(top)
            .Select(f => new Figure(f.Code, f.Count, f.Count)).ToList();

    private sealed record FigureGroup(string Kind, string Code, double Average, int Count);

    /// <summary>
    /// Stage averages and both kinds of blockers come from one pass over the figures of the latest submissions in scope
    /// (a few dozen groups), shared by <see cref="StageAveragesAsync"/> and <see cref="BlockersAsync"/>.
    /// </summary>
    private Task<List<FigureGroup>> FiguresAsync() => _figures ??=
        (from a in Latest
         join f in db.Figures on a.Id equals f.AssessmentId
         group f by new { f.Kind, f.Code } into g
         select new FigureGroup(g.Key.Kind, g.Key.Code, g.Average(f => f.Value), g.Count()))
        .ToListAsync();

    public sealed record Funnel(int Registered, int Started, int Submitted, int Applied, int Recommended, int Recognised);

    public async Task<Funnel> FunnelAsync()
    {
        var applications = db.Applications.Where(a => inScope.Any(e => e.Id == a.EnterpriseId));
        return new Funnel(
            await inScope.CountAsync(),
            await inScope.CountAsync(e => db.Assessments.Any(a => a.EnterpriseId == e.Id)),
            await Latest.CountAsync(),
            await applications.Select(a => a.EnterpriseId).Distinct().CountAsync(),
            await applications.WhereRecommended(a => a.State).Select(a => a.EnterpriseId).Distinct().CountAsync(),
            await applications.Where(a => a.State == ApplicationState.Recognised).Select(a => a.EnterpriseId).Distinct().CountAsync());
    }

    /// <summary>规上 enterprises in scope at the goal's tier or above, and how many registered 规上 enterprises there are.</summary>
    public async Task<(int AtGoal, int Registered)> AboveScaleAsync(Tier goal)
    {
        var atLeast = (int)goal;
        var atGoal = await (from e in inScope
                            where e.IsAboveScale
                            join a in AnyLatest on e.Id equals a.EnterpriseId
                            where a.ReferenceLevel >= atLeast
                            select a.Id).CountAsync();
        return (atGoal, await inScope.CountAsync(e => e.IsAboveScale));
    }

    public sealed record YearLevelCount(int Year, int Level, int Count);

    /// <summary>
    /// Levels over the rounds: for every year, each enterprise in scope counted once, by the reference level of its last
    /// submission of that year. All years, whatever year the dashboard is narrowed to: a trend of one year says nothing.
    /// </summary>
    /// <remarks>
    /// "<c>b.Year + 0</c>" keeps SQLite (which has no statistics here) from looking the later submissions up by the year index,
    /// which reads every submission of the year for each one: 20,000 enterprises took over a minute. By enterprise, it is a few rows.
    /// </remarks>
    public Task<List<YearLevelCount>> TrendAsync()
    {
        var submitted = db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted);
        return (from e in inScope
                join a in submitted on e.Id equals a.EnterpriseId
                where !submitted.Any(b => b.EnterpriseId == a.EnterpriseId && b.Year + 0 == a.Year
                                          && (b.SubmittedAt > a.SubmittedAt || (b.SubmittedAt == a.SubmittedAt && b.Id > a.Id)))
                group a by new { a.Year, Level = a.ReferenceLevel ?? 0 } into g
                select new YearLevelCount(g.Key.Year, g.Key.Level, g.Count()))
            .ToListAsync();
    }

    public sealed record RegionGoal(string Region, int AtGoal, int AboveScale);

    /// <summary>
    /// <see cref="AboveScaleAsync"/> per city or county code (<paramref name="groupBy"/> "city" or "county"): 规上 enterprises in
    /// scope whose latest submission (of the year, when one is chosen) is at the goal's tier or above, and all registered 规上
    /// enterprises. Regions without a registered 规上 enterprise are absent.
    /// </summary>
    public async Task<List<RegionGoal>> GoalByRegionAsync(string groupBy, Tier goal)
    {
        var atLeast = (int)goal;
        var rows =
            from e in inScope
            where e.IsAboveScale
            join a in AnyLatest on e.Id equals a.EnterpriseId into latest
            from l in latest.DefaultIfEmpty()
            select new { Region = groupBy == "city" ? e.CityCode : e.CountyCode, AtGoal = l != null && l.ReferenceLevel >= atLeast ? 1 : 0 };
        return await rows.GroupBy(r => r.Region)
            .Select(g => new RegionGoal(g.Key, g.Sum(r => r.AtGoal), g.Count()))
            .ToListAsync();
    }
}
