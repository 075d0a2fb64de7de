using FsCheck.Xunit;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Properties of the grade and its plan over random assessments of the bundled catalog.</summary>
[Properties(Arbitrary = [typeof(Generators)], MaxTest = 300)]
public class PlanPropertyTests
{
    /// <summary>
    /// Raising never lowers the reference level, with one exception the AI share rule implies: a scenario newly
    /// counting without AI can push a tier's AI share below its gate (see ReferenceLevelTests).
    /// </summary>
    [Property]
    public void RaisingNeverLowersTheReferenceLevelExceptByDilutingTheAiShare(RaisedAssessment raised)
    {
        var before = Grader.Grade(raised.Before, Bundled.Catalog, Bundled.RuleSet);
        var after = Grader.Grade(raised.After, Bundled.Catalog, Bundled.RuleSet);

        if (!raised.AddsUnflagged)
        {
            Assert.True(after.ReferenceLevel.Ordinal() >= before.ReferenceLevel.Ordinal(), $"{before.ReferenceLevel} → {after.ReferenceLevel}");
        }
        foreach (var tier in Tiers.All.Where(t => before.At(t).Passed && !after.At(t).Passed))
        {
            Assert.All(after.At(tier).Checks.Where(c => !c.Passed), c => Assert.Equal(Gate.AiShare, c.Gate));
        }
    }

    [Property]
    public void FollowingThePlanAndItsOtherActionsReachesTheNextTier(RandomAssessment random)
    {
        var result = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet);
        if (result.Plan is not { } plan)
        {
            return;
        }

        var followed = random.Value.Applied(plan) with
        {
            DtScore = Math.Max(random.Value.DtScore, Bundled.RuleSet.For(plan.Target).MinDtScore?.Value ?? 0),
            CmmmLevel = Math.Max(random.Value.CmmmLevel, Bundled.RuleSet.For(plan.Target).MinCmmmLevel?.Value ?? 0),
            BasicRequirementsMet = true,
        };
        Assert.True(Grader.Grade(followed, Bundled.Catalog, Bundled.RuleSet).ReferenceLevel.Ordinal() >= (int)plan.Target);
    }

    [Property]
    public void FollowingThePlanMeetsEveryScenarioGateOfTheNextTier(RandomAssessment random)
    {
        var result = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet);

        if (result.Plan is not { } plan)
        {
            Assert.Equal(Tier.Leading, result.ReferenceLevel);
            return;
        }
        Assert.Equal(result.NextTier, plan.Target);
        Assert.Empty(random.Value.ScenarioGatesFailingAfter(plan, Bundled.Catalog, Bundled.RuleSet));
    }

    [Property]
    public void FollowingThePlanToAnyTierMeetsItsScenarioGates(RandomAssessment random)
    {
        foreach (var rule in Bundled.RuleSet.Tiers)
        {
            var plan = random.Value.PlanTo(Bundled.Catalog, rule);

            Assert.Empty(random.Value.ScenarioGatesFailingAfter(plan, Bundled.Catalog, Bundled.RuleSet));
            Assert.Equal(plan.Upgrades.Sum(u => u.Steps) + plan.AiFlags.Count, plan.Cost);
        }
    }

    [Property]
    public void PlanCostIsItsStepsPlusItsAiFlags(RandomAssessment random)
    {
        var plan = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet).Plan;

        if (plan is not null)
        {
            Assert.Equal(plan.Upgrades.Sum(u => u.Steps) + plan.AiFlags.Count, plan.Cost);
        }
    }

    [Property]
    public void EachUpgradeClimbsFromTheCurrentRatingToTheLowestDefinedTierThatCounts(RandomAssessment random)
    {
        var plan = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet).Plan;

        foreach (var upgrade in plan?.Upgrades ?? [])
        {
            var scenario = Bundled.Catalog.Find(upgrade.No)!;
            Assert.Equal(random.Value.RatingOf(upgrade.No).Level, upgrade.From);
            Assert.Equal(scenario.LowestDefinedAtOrAbove(plan!.Target), upgrade.To);
            Assert.Equal(Plans.DefinedTiersBetween(scenario, upgrade.From, upgrade.To), upgrade.Steps);
        }
    }

    [Property]
    public void AiFlagsGoOnlyToUnflaggedScenariosThatWillCount(RandomAssessment random)
    {
        var plan = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet).Plan;
        if (plan is null)
        {
            return;
        }

        var after = random.Value.Applied(plan);
        Assert.All(plan.AiFlags, no =>
        {
            Assert.False(random.Value.RatingOf(no).Ai);
            Assert.True(after.RatingOf(no).Level.Ordinal() >= (int)plan.Target);
        });
    }

    [Property]
    public void OtherActionsAreTheFailingGatesNoScenarioCanMeet(RandomAssessment random)
    {
        var result = Grader.Grade(random.Value, Bundled.Catalog, Bundled.RuleSet);
        if (result.Plan is not { } plan)
        {
            return;
        }

        var failing = result.At(plan.Target).Checks.Where(c => !c.Passed && !c.Gate.IsScenarioGate());
        Assert.Equal(failing, plan.OtherActions);
    }
}
