using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>Grades a self-assessment against a catalog and a rule set: pure, with every gate explained.</summary>
public static class Grader
{
    public static GradeResult Grade(Assessment assessment, Catalog catalog, RuleSet ruleSet)
    {
        var tiers = new TierEvaluation[Tiers.Count];
        Tier? reference = null;
        var allBelowPassed = true;
        foreach (var tier in Tiers.All)
        {
            var evaluation = Evaluate(assessment, catalog, ruleSet.For(tier));
            tiers[(int)tier - 1] = evaluation;
            allBelowPassed &= evaluation.Passed;
            if (allBelowPassed)
            {
                reference = tier;
            }
        }
        var next = reference.Above();
        return new GradeResult
        {
            Edition = catalog.Edition,
            RuleSetId = ruleSet.Id,
            RuleSetVersion = ruleSet.Version,
            RecommendedTier = RecommendedTier(assessment.DtScore, ruleSet),
            ReferenceLevel = reference,
            Index = Index(assessment, catalog),
            StageIndexes = StageIndexes(assessment, catalog),
            NextTier = next,
            Tiers = tiers,
            Plan = next is { } target ? UpgradePlanner.Plan(assessment, catalog, ruleSet.For(target), tiers[(int)target - 1]) : null,
        };
    }

    /// <summary>The highest tier whose recommendation threshold the DT score reaches; null below all of them.</summary>
    public static Tier? RecommendedTier(decimal dtScore, RuleSet ruleSet)
    {
        Tier? recommended = null;
        foreach (var rule in ruleSet.Tiers)
        {
            if (dtScore >= rule.RecommendFromDtScore.Value)
            {
                recommended = rule.Tier;
            }
        }
        return recommended;
    }

    /// <summary>建设指数: 100 × Σ ordinal / (5 × number of scenarios), one decimal.</summary>
    public static decimal Index(Assessment assessment, Catalog catalog) =>
        IndexOf(catalog.Scenarios, assessment);

    public static IReadOnlyList<StageIndex> StageIndexes(Assessment assessment, Catalog catalog)
    {
        var result = new StageIndex[catalog.Stages.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var stage = catalog.Stages[i];
            result[i] = new StageIndex(stage, IndexOf(catalog.Scenarios.Where(s => s.Stage == stage), assessment));
        }
        return result;
    }

    private static decimal IndexOf(IEnumerable<Scenario> scenarios, Assessment assessment)
    {
        int sum = 0, count = 0;
        foreach (var s in scenarios)
        {
            sum += assessment.RatingOf(s.No).Level.Ordinal();
            count++;
        }
        return count == 0 ? 0 : Math.Round(100m * sum / (Tiers.Count * count), 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>Checks every gate the rule set defines for one tier.</summary>
    public static TierEvaluation Evaluate(Assessment assessment, Catalog catalog, TierRule rule)
    {
        var checks = new List<GateCheck>(7);
        if (rule.MinDtScore is { } dt)
        {
            checks.Add(new GateCheck(Gate.DtScore, new NumberValue(dt.Value), new NumberValue(assessment.DtScore), assessment.DtScore >= dt.Value, dt.Provenance));
        }
        if (rule.MinCmmmLevel is { } cmmm)
        {
            checks.Add(new GateCheck(Gate.CmmmLevel, new NumberValue(cmmm.Value), new NumberValue(assessment.CmmmLevel), assessment.CmmmLevel >= cmmm.Value, cmmm.Provenance));
        }
        if (rule.BasicRequirements is { Value: true } basic)
        {
            checks.Add(new GateCheck(Gate.BasicRequirements, new FlagValue(true), new FlagValue(assessment.BasicRequirementsMet), assessment.BasicRequirementsMet, basic.Provenance));
        }
        var counts = ScenarioCounts.At(assessment, catalog, rule.Tier);
        if (rule.MinScenarios is { } minScenarios)
        {
            checks.Add(new GateCheck(Gate.ScenarioCount, new NumberValue(minScenarios.Value), new NumberValue(counts.Counting), counts.Counting >= minScenarios.Value, minScenarios.Provenance));
        }
        if (rule.RequiredStages is { } required)
        {
            var covered = counts.CoveredStages(catalog);
            var passed = required.Value.All(covered.Contains);
            checks.Add(new GateCheck(Gate.RequiredStages, new StagesValue(required.Value), new StagesValue(covered), passed, required.Provenance));
        }
        if (rule.MinStagesCovered is { } minStages)
        {
            var covered = counts.StagesCovered;
            checks.Add(new GateCheck(Gate.StageCount, new NumberValue(minStages.Value), new NumberValue(covered), covered >= minStages.Value, minStages.Provenance));
        }
        if (rule.MinAiShare is { } share)
        {
            var needed = AiNeeded(share.Value, counts.Counting);
            checks.Add(new GateCheck(Gate.AiShare, new NumberValue(needed), new NumberValue(counts.AiFlagged), counts.AiFlagged >= needed, share.Provenance));
        }
        return new TierEvaluation(rule.Tier, checks.TrueForAll(c => c.Passed), checks);
    }

    /// <summary>With c scenarios counting, the AI gate holds when at least ⌈share × c⌉ are flagged.</summary>
    public static int AiNeeded(decimal share, int counting) => (int)decimal.Ceiling(share * counting);
}

/// <summary>What counts at one tier: scenarios rated at it or higher, their AI flags and the stages they cover.</summary>
internal readonly record struct ScenarioCounts(int Counting, int AiFlagged, ulong StageMask)
{
    public int StagesCovered => System.Numerics.BitOperations.PopCount(StageMask);

    public string[] CoveredStages(Catalog catalog)
    {
        var mask = StageMask;
        return catalog.Stages.Where((_, i) => (mask & (1UL << i)) != 0).ToArray();
    }

    public static ScenarioCounts At(Assessment assessment, Catalog catalog, Tier tier)
    {
        int counting = 0, ai = 0;
        ulong mask = 0;
        foreach (var s in catalog.Scenarios)
        {
            var rating = assessment.RatingOf(s.No);
            if (rating.Level.Ordinal() >= (int)tier)
            {
                counting++;
                ai += rating.Ai ? 1 : 0;
                mask |= 1UL << catalog.StageIndex(s.Stage);
            }
        }
        return new ScenarioCounts(counting, ai, mask);
    }
}
