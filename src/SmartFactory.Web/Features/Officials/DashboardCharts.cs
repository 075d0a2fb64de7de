using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// What the dashboard's ECharts charts draw (wwwroot/js/dashboard-charts.js), embedded in the page as JSON; the same
/// figures are in the page's tables for readers without script. Built from the dashboard's queries, no query of its own.
/// </summary>
public sealed record DashboardCharts(ChoroplethMap? Map, LevelTrend Trend, GoalProgress? Goal)
{
    /// <summary>Reference level ordinal from which an enterprise counts as "at 基础级 or above" on the map.</summary>
    public const int MapLevel = 2;

    // HTML-sensitive characters stay escaped (no "</script>" can close the block); Chinese stays readable in the source.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// One area per region of the map: the 13 cities (map "320000") or the counties of one city (map = its code). The share is
    /// of all registered enterprises, the not-submitted included. Regions without a boundary (development zones) are listed apart.
    /// </summary>
    public static ChoroplethMap RegionMap(string mapCode, IEnumerable<(string Code, string Name, int[] Counts)> regions, Func<string, string?> link) =>
        new(mapCode, $"/lib/jiangsu-geo/{mapCode}.json", DashboardModel.LevelNames, Charts.LevelColours,
            regions.Select(r => new MapRegion(r.Code, r.Name, r.Counts, r.Counts.Sum(), r.Counts.Skip(MapLevel + 1).Sum(),
                r.Counts.Sum() == 0 ? 0 : Math.Round((double)r.Counts.Skip(MapLevel + 1).Sum() / r.Counts.Sum(), 4), link(r.Code)))
            .ToList());

    /// <summary>Per year the count at each reference level (0 = below 智能车间 … 5), years in order.</summary>
    public static LevelTrend TrendOf(IReadOnlyList<DashboardQueries.YearLevelCount> rows)
    {
        var years = rows.Select(r => r.Year).Distinct().Order().ToArray();
        var counts = Enumerable.Range(0, Tiers.Count + 1)
            .Select(level => years.Select(y => rows.Where(r => r.Year == y && r.Level == level).Sum(r => r.Count)).ToArray())
            .ToArray();
        return new LevelTrend(years, DashboardModel.LevelNames[1..], Charts.LevelColours[1..], counts);
    }

    /// <summary>Regions by share at the goal tier; a configured 规上 count of the region replaces the registered one as denominator.</summary>
    public static GoalProgress GoalOf(AboveScaleGoal goal, IEnumerable<DashboardQueries.RegionGoal> rows, IReadOnlyDictionary<string, int> targets, Func<string, string> name) =>
        new(goal.Tier.ChineseName(), (double)goal.Share.Value, goal.ByYear.Value, rows
            .Select(r =>
            {
                var configured = targets.TryGetValue(r.Region, out var target) && target > 0;
                var of = configured ? target : r.AboveScale;
                return new GoalRegion(r.Region, name(r.Region), r.AtGoal, of, configured, of == 0 ? 0 : Math.Round((double)r.AtGoal / of, 4));
            })
            .OrderByDescending(r => r.Share).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList());
}

public sealed record ChoroplethMap(string Code, string Geo, string[] LevelNames, string[] Colours, List<MapRegion> Regions);

/// <param name="Counts">By <see cref="DashboardModel.LevelNames"/>: not submitted, below 智能车间, then the five tiers.</param>
/// <param name="Url">Where a click on the region goes.</param>
public sealed record MapRegion(string Code, string Name, int[] Counts, int Registered, int AtBasic, double Share, string? Url);

/// <param name="Counts">[level][year index].</param>
public sealed record LevelTrend(int[] Years, string[] LevelNames, string[] Colours, int[][] Counts);

public sealed record GoalProgress(string Tier, double Target, int ByYear, List<GoalRegion> Regions);

/// <param name="Of">The denominator: the configured 规上 count when <paramref name="Configured"/>, else the registered 规上 enterprises.</param>
public sealed record GoalRegion(string Code, string Name, int AtGoal, int Of, bool Configured, double Share);
