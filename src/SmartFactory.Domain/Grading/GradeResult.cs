using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

public enum Gate
{
    DtScore,
    CmmmLevel,
    BasicRequirements,
    ScenarioCount,
    RequiredStages,
    StageCount,
    AiShare,
}

public static class Gates
{
    public static string Code(this Gate gate) => gate switch
    {
        Gate.DtScore => "dtScore",
        Gate.CmmmLevel => "cmmmLevel",
        Gate.BasicRequirements => "basicRequirements",
        Gate.ScenarioCount => "scenarioCount",
        Gate.RequiredStages => "requiredStages",
        Gate.StageCount => "stageCount",
        Gate.AiShare => "aiShare",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    public static string ChineseName(this Gate gate) => gate switch
    {
        Gate.DtScore => "数字化转型评估得分",
        Gate.CmmmLevel => "智能制造能力成熟度等级",
        Gate.BasicRequirements => "基本要求",
        Gate.ScenarioCount => "达到该等级的场景数",
        Gate.RequiredStages => "必须覆盖的环节",
        Gate.StageCount => "覆盖的环节数",
        Gate.AiShare => "应用人工智能的场景数",
        _ => throw new ArgumentOutOfRangeException(nameof(gate)),
    };

    /// <summary>Gates that only scenario ratings (and AI flags) can meet.</summary>
    public static bool IsScenarioGate(this Gate gate) => gate >= Gate.ScenarioCount;
}

/// <summary>A value on either side of a gate: a number, a yes/no, or a list of stages.</summary>
public abstract record GateValue;

public sealed record NumberValue(decimal Value) : GateValue;

public sealed record FlagValue(bool Value) : GateValue;

public sealed record StagesValue(IReadOnlyList<string> Stages) : GateValue;

/// <summary>
/// One gate of one tier: what the rule set requires, what the enterprise has, and whether it passes. The AI gate also
/// says what its required number is a share of (decision 010), so that it can be explained.
/// </summary>
public sealed record GateCheck(Gate Gate, GateValue Required, GateValue Actual, bool Passed, Provenance Provenance, AiShareBasis? Share = null);

/// <summary>The AI gate's required number is ⌈<see cref="Share"/> × <see cref="Counting"/>⌉: a share of the scenarios counting at the tier.</summary>
public sealed record AiShareBasis(decimal Share, int Counting);

public sealed record TierEvaluation(Tier Tier, bool Passed, IReadOnlyList<GateCheck> Checks);

public sealed record StageIndex(string Stage, decimal Index);

public sealed record ScenarioUpgrade(int No, Tier? From, Tier To, int Steps);

/// <summary>The cheapest set of scenario changes to the next tier, and the other gates still to meet.</summary>
public sealed record UpgradePlan(Tier Target, int Cost, IReadOnlyList<ScenarioUpgrade> Upgrades, IReadOnlyList<int> AiFlags, IReadOnlyList<GateCheck> OtherActions);

public sealed record GradeResult
{
    public required string Edition { get; init; }
    public required string RuleSetId { get; init; }
    public required string RuleSetVersion { get; init; }
    public required Tier? RecommendedTier { get; init; }
    public required Tier? ReferenceLevel { get; init; }
    public required decimal Index { get; init; }
    public required IReadOnlyList<StageIndex> StageIndexes { get; init; }
    public required Tier? NextTier { get; init; }
    public required IReadOnlyList<TierEvaluation> Tiers { get; init; }
    public required UpgradePlan? Plan { get; init; }
}
