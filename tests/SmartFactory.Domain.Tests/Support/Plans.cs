using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Domain.Tests.Support;

internal static class Plans
{
    /// <summary>The planner's plan from this assessment to any tier, not only the next one.</summary>
    public static UpgradePlan PlanTo(this Assessment assessment, Catalog catalog, Rules.TierRule rule) =>
        UpgradePlanner.Plan(assessment, catalog, rule, Grader.Evaluate(assessment, catalog, rule));

    /// <summary>What the enterprise would have after following the plan: each upgrade raised to its tier, each AI flag set.</summary>
    public static Assessment Applied(this Assessment assessment, UpgradePlan plan) => RoadmapPlanner.Apply(assessment, plan.Upgrades, plan.AiFlags);

    /// <summary>The scenario gates of the plan's tier that still fail after following it.</summary>
    public static IEnumerable<GateCheck> ScenarioGatesFailingAfter(this Assessment assessment, UpgradePlan plan, Catalog catalog, Rules.RuleSet ruleSet) =>
        Grader.Evaluate(assessment.Applied(plan), catalog, ruleSet.For(plan.Target)).Checks.Where(c => c.Gate.IsScenarioGate() && !c.Passed);

    /// <summary>Independent count of DOMAIN.md's cost: the defined tiers of the scenario above <paramref name="from"/>, up to <paramref name="to"/>.</summary>
    public static int DefinedTiersBetween(Scenario scenario, Tier? from, Tier to) =>
        Tiers.All.Count(t => (int)t > from.Ordinal() && t <= to && scenario.Description(t) is not null);
}
