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
    public AboveScaleGoal Goal => editions.RuleSetFor(editions.CurrentEdition)!.AboveScaleGoal;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

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

    public async Task OnGetAsync()
    {
        var q = new DashboardQueries(Db, Me, Year);
        var regionKey = Me.Level == OfficialLevel.Province ? "city" : "county";
        ByRegion = Pivot(await q.LevelsByAsync(regionKey), code => Regions.DivisionName(code));
        ByIndustry = Pivot(await q.LevelsByAsync("industry"), code => $"{code} {Regions.Industry(code)?.Name}").Take(15).ToList();
        var cells = await q.HeatmapAsync();
        Heat = cells.ToDictionary(c => (c.ScenarioNo, c.Level), c => c.Count);
        HeatMax = cells.Select(c => c.Count).DefaultIfEmpty(0).Max();
        var averages = await q.StageAveragesAsync();
        StageAverages = Catalog.Stages.Select((s, i) => (s, averages.FirstOrDefault(a => a.Code == (i + 1).ToString())?.Value ?? 0)).ToList();
        Funnel = await q.FunnelAsync();
        (AboveScaleAtGoal, AboveScaleTotal) = await q.AboveScaleAsync(Goal.Tier);
        var target = await Db.DivisionTargets.AsNoTracking().FirstOrDefaultAsync(t => t.DivisionCode == Me.DivisionCode);
        if (target is { AboveScaleEnterprises: > 0 })
        {
            (AboveScaleTotal, TargetConfigured) = (target.AboveScaleEnterprises, true);
        }
        GateBlockers = (await q.BlockersAsync(FigureKinds.Gate, 7))
            .Select(b => (Enum.GetValues<Gate>().First(g => g.Code() == b.Code).ChineseName(), (double)b.Count)).ToList();
        ScenarioBlockers = (await q.BlockersAsync(FigureKinds.Scenario, 10))
            .Select(b => ($"{b.Code}. {Catalog.Find(int.Parse(b.Code))?.Name}", (double)b.Count)).ToList();
    }

    /// <summary>Rows by total, ties by code: PostgreSQL returns groups in no fixed order, SQLite returned them by code.</summary>
    private static List<(string Name, int[] Counts)> Pivot(List<DashboardQueries.LevelCount> rows, Func<string, string> name) => rows
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
        .Select(r => (name(r.Code), r.Counts)).ToList();

    /// <summary>The CSS class of a heatmap cell: six steps of intensity.</summary>
    public string HeatClass(int count) => count == 0 || HeatMax == 0 ? "heat-0" : $"heat-{Math.Min(5, 1 + 5 * (count - 1) / HeatMax)}";

    public double AboveScaleShare => AboveScaleTotal == 0 ? 0 : (double)AboveScaleAtGoal / AboveScaleTotal;
}
