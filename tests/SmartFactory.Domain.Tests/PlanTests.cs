using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Plans to the next tier worked out by hand on the bundled catalog.</summary>
public class PlanTests
{
    private static readonly int[] AllScenarios = Enumerable.Range(1, 40).ToArray();

    /// <summary>14 scenarios at 卓越级 over five stages (three with AI) and scenario 24 at 先进级: one step short of 卓越级.</summary>
    private static Enterprise OneShortOfExcellent => Enterprise.With(dt: 85, cmmm: 3, basic: true)
        .RateWithAi(Tier.Excellent, 1, 2, 8)
        .Rate(Tier.Excellent, 4, 9, 10, 11, 12, 20, 21, 22, 23, 30, 31)
        .Rate(Tier.Advanced, 24);

    [Fact]
    public void RaisesTheBuiltScenarioOneTierRatherThanBuildingANewOne()
    {
        var result = OneShortOfExcellent.Grade();

        Assert.Equal(Tier.Advanced, result.ReferenceLevel);
        var plan = result.Plan!;
        Assert.Equal(Tier.Excellent, plan.Target);
        Assert.Equal([new ScenarioUpgrade(24, Tier.Advanced, Tier.Excellent, 1)], plan.Upgrades);
        Assert.Empty(plan.AiFlags);
        Assert.Empty(plan.OtherActions);
        Assert.Equal(1, plan.Cost);
    }

    [Fact]
    public void FlagsTheLowestNumberedScenarioWhenOnlyTheAiShareIsShort()
    {
        var plan = OneShortOfExcellent.Rate(Tier.Excellent, 8, 24).Grade().Plan!;

        Assert.Equal(Tier.Excellent, plan.Target);
        Assert.Empty(plan.Upgrades);
        Assert.Equal([4], plan.AiFlags);
        Assert.Equal(1, plan.Cost);
    }

    /// <summary>Scenario 40 is defined only at 卓越级 and 领航级, so building it at 领航级 climbs 2 defined tiers, not 5.</summary>
    [Fact]
    public void StepsCountOnlyDefinedTiers()
    {
        var result = Enterprise.Qualified
            .RateWithAi(Tier.Leading, 19, 30, 32, 35, 38, 39, 1, 2, 3, 4, 6, 8, 9, 10, 20, 21, 22, 23, 24)
            .Grade();

        Assert.Equal(Tier.Excellent, result.ReferenceLevel);
        Assert.Equal([new ScenarioUpgrade(40, null, Tier.Leading, 2)], result.Plan!.Upgrades);
        Assert.Equal(2, result.Plan.Cost);
    }

    [Theory]
    [InlineData(1, null, Tier.Advanced, 1)]
    [InlineData(1, null, Tier.Leading, 3)]
    [InlineData(4, null, Tier.Advanced, 2)]
    [InlineData(8, null, Tier.Leading, 5)]
    [InlineData(8, Tier.Basic, Tier.Leading, 3)]
    [InlineData(19, null, Tier.Excellent, 1)]
    [InlineData(24, Tier.Workshop, Tier.Excellent, 3)]
    public void RaiseCostCountsTheDefinedTiersClimbed(int no, Tier? from, Tier to, int cost)
    {
        Assert.Equal(cost, Bundled.Catalog.Find(no)!.RaiseCost(from, to));
    }

    [Fact]
    public void LeadingHasNoPlan()
    {
        var result = Enterprise.Qualified.RateWithAi(Tier.Leading, AllScenarios).Grade();

        Assert.Equal(Tier.Leading, result.ReferenceLevel);
        Assert.Null(result.NextTier);
        Assert.Null(result.Plan);
    }

    [Fact]
    public void OtherActionsListTheFailingDtCmmmAndBasicRequirementGates()
    {
        var plan = Enterprise.With(dt: 55, cmmm: 0, basic: false).Rate(Tier.Workshop, 8, 9, 10).Grade().Plan!;

        Assert.Equal(Tier.Basic, plan.Target);
        Assert.Equal([Gate.DtScore, Gate.CmmmLevel, Gate.BasicRequirements], plan.OtherActions.Select(a => a.Gate));
        Assert.Equal((60m, 55m), (plan.OtherActions[0].Required.Number(), plan.OtherActions[0].Actual.Number()));
        Assert.Equal((1m, 0m), (plan.OtherActions[1].Required.Number(), plan.OtherActions[1].Actual.Number()));
    }

    [Fact]
    public void ScenariosAlreadyEnoughCostNothingAndLeaveOnlyOtherActions()
    {
        var plan = Enterprise.With(dt: 65, cmmm: 2, basic: true).Rate(Tier.Advanced, 8, 9, 10, 11, 12, 20, 21, 22, 23, 31).Grade().Plan!;

        Assert.Equal((Tier.Advanced, 0), (plan.Target, plan.Cost));
        Assert.Empty(plan.Upgrades);
        Assert.Equal(Gate.DtScore, Assert.Single(plan.OtherActions).Gate);
    }

    [Fact]
    public void NothingBuiltPlansThreeScenariosAtWorkshop()
    {
        var plan = Enterprise.With(dt: 50).Grade().Plan!;

        Assert.Equal((Tier.Workshop, 3), (plan.Target, plan.Cost));
        Assert.All(plan.Upgrades, u => Assert.Equal((null, Tier.Workshop, 1), (u.From, u.To, u.Steps)));
        Assert.Empty(plan.OtherActions);
    }
}
