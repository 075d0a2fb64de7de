using FsCheck.Xunit;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// The roadmap to any target tier costs the brute-force minimum over every outcome that meets the scenario gates of the
/// target and of every tier below it, priced with random estimates; its milestones are honest (decision 031).
/// </summary>
[Properties(Arbitrary = [typeof(WeightedEdition)], MaxTest = 200)]
public class RoadmapExactnessTests
{
    private const int ThisYear = 2026;

    [Property]
    public void RoadmapToEveryTierCostsTheWeightedBruteForceMinimum(WeightedEdition weighted)
    {
        var (e, costs) = (weighted.Edition, weighted.Costs);
        foreach (var rule in e.RuleSet.Tiers)
        {
            var roadmap = RoadmapPlanner.Plan(e.Assessment, e.Catalog, e.RuleSet, rule.Tier, ThisYear + 3, ThisYear, costs);
            var below = e.RuleSet.Tiers.Where(r => r.Tier <= rule.Tier).ToList();

            Assert.True(PlanExactnessTests.BruteForceMinimum(e.Assessment, e.Catalog, below, costs) == roadmap.Cost, $"{rule.Tier.Code()}: roadmap costs {roadmap.Cost}");
            var final = RoadmapPlanner.Apply(e.Assessment, roadmap.Upgrades, roadmap.AiFlags);
            Assert.True(RoadmapPlanner.HoldsUpTo(final, e.Catalog, e.RuleSet, rule.Tier), $"{rule.Tier.Code()}: a gate fails after the roadmap");
            Assert.Equal(roadmap.Upgrades.Sum(u => u.Steps * costs.Step(u.No)) + roadmap.AiFlags.Count * costs.AiFlagCost, roadmap.Cost);
        }
    }

    [Property]
    public void NextTierPlanWithEstimatesCostsTheWeightedBruteForceMinimumOfItsTier(WeightedEdition weighted)
    {
        var (e, costs) = (weighted.Edition, weighted.Costs);
        foreach (var rule in e.RuleSet.Tiers)
        {
            var plan = UpgradePlanner.Plan(e.Assessment, e.Catalog, rule, Grader.Evaluate(e.Assessment, e.Catalog, rule), costs);

            Assert.True(PlanExactnessTests.BruteForceMinimum(e.Assessment, e.Catalog, [rule], costs) == plan.Cost, $"{rule.Tier.Code()}: plan costs {plan.Cost}");
        }
    }

    /// <summary>
    /// Each milestone only raises ratings and adds flags on top of the previous one, meets the scenario gates of its tier
    /// and every tier below, and the milestones add up to the roadmap: same cost, last one the target in the target year.
    /// </summary>
    [Property]
    public void MilestonesRiseInOrderAndEachReachesItsTier(WeightedEdition weighted)
    {
        var (e, costs) = (weighted.Edition, weighted.Costs);
        foreach (var years in new[] { 0, 1, 2, 5 })
        {
            var roadmap = RoadmapPlanner.Plan(e.Assessment, e.Catalog, e.RuleSet, Tier.Leading, ThisYear + years, ThisYear, costs);
            if (roadmap.ScenariosReached)
            {
                Assert.Empty(roadmap.Milestones);
                continue;
            }

            var state = e.Assessment;
            int? lastYear = null;
            foreach (var m in roadmap.Milestones)
            {
                Assert.All(m.Upgrades, u => Assert.Equal(state.RatingOf(u.No).Level, u.From));
                Assert.All(m.AiFlags, no => Assert.False(state.RatingOf(no).Ai));
                state = RoadmapPlanner.Apply(state, m.Upgrades, m.AiFlags);
                Assert.True(RoadmapPlanner.HoldsUpTo(state, e.Catalog, e.RuleSet, m.Tier), $"{m.Year}: {m.Tier.Code()} fails");
                Assert.True(lastYear is null || m.Year > lastYear);
                Assert.InRange(m.Year, years == 0 ? ThisYear : ThisYear + 1, ThisYear + years);
                lastYear = m.Year;
            }
            Assert.Equal((Tier.Leading, ThisYear + years), (roadmap.Milestones[^1].Tier, roadmap.Milestones[^1].Year));
            Assert.Equal(roadmap.Cost, roadmap.Milestones.Sum(m => m.Cost));
            Assert.Equal(roadmap.Upgrades.Select(u => (u.No, u.To)), roadmap.Upgrades.Select(u => (u.No, state.RatingOf(u.No).Level!.Value)));
        }
    }
}
