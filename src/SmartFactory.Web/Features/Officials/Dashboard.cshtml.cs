using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The division's progress at a glance: levels by region and industry, adoption, stage averages, funnel, goal, blockers.</summary>
public sealed class DashboardModel(AppDbContext db, Regions regions, EditionLibrary editions) : OfficialPage(db, regions)
{
    /// <summary>The province's goal for 规上 enterprises (half at 基础级 or above by 2027 in JS-2026), from the current rule set.</summary>
    public AboveScaleGoal Goal => editions.CurrentRuleSet.AboveScaleGoal;

    public string GoalSource => editions.CurrentRuleSet.Label(Goal.Share.Provenance);

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    /// <summary>A city code from the query (?city=320500): narrows a province official's dashboard to that city; ignored for others.</summary>
    [BindProperty(SupportsGet = true)]
    public string? City { get; set; }

    /// <summary>The city a province official is looking into, when <see cref="City"/> names one.</summary>
    public City? ViewedCity => Me.Level == OfficialLevel.Province ? Regions.City(City) : null;

    /// <summary>The division whose figures the page shows: the official's own, or the city a province official chose.</summary>
    public string ViewedDivision => ViewedCity?.Code ?? Me.DivisionCode;

    /// <summary>Rows of the region table and map: cities for the whole province, counties inside a city or county.</summary>
    public bool ByCity => Me.Level == OfficialLevel.Province && ViewedCity is null;

    public DashboardCharts ChartData { get; private set; } = null!;

    public Catalog Catalog => editions.Current;

    /// <summary>Level columns: not submitted, below 智能车间, then the five tiers.</summary>
    public static readonly string[] LevelNames = ["未提交", .. Enumerable.Range(0, Tiers.Count + 1).Select(l => Tiers.ReferenceLevelName(l))];

    public List<(string Name, int[] Counts)> ByRegion { get; private set; } = [];
    public List<(string Name, int[] Counts)> ByIndustry { get; private set; } = [];
    public Dictionary<(int No, int Level), int> Heat { get; private set; } = [];
    public int HeatMax { get; private set; }
    public List<(string Label, double Value)> StageAverages { get; private set; } = [];
    public DashboardQueries.Funnel Funnel { get; private set; } = null!;
    public int AboveScaleAtGoal { get; private set; }
    public int AboveScaleTotal { get; private set; }
    public bool TargetConfigured { get; private set; }
    public List<(string Label, double Value)> GateBlockers { get; private set; } = [];
    public List<(string Label, double Value)> ScenarioBlockers { get; private set; } = [];
    public List<DashboardQueries.FilingCount> Filings { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var q = new DashboardQueries(Db, Me, Year, ViewedCity?.Code);
        var regionKey = ByCity ? "city" : "county";
        var regions = Pivot(await q.LevelsByAsync(regionKey));
        ByRegion = regions.Select(r => (Regions.DivisionName(r.Code), r.Counts)).ToList();
        ByIndustry = Pivot(await q.LevelsByAsync("industry")).Take(15).Select(r => ($"{r.Code} {Regions.Industry(r.Code)?.Name}", r.Counts)).ToList();
        var cells = await q.HeatmapAsync();
        Heat = cells.ToDictionary(c => (c.ScenarioNo, c.Level), c => c.Count);
        HeatMax = cells.Select(c => c.Count).DefaultIfEmpty(0).Max();
        var averages = await q.StageAveragesAsync();
        StageAverages = Catalog.Stages.Select((s, i) => (s, averages.FirstOrDefault(a => a.Code == (i + 1).ToString())?.Value ?? 0)).ToList();
        Funnel = await q.FunnelAsync();
        Filings = await q.FilingsAsync();
        (AboveScaleAtGoal, AboveScaleTotal) = await q.AboveScaleAsync(Goal.Tier);
        var targets = await Db.DivisionTargets.AsNoTracking().Where(t => t.AboveScaleEnterprises > 0)
            .ToDictionaryAsync(t => t.DivisionCode, t => t.AboveScaleEnterprises);
        if (targets.TryGetValue(ViewedDivision, out var target))
        {
            (AboveScaleTotal, TargetConfigured) = (target, true);
        }
        ChartData = await ChartsAsync(q, regionKey, regions, targets);
        GateBlockers = (await q.BlockersAsync(FigureKinds.Gate, 7))
            .Select(b => (Enum.GetValues<Gate>().First(g => g.Code() == b.Code).ChineseName(), (double)b.Count)).ToList();
        ScenarioBlockers = (await q.BlockersAsync(FigureKinds.Scenario, 10))
            .Select(b => ($"{b.Code}. {Catalog.Find(int.Parse(b.Code))?.Name}", (double)b.Count)).ToList();
    }

    /// <summary>
    /// The map of the cities (province) or of the counties of the city in view, the trend, and the goal per region; a county
    /// official gets the trend only, since a map or ranking of one county says no more than the figures above it.
    /// </summary>
    private async Task<DashboardCharts> ChartsAsync(DashboardQueries q, string regionKey, List<(string Code, int[] Counts)> regions, Dictionary<string, int> targets)
    {
        var trend = DashboardCharts.TrendOf(await q.TrendAsync());
        if (Me.Level == OfficialLevel.County)
        {
            return new DashboardCharts(null, trend, null);
        }
        var mapCode = ByCity ? Regions.Province.Code : ViewedDivision;
        // A city opens its own dashboard; a county, the enterprise list of that county (same year either way).
        var map = DashboardCharts.RegionMap(mapCode, regions.Select(r => (r.Code, ShortName(r.Code), r.Counts)), code => ByCity
            ? $"/Officials/Dashboard?city={code}" + (Year is int y ? $"&Year={y}" : "")
            : $"/Officials?Filter.County={code}" + (Year is int year ? $"&Filter.Year={year}" : ""));
        var goal = DashboardCharts.GoalOf(Goal, await q.GoalByRegionAsync(regionKey, Goal.Tier), targets, ShortName);
        return new DashboardCharts(map, trend, goal);
    }

    /// <summary>A city's name, or a county's without its city: the names of the boundary files (decision 017).</summary>
    private string ShortName(string code) => Regions.City(code)?.Name ?? Regions.County(code)?.Name ?? code;

    /// <summary>Rows by total, ties by code: PostgreSQL returns groups in no fixed order, SQLite returned them by code.</summary>
    private static List<(string Code, int[] Counts)> Pivot(List<DashboardQueries.LevelCount> rows) => rows
        .GroupBy(r => r.Group)
        .Select(g =>
        {
            var counts = new int[LevelNames.Length];
            foreach (var r in g)
            {
                counts[r.Level is int l ? l + 1 : 0] += r.Count;
            }
            return (Code: g.Key, Counts: counts);
        })
        .OrderByDescending(r => r.Counts.Sum()).ThenBy(r => r.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>The CSS class of a heatmap cell: six steps of intensity.</summary>
    public string HeatClass(int count) => count == 0 || HeatMax == 0 ? "heat-0" : $"heat-{Math.Min(5, 1 + 5 * (count - 1) / HeatMax)}";

    public double AboveScaleShare => AboveScaleTotal == 0 ? 0 : (double)AboveScaleAtGoal / AboveScaleTotal;
}
