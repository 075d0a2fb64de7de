using SmartFactory.Domain;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Web.Data;

/// <summary>
/// An enterprise's roadmap target (decision 031): the tier and year it aims for, and its own cost estimates — one per
/// scenario step where it differs from 1, and one per AI flag. One row per enterprise, written whole on each save.
/// </summary>
public sealed class RoadmapTarget
{
    public int EnterpriseId { get; set; }

    /// <summary>Tier ordinal, 1 (workshop) … 5 (leading).</summary>
    public int Tier { get; set; }
    public int Year { get; set; }
    public int AiFlagCost { get; set; } = 1;

    /// <summary>"no:cost" pairs, comma-separated, only for scenarios whose estimate is not 1.</summary>
    public string StepCosts { get; set; } = "";
    public DateTime UpdatedAt { get; set; }
    public int UpdatedBy { get; set; }

    public Tier TargetTier => (Tier)Tier;

    public PlanCosts Costs => new(ParseSteps(StepCosts), AiFlagCost);

    public static Dictionary<int, int> ParseSteps(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split(':')).ToDictionary(p => int.Parse(p[0]), p => int.Parse(p[1]));

    public static string FormatSteps(IEnumerable<KeyValuePair<int, int>> steps) =>
        string.Join(",", steps.Where(s => s.Value != 1).OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"));
}
