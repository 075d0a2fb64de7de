using FsCheck.Xunit;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// The plan's cost is the true minimum: on small editions, every possible outcome is enumerated (each scenario
/// at its current rating or any higher defined tier, each counting scenario flagged or not) and priced per DOMAIN.md.
/// </summary>
[Properties(Arbitrary = [typeof(SmallEdition)], MaxTest = 300)]
public class PlanExactnessTests
{
    [Property]
    public void PlanToEveryTierCostsTheBruteForceMinimum(SmallEdition edition)
    {
        foreach (var rule in edition.RuleSet.Tiers)
        {
            var plan = edition.Assessment.PlanTo(edition.Catalog, rule);

            Assert.True(BruteForceMinimum(edition.Assessment, edition.Catalog, rule) == plan.Cost, $"{rule.Tier.Code()}: plan costs {plan.Cost}");
            Assert.Empty(edition.Assessment.ScenarioGatesFailingAfter(plan, edition.Catalog, edition.RuleSet));
        }
    }

    [Property]
    public void GradedPlanCostsTheBruteForceMinimum(SmallEdition edition)
    {
        var result = Grader.Grade(edition.Assessment, edition.Catalog, edition.RuleSet);

        if (result.Plan is { } plan)
        {
            Assert.Equal(BruteForceMinimum(edition.Assessment, edition.Catalog, edition.RuleSet.For(plan.Target)), plan.Cost);
            Assert.Equal(plan.Upgrades.Sum(u => u.Steps) + plan.AiFlags.Count, plan.Cost);
        }
    }

    private static int BruteForceMinimum(Assessment assessment, Catalog catalog, TierRule rule) =>
        BruteForceMinimum(assessment, catalog, [rule], PlanCosts.Unit);

    /// <summary>
    /// The cheapest outcome in which every rule of <paramref name="rules"/> has its scenario gates met, each tier step of a
    /// scenario priced at its estimate and each new AI flag at the flag estimate; AI flags are tried on every scenario that
    /// counts at the lowest tier of the rules with an AI share (elsewhere a flag helps no gate).
    /// </summary>
    internal static int BruteForceMinimum(Assessment assessment, Catalog catalog, IReadOnlyList<TierRule> rules, PlanCosts costs)
    {
        var scenarios = catalog.Scenarios.ToArray();
        var levels = new Tier?[scenarios.Length];
        var flags = new bool[scenarios.Length];
        var lowest = rules.Where(r => r.MinAiShare is { Value: > 0 }).Select(r => (int)r.Tier).DefaultIfEmpty(Tiers.Count + 1).Min();
        var best = int.MaxValue;

        void Visit(int i, int cost)
        {
            if (cost >= best)
            {
                return;
            }
            if (i == scenarios.Length)
            {
                best = rules.All(rule => ScenarioGatesHold(rule, scenarios, levels, flags)) ? cost : best;
                return;
            }
            var current = assessment.RatingOf(scenarios[i].No);
            Tier?[] options = [current.Level, .. Tiers.All.Where(t => (int)t > current.Level.Ordinal() && scenarios[i].IsDefined(t)).Cast<Tier?>()];
            for (var steps = 0; steps < options.Length; steps++)
            {
                var price = steps * costs.Step(scenarios[i].No);
                levels[i] = options[steps];
                flags[i] = current.Ai;
                Visit(i + 1, cost + price);
                if (!current.Ai && options[steps].Ordinal() >= lowest)
                {
                    flags[i] = true;
                    Visit(i + 1, cost + price + costs.AiFlagCost);
                }
            }
        }

        Visit(0, 0);
        return best;
    }

    internal static bool ScenarioGatesHold(TierRule rule, Scenario[] scenarios, Tier?[] levels, bool[] flags)
    {
        var counting = Enumerable.Range(0, scenarios.Length).Where(i => levels[i].Ordinal() >= (int)rule.Tier).ToList();
        var covered = counting.Select(i => scenarios[i].Stage).ToHashSet();
        var flagged = counting.Count(i => flags[i]);
        return counting.Count >= (rule.MinScenarios?.Value ?? 0)
            && (rule.RequiredStages?.Value ?? []).All(covered.Contains)
            && covered.Count >= (rule.MinStagesCovered?.Value ?? 0)
            && flagged >= Math.Ceiling((rule.MinAiShare?.Value ?? 0) * counting.Count);
    }
}
