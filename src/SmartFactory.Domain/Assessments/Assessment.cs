namespace SmartFactory.Domain.Assessments;

/// <summary>How an enterprise rates one scenario: a tier (null = not built) and whether it applies AI.</summary>
public readonly record struct ScenarioRating(Tier? Level, bool Ai);

/// <summary>What the grader needs of a self-assessment.</summary>
public sealed record Assessment
{
    public required string Edition { get; init; }

    /// <summary>The rule-set version asked for ("JS-2026@2026.1"); null grades with the version in force.</summary>
    public string? RuleSetKey { get; init; }
    public required decimal DtScore { get; init; }
    public required int CmmmLevel { get; init; }
    public bool BasicRequirementsMet { get; init; }

    /// <summary>Ratings by scenario number; a scenario absent here is not built.</summary>
    public IReadOnlyDictionary<int, ScenarioRating> Ratings { get; init; } = new Dictionary<int, ScenarioRating>();

    public ScenarioRating RatingOf(int no) => Ratings.TryGetValue(no, out var rating) ? rating : default;
}
