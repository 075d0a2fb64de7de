namespace SmartFactory.Domain.Rules;

/// <summary>Where a number of the rule set comes from; shown to users beside the number.</summary>
public enum Provenance
{
    Seed,
    Notice,
    Inferred,
    Placeholder,
}

public static class Provenances
{
    public static string Code(this Provenance p) => p.ToString().ToLowerInvariant();

    public static string ChineseName(this Provenance p) => p switch
    {
        Provenance.Seed => "种子数据",
        Provenance.Notice => "公开通知",
        Provenance.Inferred => "推断",
        Provenance.Placeholder => "占位值",
        _ => throw new ArgumentOutOfRangeException(nameof(p)),
    };

    public static bool TryParse(string? text, out Provenance provenance)
    {
        foreach (var p in Enum.GetValues<Provenance>())
        {
            if (p.Code() == text)
            {
                provenance = p;
                return true;
            }
        }
        provenance = default;
        return false;
    }
}

/// <summary>How a provenance reads to an enterprise or an official: a short label beside each number, a note that explains it.</summary>
public sealed record ProvenanceText(string Label, string Note);

/// <summary>A number (or list) of the rule set, with where it comes from.</summary>
public sealed record Sourced<T>(T Value, Provenance Provenance);

/// <summary>The gates of one tier. A null gate does not apply to that tier.</summary>
public sealed record TierRule
{
    public required Tier Tier { get; init; }
    public required Sourced<decimal> RecommendFromDtScore { get; init; }
    public Sourced<decimal>? MinDtScore { get; init; }
    public Sourced<int>? MinCmmmLevel { get; init; }
    public Sourced<bool>? BasicRequirements { get; init; }
    public Sourced<int>? MinScenarios { get; init; }
    public Sourced<IReadOnlyList<string>>? RequiredStages { get; init; }
    public Sourced<int>? MinStagesCovered { get; init; }

    /// <summary>Share (0–1) of the scenarios counting at the tier that must be flagged "applies AI".</summary>
    public Sourced<decimal>? MinAiShare { get; init; }
}

/// <summary>A versioned rule set such as JS-2026 v2026.1, tied to one catalog edition.</summary>
public sealed record RuleSet
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string CatalogEdition { get; init; }
    public required string Title { get; init; }

    /// <summary>The five tiers in order, workshop first.</summary>
    public required IReadOnlyList<TierRule> Tiers { get; init; }

    /// <summary>What a submission needs to apply for 省先进级; null when the rule set defines no application.</summary>
    public Applications.ApplicationRule? Application { get; init; }

    /// <summary>What an enterprise attests with every assessment of this version.</summary>
    public required BasicRequirementList BasicRequirements { get; init; }

    public required AboveScaleGoal AboveScaleGoal { get; init; }

    public required ReviewThresholds ReviewFlags { get; init; }

    /// <summary>Peer groups smaller than this are not shown, so that no single enterprise can be read off a chart.</summary>
    public required Sourced<int> MinimumPeers { get; init; }

    /// <summary>What each provenance is called for the people who read the numbers; the rule-set file defines one per provenance.</summary>
    public required IReadOnlyDictionary<Provenance, ProvenanceText> ProvenanceTexts { get; init; }

    public string Label(Provenance provenance) => ProvenanceTexts[provenance].Label;

    /// <summary>The label of a provenance code as stored in a result; a code this version does not know is shown as it is.</summary>
    public string Label(string code) => Provenances.TryParse(code, out var p) ? Label(p) : code;

    public TierRule For(Tier tier) => Tiers[(int)tier - 1];
}
