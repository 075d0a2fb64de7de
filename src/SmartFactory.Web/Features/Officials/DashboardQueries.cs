using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// The dashboard's figures, read from the rollups only (decision 015): each is a sum over the rollup rows of the
/// official's division, a few thousand at most, whatever the number of enterprises. The rollups move with every
/// registration, submission and application step (<see cref="Rollups.MaintainAsync"/>).
/// </summary>
public sealed class DashboardQueries(AppDbContext db, Official me, int? year, string? city = null)
{
    private string? County => me.Level == OfficialLevel.County ? me.DivisionCode : null;
    private string? City => me.Level == OfficialLevel.City ? me.DivisionCode : city;

    /// <summary>
    /// The rows of one kind in the official's division (narrowed to <c>city</c> when the province views one), of the chosen
    /// year when the kind is by year: the division's own rows, or with <paramref name="groupBy"/> "city" or "county" the
    /// rows of its cities or counties (<see cref="Rollups.AtLevel"/>).
    /// </summary>
    private IQueryable<Rollup> Rows(string kind, bool byYear = false, string? groupBy = null)
    {
        var rows = db.Rollups.AsNoTracking().Where(r => r.Kind == kind).InScope(me);
        rows = groupBy switch
        {
            "city" => rows.Where(r => r.City != "" && r.County == ""),
            "county" when County is null => City is { } c ? rows.Where(r => r.City == c && r.County != "") : rows.Where(r => r.County != ""),
            _ => rows.AtLevel(City, County),
        };
        return byYear && year is int y ? rows.Where(r => r.Year == y) : rows;
    }

    public sealed record LevelCount(string Group, int? Level, int Count);

    /// <summary>Enterprises by reference level (null = not submitted) per county or city, or per industry.</summary>
    public async Task<List<LevelCount>> LevelsByAsync(string groupBy)
    {
        var registered = await Grouped(Rows(RollupKinds.Enterprises, groupBy: groupBy).Where(r => r.Key == RollupKinds.All), groupBy);
        var submitted = await Grouped(Rows(RollupKinds.Level, byYear: true, groupBy: groupBy), groupBy);
        var byGroup = submitted.ToLookup(s => s.Group);
        return registered
            .SelectMany(g => byGroup[g.Group].Select(s => new LevelCount(g.Group, int.Parse(s.Key), (int)s.Count))
                .Append(new LevelCount(g.Group, null, (int)(g.Count - byGroup[g.Group].Sum(s => s.Count)))))
            .Where(c => c.Count > 0)
            .ToList();
    }

    private sealed record GroupSum(string Group, string Key, long Count);

    private static Task<List<GroupSum>> Grouped(IQueryable<Rollup> rows, string groupBy) => (groupBy switch
    {
        "city" => rows.GroupBy(r => new { Group = r.City, r.Key }),
        "county" => rows.GroupBy(r => new { Group = r.County, r.Key }),
        _ => rows.GroupBy(r => new { Group = r.Industry, r.Key }),
    }).Select(g => new GroupSum(g.Key.Group, g.Key.Key, g.Sum(r => r.Count))).ToListAsync();

    public sealed record Cell(int ScenarioNo, int Level, int Count);

    /// <summary>Scenario adoption: how many latest submissions rate each scenario at each tier.</summary>
    public async Task<List<Cell>> HeatmapAsync() =>
        (await ByKeyAsync(Rows(RollupKinds.Rating, byYear: true)))
        .Select(c => c.Key.Split(':') is [var no, var level] ? new Cell(int.Parse(no), int.Parse(level), (int)c.Count) : throw new FormatException(c.Key))
        .ToList();

    public sealed record Figure(string Code, double Value, int Count);

    public async Task<List<Figure>> StageAveragesAsync() =>
        (await FiguresAsync(Assessments.FigureKinds.Stage)).Select(f => new Figure(f.Key, f.Tenths / 10.0 / f.Count, (int)f.Count)).ToList();

    /// <summary>The gates or scenarios that most often stand between enterprises and their next tier.</summary>
    public async Task<List<Figure>> BlockersAsync(string kind, int top) =>
        (await FiguresAsync(kind))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Key, StringComparer.Ordinal).Take(top)
            .Select(f => new Figure(f.Key, f.Count, (int)f.Count)).ToList();

    private Task<List<KeySum>> FiguresAsync(string figureKind) => ByKeyAsync(Rows(RollupKinds.Figure(figureKind), byYear: true));

    private sealed record KeySum(string Key, long Count, long Tenths);

    /// <summary>The rows summed per key, keys whose count is back to zero left out.</summary>
    private static async Task<List<KeySum>> ByKeyAsync(IQueryable<Rollup> rows) =>
        (await rows.GroupBy(r => r.Key).Select(g => new KeySum(g.Key, g.Sum(r => r.Count), g.Sum(r => r.Tenths))).ToListAsync())
        .Where(k => k.Count > 0).ToList();

    public sealed record FilingCount(int Level, int Filed, int Acknowledged);

    /// <summary>
    /// 备案 in scope (decision 025), by level: each enterprise once, by its most recent filing, and how many of those the
    /// county has acknowledged. Counted in SQL over the filings table, whatever the year chosen: a filing stands until the next.
    /// </summary>
    public Task<List<FilingCount>> FilingsAsync()
    {
        var filings = db.Filings.AsNoTracking().InScope(me);
        if (me.Level == OfficialLevel.Province && city is not null)
        {
            filings = filings.Where(f => f.CityCode == city);
        }
        return filings.Where(f => !db.Filings.Any(later => later.EnterpriseId == f.EnterpriseId && later.Id > f.Id))
            .GroupBy(f => f.Level)
            .Select(g => new FilingCount(g.Key, g.Count(), g.Count(f => f.AcknowledgedAt != null)))
            .ToListAsync();
    }

    public sealed record Funnel(int Registered, int Started, int Submitted, int Applied, int Recommended, int Recognised);

    public async Task<Funnel> FunnelAsync()
    {
        Task<long> Total(IQueryable<Rollup> rows) => rows.SumAsync(r => r.Count);
        return new Funnel(
            (int)await Total(Rows(RollupKinds.Enterprises).Where(r => r.Key == RollupKinds.All)),
            (int)await Total(Rows(RollupKinds.Started)),
            (int)await Total(Rows(RollupKinds.Level, byYear: true)),
            (int)await Total(Rows(RollupKinds.Applied)),
            (int)await Total(Rows(RollupKinds.Recommended)),
            (int)await Total(Rows(RollupKinds.Recognised)));
    }

    /// <summary>规上 enterprises in scope at the goal's tier or above, and how many registered 规上 enterprises there are.</summary>
    public async Task<(int AtGoal, int Registered)> AboveScaleAsync(Tier goal)
    {
        var levels = await ByKeyAsync(Rows(RollupKinds.LevelAboveScale, byYear: true));
        var registered = await Rows(RollupKinds.Enterprises).Where(r => r.Key == RollupKinds.AboveScale).SumAsync(r => r.Count);
        return ((int)levels.Where(l => int.Parse(l.Key) >= (int)goal).Sum(l => l.Count), (int)registered);
    }

    public sealed record YearLevelCount(int Year, int Level, int Count);

    /// <summary>
    /// Levels over the rounds: for every year, each enterprise in scope counted once, by the reference level of its last
    /// submission of that year. All years, whatever year the dashboard is narrowed to: a trend of one year says nothing.
    /// </summary>
    public async Task<List<YearLevelCount>> TrendAsync() =>
        (await Rows(RollupKinds.Yearly)
            .GroupBy(r => new { r.Year, r.Key }).Select(g => new { g.Key.Year, g.Key.Key, Count = g.Sum(r => r.Count) }).ToListAsync())
        .Where(r => r.Count > 0).Select(r => new YearLevelCount(r.Year, int.Parse(r.Key), (int)r.Count)).ToList();

    public sealed record RegionGoal(string Region, int AtGoal, int AboveScale);

    /// <summary>
    /// <see cref="AboveScaleAsync"/> per city or county code (<paramref name="groupBy"/> "city" or "county"): 规上 enterprises in
    /// scope whose latest submission (of the year, when one is chosen) is at the goal's tier or above, and all registered 规上
    /// enterprises. Regions without a registered 规上 enterprise are absent.
    /// </summary>
    public async Task<List<RegionGoal>> GoalByRegionAsync(string groupBy, Tier goal)
    {
        var registered = await Grouped(Rows(RollupKinds.Enterprises, groupBy: groupBy).Where(r => r.Key == RollupKinds.AboveScale), groupBy);
        var atGoal = (await Grouped(Rows(RollupKinds.LevelAboveScale, byYear: true, groupBy: groupBy), groupBy))
            .Where(l => int.Parse(l.Key) >= (int)goal).GroupBy(l => l.Group).ToDictionary(g => g.Key, g => g.Sum(l => l.Count));
        return registered.Where(r => r.Count > 0).Select(r => new RegionGoal(r.Group, (int)atGoal.GetValueOrDefault(r.Group), (int)r.Count)).ToList();
    }
}
