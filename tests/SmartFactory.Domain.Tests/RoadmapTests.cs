using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Roadmaps to a chosen tier and year worked out by hand on the bundled catalog (decision 031).</summary>
public class RoadmapTests
{
    private const int ThisYear = 2026;

    /// <summary>14 scenarios at 卓越级 over five stages (three with AI) and scenario 24 at 先进级.</summary>
    private static Enterprise OneShortOfExcellent => Enterprise.With(dt: 85, cmmm: 3, basic: true)
        .RateWithAi(Tier.Excellent, 1, 2, 8)
        .Rate(Tier.Excellent, 4, 9, 10, 11, 12, 20, 21, 22, 23, 30, 31)
        .Rate(Tier.Advanced, 24);

    private static Roadmap Plan(Enterprise e, Tier target, int year, PlanCosts? costs = null) =>
        RoadmapPlanner.Plan(e.Build(), Bundled.Catalog, Bundled.RuleSet, target, year, ThisYear, costs ?? PlanCosts.Unit);

    [Fact]
    public void WithDefaultEstimatesTheNextTierRoadmapIsTodaysPlan()
    {
        var roadmap = Plan(OneShortOfExcellent, Tier.Excellent, 2027);

        Assert.Equal(Tier.Advanced, roadmap.From);
        Assert.Equal([new ScenarioUpgrade(24, Tier.Advanced, Tier.Excellent, 1)], roadmap.Upgrades);
        var milestone = Assert.Single(roadmap.Milestones);
        Assert.Equal((2027, Tier.Excellent, 1), (milestone.Year, milestone.Tier, milestone.Cost));
    }

    [Fact]
    public void ADearScenarioIsAvoidedWhenACheaperOneReachesTheSameTier()
    {
        var costs = new PlanCosts(new Dictionary<int, int> { [24] = 5 }, 1);

        var roadmap = Plan(OneShortOfExcellent, Tier.Excellent, 2027, costs);

        Assert.Equal(1, roadmap.Cost);
        Assert.DoesNotContain(roadmap.Upgrades, u => u.No == 24);
        Assert.Equal(1, Assert.Single(roadmap.Upgrades).Steps);
    }

    [Fact]
    public void EstimatesMultiplyEachStepOfTheirScenario()
    {
        var everything = Enumerable.Range(1, 40).ToDictionary(no => no, _ => 3);

        var roadmap = Plan(OneShortOfExcellent, Tier.Excellent, 2027, new PlanCosts(everything, 7));

        Assert.Equal(3, roadmap.Cost);
    }

    /// <summary>Five tiers in four years: tier k in year ⌈4k/5⌉, so 卓越级 and 领航级 share the last year.</summary>
    [Fact]
    public void TiersSpreadOverTheYearsAndTheTargetFallsInTheTargetYear()
    {
        var roadmap = Plan(Enterprise.Qualified, Tier.Leading, 2030);

        Assert.Null(roadmap.From);
        Assert.Equal([(2027, Tier.Workshop), (2028, Tier.Basic), (2029, Tier.Advanced), (2030, Tier.Leading)],
            roadmap.Milestones.Select(m => (m.Year, m.Tier)));
        Assert.Equal(roadmap.Cost, roadmap.Milestones.Sum(m => m.Cost));
        Assert.True(Grader.Grade(RoadmapPlanner.Apply(Enterprise.Qualified.Build(), roadmap.Upgrades, roadmap.AiFlags), Bundled.Catalog, Bundled.RuleSet).ReferenceLevel == Tier.Leading);
    }

    [Fact]
    public void FewerTiersThanYearsLeavesTheEarlyYearsWithoutAMilestone()
    {
        var roadmap = Plan(OneShortOfExcellent, Tier.Leading, 2030);

        Assert.Equal([(2028, Tier.Excellent), (2030, Tier.Leading)], roadmap.Milestones.Select(m => (m.Year, m.Tier)));
    }

    [Fact]
    public void ATargetThisYearIsOneMilestoneThisYear()
    {
        var roadmap = Plan(Enterprise.Qualified, Tier.Advanced, ThisYear);

        Assert.Equal((ThisYear, Tier.Advanced), (Assert.Single(roadmap.Milestones).Year, roadmap.Milestones[0].Tier));
    }

    [Fact]
    public void AReachedTargetHasNoMilestonesButListsTheOtherGates()
    {
        var roadmap = Plan(OneShortOfExcellent with { DtScore = 65 }, Tier.Advanced, 2028);

        Assert.True(roadmap.ScenariosReached);
        Assert.Empty(roadmap.Milestones);
        Assert.Equal(0, roadmap.Cost);
        Assert.Equal(Gate.DtScore, Assert.Single(roadmap.OtherActions).Gate);
        Assert.Equal(70m, roadmap.OtherActions[0].Required.Number());
    }
}
