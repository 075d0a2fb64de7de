using FsCheck;
using FsCheck.Fluent;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>The bundled rule set with some gates of some tiers changed, as an administrator's draft might change them.</summary>
public sealed record DraftRuleSet(RuleSet Value, string Changes)
{
    public override string ToString() => Changes.Length == 0 ? "unchanged" : Changes;
}

public static class RuleSetVariants
{
    public static Arbitrary<DraftRuleSet> Drafts() => Arb.From(Draft(Bundled.RuleSet));

    /// <summary>
    /// Each gate of each tier kept (half the time), dropped or set to a new value; the values stay near the bundled
    /// ones often enough that every tier is still reached by some assessments.
    /// </summary>
    private static Gen<DraftRuleSet> Draft(RuleSet bundled) =>
        from tiers in Gen.CollectToArray(bundled.Tiers, Vary)
        select new DraftRuleSet(bundled with { Version = "draft", Tiers = tiers.Select(t => t.Rule).ToArray() }, string.Join("; ", tiers.Select(t => t.Changes).Where(c => c.Length > 0)));

    private static Gen<(TierRule Rule, string Changes)> Vary(TierRule rule) =>
        from dt in Maybe(rule.MinDtScore, Gen.Choose(40, 95).Select(v => (decimal)v))
        from cmmm in Maybe(rule.MinCmmmLevel, Gen.Choose(0, 5))
        from basic in Maybe(rule.BasicRequirements, Gen.Elements(true, false))
        from scenarios in Maybe(rule.MinScenarios, Gen.Choose(0, 24))
        from required in Maybe(rule.RequiredStages, Stages())
        from stages in Maybe(rule.MinStagesCovered, Gen.Choose(0, 8))
        from ai in Maybe(rule.MinAiShare, Gen.Elements(0m, 0.1m, 0.2m, 0.34m, 0.5m, 0.6m, 1m))
        let changed = rule with
        {
            MinDtScore = dt, MinCmmmLevel = cmmm, BasicRequirements = basic, MinScenarios = scenarios,
            RequiredStages = required, MinStagesCovered = stages, MinAiShare = ai,
        }
        select (changed, Describe(rule, changed));

    /// <summary>Up to three stages of the catalog (the rule-set loader refuses one the catalog does not have).</summary>
    private static Gen<IReadOnlyList<string>> Stages() =>
        from count in Gen.Choose(0, 3)
        from chosen in Gen.ArrayOf(Gen.Elements(Bundled.Catalog.Stages.ToArray()), count)
        select (IReadOnlyList<string>)chosen.Distinct().ToArray();

    /// <summary>The gate as it was (half the time), absent, or with a new value.</summary>
    private static Gen<Sourced<T>?> Maybe<T>(Sourced<T>? current, Gen<T> value) =>
        Gen.OneOf(
            Gen.Constant(current),
            Gen.Constant(current),
            Gen.Constant<Sourced<T>?>(null),
            value.Select(v => (Sourced<T>?)new Sourced<T>(v, Provenance.Placeholder)));

    private static string Describe(TierRule before, TierRule after)
    {
        var changes = new List<string>();
        void Note<T>(string name, Sourced<T>? was, Sourced<T>? now)
        {
            if (!ReferenceEquals(was, now))
            {
                changes.Add($"{name} {Show(now)}");
            }
        }
        Note("dt", before.MinDtScore, after.MinDtScore);
        Note("cmmm", before.MinCmmmLevel, after.MinCmmmLevel);
        Note("basic", before.BasicRequirements, after.BasicRequirements);
        Note("scenarios", before.MinScenarios, after.MinScenarios);
        Note("requiredStages", before.RequiredStages, after.RequiredStages);
        Note("stages", before.MinStagesCovered, after.MinStagesCovered);
        Note("ai", before.MinAiShare, after.MinAiShare);
        return changes.Count == 0 ? "" : $"{after.Tier.Code()}: {string.Join(", ", changes)}";
    }

    private static string Show<T>(Sourced<T>? value) => value switch
    {
        null => "none",
        Sourced<IReadOnlyList<string>> stages => $"[{string.Join("、", stages.Value)}]",
        _ => $"{value.Value}",
    };
}
