using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// The dashboard's figures, each one GROUP BY in the database over the official's scope, so the page stays fast at
/// 100,000 enterprises: nothing per enterprise is loaded into the web process.
/// </summary>
public sealed class DashboardQueries(AppDbContext db, IQueryable<Enterprise> inScope, int? year)
{
    /// <summary>The latest submission of each enterprise in scope (of the year, when one is chosen).</summary>
    private IQueryable<AssessmentRecord> Latest =>
        db.Assessments.Where(a => a.IsLatest && (year == null || a.Year == year) && inScope.Any(e => e.Id == a.EnterpriseId));

    public sealed record LevelCount(string Group, int? Level, int Count);

    /// <summary>Enterprises by reference level (null = not submitted) per county or city, or per industry.</summary>
    public async Task<List<LevelCount>> LevelsByAsync(string groupBy)
    {
        var rows =
            from e in inScope
            join a in Latest on e.Id equals a.EnterpriseId into latest
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
        db.Ratings.Where(r => r.Level > 0 && Latest.Any(a => a.Id == r.AssessmentId))
            .GroupBy(r => new { r.ScenarioNo, r.Level })
            .Select(g => new Cell(g.Key.ScenarioNo, g.Key.Level, g.Count()))
            .ToListAsync();

    public sealed record Figure(string Code, double Value, int Count);

    public Task<List<Figure>> StageAveragesAsync() =>
        db.Figures.Where(f => f.Kind == FigureKinds.Stage && Latest.Any(a => a.Id == f.AssessmentId))
            .GroupBy(f => f.Code)
            .Select(g => new Figure(g.Key, g.Average(f => f.Value), g.Count()))
            .ToListAsync();

    /// <summary>The gates or scenarios that most often stand between enterprises and their next tier.</summary>
    public async Task<List<Figure>> BlockersAsync(string kind, int top) =>
        (await db.Figures.Where(f => f.Kind == kind && Latest.Any(a => a.Id == f.AssessmentId))
            .GroupBy(f => f.Code)
            .Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(top)
            .ToListAsync())
        .Select(g => new Figure(g.Key, g.Count, g.Count)).ToList();

    public sealed record Funnel(int Registered, int Started, int Submitted, int Applied, int Recommended, int Recognised);

    public async Task<Funnel> FunnelAsync()
    {
        var applications = db.Applications.Where(a => inScope.Any(e => e.Id == a.EnterpriseId));
        return new Funnel(
            await inScope.CountAsync(),
            await inScope.CountAsync(e => db.Assessments.Any(a => a.EnterpriseId == e.Id)),
            await Latest.CountAsync(),
            await applications.Select(a => a.EnterpriseId).Distinct().CountAsync(),
            await applications.Where(a => a.State >= ApplicationState.AtProvince && a.State != ApplicationState.Returned).Select(a => a.EnterpriseId).Distinct().CountAsync(),
            await applications.Where(a => a.State == ApplicationState.Recognised).Select(a => a.EnterpriseId).Distinct().CountAsync());
    }

    /// <summary>规上 enterprises in scope at 基础级 or above, and how many registered 规上 enterprises there are.</summary>
    public async Task<(int AtBasic, int Registered)> AboveScaleAsync() => (
        await Latest.CountAsync(a => a.ReferenceLevel >= 2 && a.Enterprise!.IsAboveScale),
        await inScope.CountAsync(e => e.IsAboveScale));
}
