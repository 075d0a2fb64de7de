using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>Builds assessments over the bundled JS-2026 catalog: <c>Enterprise.With(dt: 72).Rate(Tier.Basic, 8, 9).Grade()</c>.</summary>
internal sealed record Enterprise
{
    public decimal DtScore { get; init; }
    public int CmmmLevel { get; init; }
    public bool Basic { get; init; }
    public IReadOnlyDictionary<int, ScenarioRating> Ratings { get; init; } = new Dictionary<int, ScenarioRating>();

    public static Enterprise With(decimal dt = 0, int cmmm = 0, bool basic = false) => new() { DtScore = dt, CmmmLevel = cmmm, Basic = basic };

    /// <summary>An enterprise that meets every non-scenario gate of every tier.</summary>
    public static Enterprise Qualified => With(dt: 100, cmmm: 5, basic: true);

    public Enterprise Rate(Tier? level, params int[] nos) => Rate(level, ai: false, nos);

    public Enterprise RateWithAi(Tier level, params int[] nos) => Rate(level, ai: true, nos);

    public Enterprise Rate(Tier? level, bool ai, params int[] nos)
    {
        var ratings = new Dictionary<int, ScenarioRating>(Ratings);
        foreach (var no in nos)
        {
            ratings[no] = new ScenarioRating(level, ai);
        }
        return this with { Ratings = ratings };
    }

    public Assessment Build() => new()
    {
        Edition = "JS-2026",
        DtScore = DtScore,
        CmmmLevel = CmmmLevel,
        BasicRequirementsMet = Basic,
        Ratings = new Dictionary<int, ScenarioRating>(Ratings),
    };

    public GradeResult Grade() => Grader.Grade(Build(), Bundled.Catalog, Bundled.RuleSet);
}

internal static class GradeResults
{
    public static TierEvaluation At(this GradeResult result, Tier tier) => result.Tiers.Single(t => t.Tier == tier);

    public static GateCheck Check(this GradeResult result, Tier tier, Gate gate) => result.At(tier).Checks.Single(c => c.Gate == gate);

    public static decimal Number(this GateValue value) => Assert.IsType<NumberValue>(value).Value;

    public static IReadOnlyList<string> Stages(this GateValue value) => Assert.IsType<StagesValue>(value).Stages;
}
