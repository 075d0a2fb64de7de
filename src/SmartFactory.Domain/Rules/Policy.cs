using SmartFactory.Domain.Enterprises;

namespace SmartFactory.Domain.Rules;

/// <summary>The province's goal for 规上 enterprises: a share of them at a tier or above by a year (dashboards measure against it).</summary>
public sealed record AboveScaleGoal(Tier Tier, Sourced<decimal> Share, Sourced<int> ByYear);

/// <summary>When a submission is flagged for reviewers: ratings far above what the CMMM level suggests, or a jump since the last one.</summary>
/// <param name="FarAboveCmmm">A CMMM level n suggests scenarios around tier n + 1; this many tiers above that is far.</param>
/// <param name="JumpTiers">A reference level this many tiers above the previous submission's is a jump.</param>
public sealed record ReviewThresholds(Sourced<int> FarAboveCmmm, Sourced<int> JumpTiers);

/// <summary>The 基本要求 of one rule-set version, attested item by item with every assessment.</summary>
public sealed record BasicRequirementList(IReadOnlyList<BasicRequirement> Items, Provenance Provenance)
{
    public IEnumerable<string> Keys => Items.Select(r => r.Key);

    /// <summary>Whether every requirement of this list is attested; keys of other lists do not count.</summary>
    public bool AllMet(IEnumerable<string> attestedKeys)
    {
        var set = attestedKeys.ToHashSet();
        return Items.All(r => set.Contains(r.Key));
    }
}
