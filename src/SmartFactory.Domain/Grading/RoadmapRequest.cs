using System.Globalization;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Grading;

/// <summary>A roadmap target as the enterprise saves it: a tier, a year and its cost estimates (decision 031).</summary>
public sealed record RoadmapRequest(Tier Tier, int Year, PlanCosts Costs)
{
    /// <summary>How far ahead a target year may lie.</summary>
    public const int YearsAhead = 10;

    /// <summary>Field names of the problems, so each caller puts the message beside its own field.</summary>
    public const string TierField = "tier", YearField = "year", AiField = "aiFlagCost";

    public static string StepField(int no) => $"step{no}";

    /// <summary>
    /// Reads the typed values; every value is checked, so all refusals come back at once, each with its field and a
    /// Chinese message. Empty step estimates mean 1. A refused request saves nothing.
    /// </summary>
    public static (RoadmapRequest? Value, List<(string Field, string Message)> Problems) Read(
        string? tier, string? year, string? aiFlagCost, IReadOnlyDictionary<int, string?> steps, Catalog catalog, int thisYear)
    {
        var problems = new List<(string, string)>();
        if (!Tiers.TryParse(tier?.Trim(), out var target))
        {
            problems.Add((TierField, "请选择目标等级。"));
        }
        var lastYear = thisYear + YearsAhead;
        if (!int.TryParse(year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y < thisYear || y > lastYear)
        {
            problems.Add((YearField, $"目标年份须为 {thisYear}–{lastYear} 之间的年份。"));
        }
        var ai = Cost(aiFlagCost, AiField, problems);
        var costs = new Dictionary<int, int>();
        foreach (var (no, text) in steps)
        {
            if (catalog.Find(no) is null)
            {
                problems.Add((StepField(no), $"场景目录中没有场景 {no}。"));
                continue;
            }
            costs[no] = Cost(text, StepField(no), problems);
        }
        return problems.Count > 0 ? (null, problems) : (new RoadmapRequest(target, y, new PlanCosts(costs, ai)), problems);
    }

    private static int Cost(string? text, string field, List<(string, string)> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cost) && PlanCosts.IsValid(cost))
        {
            return cost;
        }
        problems.Add((field, $"成本估计须为 1–{PlanCosts.Max} 之间的整数。"));
        return 1;
    }
}
