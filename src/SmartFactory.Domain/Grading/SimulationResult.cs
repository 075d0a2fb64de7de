namespace SmartFactory.Domain.Grading;

/// <summary>
/// What a policy simulation found: each latest submission's stored reference level (from) against its level under the
/// draft rule set (to), over the whole scope and per city, county and industry. Plain records of numbers and codes, so
/// that System.Text.Json writes and reads it as it is (the web app stores it as JSON).
/// </summary>
/// <param name="Levels">The codes of the matrices' rows and columns: 0 none (below 智能车间), 1 workshop … 5 leading.</param>
/// <param name="Unreadable">Submissions that could not be regraded (their snapshot unreadable); not in any figure.</param>
/// <param name="UnreadableAssessmentIds">The first <see cref="PolicySimulation.UnreadableListed"/> of them.</param>
public sealed record SimulationResult(
    string RuleSetId,
    string RuleSetVersion,
    string CatalogEdition,
    SimulationGoal Goal,
    IReadOnlyList<string> Levels,
    SimulationFigures Total,
    IReadOnlyList<SimulationFigures> ByCity,
    IReadOnlyList<SimulationFigures> ByCounty,
    IReadOnlyList<SimulationFigures> ByIndustry,
    int Unreadable,
    IReadOnlyList<int> UnreadableAssessmentIds);

/// <summary>The draft's goal for 规上 enterprises: <paramref name="Share"/> of them at <paramref name="Tier"/> (a code) or above by a year.</summary>
public sealed record SimulationGoal(string Tier, decimal Share, int ByYear);

/// <summary>The figures of one group of submissions (the whole scope, a city, a county or an industry).</summary>
/// <param name="Code">The city or county code (GB/T 2260) or industry division (GB/T 4754); null for the whole scope.</param>
/// <param name="Matrix">Submissions by [from level][to level], 6 × 6 in the order of <see cref="SimulationResult.Levels"/>.</param>
/// <param name="Up">Submissions whose level rises under the draft; <paramref name="Down"/> falls, <paramref name="Same"/> stays.</param>
/// <param name="AboveScale">规上 submissions: the denominator of both shares.</param>
/// <param name="AtGoalBefore">规上 submissions at the goal tier or above at their stored level; <paramref name="AtGoalAfter"/> under the draft.</param>
/// <param name="ShareBefore">AtGoalBefore / AboveScale, four decimals (0 without 规上 submissions); <paramref name="ShareAfter"/> likewise.</param>
public sealed record SimulationFigures(
    string? Code,
    int Submissions,
    int Up,
    int Same,
    int Down,
    IReadOnlyList<IReadOnlyList<int>> Matrix,
    int AboveScale,
    int AtGoalBefore,
    int AtGoalAfter,
    decimal ShareBefore,
    decimal ShareAfter);

/// <summary>One enterprise whose level the draft changes, for the list and its export.</summary>
public readonly record struct LevelChange(int EnterpriseId, int AssessmentId, Tier? From, Tier? To);
