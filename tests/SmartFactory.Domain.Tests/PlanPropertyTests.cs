using FsCheck.Xunit;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Properties of the grade and its plan over random assessments of the bundled catalog.</summary>
[Properties(Arbitrary = [typeof(Generators)], MaxTest = 300)]
public class PlanPropertyTests
{
    [Property]
    public void RaisingARatingAFlagTheDtScoreOrCmmmNeverLowersTheReferenceLevel(RaisedAssessment raised)
    {
        var before = Grader.Grade(raised.Before, Bundled.Catalog, Bundled.RuleSet).ReferenceLevel;
        var after = Grader.Grade(raised.After, Bundled.Catalog, Bundled.RuleSet).ReferenceLevel;

        Assert.True(after.Ordinal() >= before.Ordinal(), $"{before} → {after}");
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
