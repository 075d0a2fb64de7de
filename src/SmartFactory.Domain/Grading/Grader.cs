using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>Grades a self-assessment against a catalog and a rule set: pure, with every gate explained.</summary>
public static class Grader
{
    public static GradeResult Grade(Assessment assessment, Catalog catalog, RuleSet ruleSet)
    {
        var counts = ScenarioCounts.ByTier(assessment, catalog);
        var tiers = new TierEvaluation[Tiers.Count];
        Tier? reference = null;
        var allBelowPassed = true;
        foreach (var tier in Tiers.All)
        {
            var evaluation = Evaluate(assessment, catalog, ruleSet.For(tier), counts[(int)tier - 1]);
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

    /// <summary>
    /// The reference level alone, as <see cref="Grade"/> gives it: the highest tier that passes with every tier below it.
    /// Nothing is explained or planned, so a regrade of many submissions (a policy simulation) pays only for the gates.
    /// </summary>
    public static Tier? ReferenceLevel(Assessment assessment, Catalog catalog, RuleSet ruleSet)
    {
        var counts = ScenarioCounts.ByTier(assessment, catalog);
        Tier? reference = null;
        for (var tier = Tier.Workshop; tier <= Tier.Leading; tier++)
        {
            if (!Check(assessment, catalog, ruleSet.For(tier), counts[(int)tier - 1], checks: null))
            {
                break;
            }
            reference = tier;
        }
        return reference;
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
    public static TierEvaluation Evaluate(Assessment assessment, Catalog catalog, TierRule rule) =>
        Evaluate(assessment, catalog, rule, ScenarioCounts.At(assessment, catalog, rule.Tier));

    private static TierEvaluation Evaluate(Assessment assessment, Catalog catalog, TierRule rule, in ScenarioCounts counts)
    {
        var checks = new List<GateCheck>(7);
        var passed = Check(assessment, catalog, rule, counts, checks);
        return new TierEvaluation(rule.Tier, passed, checks);
    }

    /// <summary>
    /// The gates of one tier, the one place that decides them. With <paramref name="checks"/> every gate is recorded with
    /// its explanation; without, nothing is allocated and it stops at the first gate that fails.
    /// </summary>
    private static bool Check(Assessment assessment, Catalog catalog, TierRule rule, in ScenarioCounts counts, List<GateCheck>? checks)
    {
        var passed = true;
        if (rule.MinDtScore is { } dt)
        {
            var ok = assessment.DtScore >= dt.Value;
            checks?.Add(new GateCheck(Gate.DtScore, new NumberValue(dt.Value), new NumberValue(assessment.DtScore), ok, dt.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.MinCmmmLevel is { } cmmm)
        {
            var ok = assessment.CmmmLevel >= cmmm.Value;
            checks?.Add(new GateCheck(Gate.CmmmLevel, new NumberValue(cmmm.Value), new NumberValue(assessment.CmmmLevel), ok, cmmm.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.BasicRequirements is { Value: true } basic)
        {
            var ok = assessment.BasicRequirementsMet;
            checks?.Add(new GateCheck(Gate.BasicRequirements, new FlagValue(true), new FlagValue(ok), ok, basic.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.MinScenarios is { } minScenarios)
        {
            var ok = counts.Counting >= minScenarios.Value;
            checks?.Add(new GateCheck(Gate.ScenarioCount, new NumberValue(minScenarios.Value), new NumberValue(counts.Counting), ok, minScenarios.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.RequiredStages is { } required)
        {
            var ok = counts.Covers(catalog, required.Value);
            checks?.Add(new GateCheck(Gate.RequiredStages, new StagesValue(required.Value), new StagesValue(counts.CoveredStages(catalog)), ok, required.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.MinStagesCovered is { } minStages)
        {
            var ok = counts.StagesCovered >= minStages.Value;
            checks?.Add(new GateCheck(Gate.StageCount, new NumberValue(minStages.Value), new NumberValue(counts.StagesCovered), ok, minStages.Provenance));
            if (Failed(ref passed, ok, checks))
            {
                return false;
            }
        }
        if (rule.MinAiShare is { } share)
        {
            var needed = AiNeeded(share.Value, counts.Counting);
            var ok = counts.AiFlagged >= needed;
            checks?.Add(new GateCheck(Gate.AiShare, new NumberValue(needed), new NumberValue(counts.AiFlagged), ok, share.Provenance, new AiShareBasis(share.Value, counts.Counting)));
            passed &= ok;
        }
        return passed;
    }

    /// <summary>Records a gate's outcome; true when checking can stop (it failed and no explanation is wanted).</summary>
    private static bool Failed(ref bool passed, bool ok, List<GateCheck>? checks)
    {
        passed &= ok;
        return !ok && checks is null;
    }

    /// <summary>With c scenarios counting, the AI gate holds when at least ⌈share × c⌉ are flagged.</summary>
    public static int AiNeeded(decimal share, int counting) => (int)decimal.Ceiling(share * counting);
}
