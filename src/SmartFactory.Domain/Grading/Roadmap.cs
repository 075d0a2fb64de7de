using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>One year of a roadmap: the tier it reaches, the changes made that year and what they cost.</summary>
public sealed record Milestone(int Year, Tier Tier, int Cost, IReadOnlyList<ScenarioUpgrade> Upgrades, IReadOnlyList<int> AiFlags);

/// <summary>
/// The cheapest plan to a target tier chosen by the enterprise, priced with its own estimates, and split into yearly
/// milestones (decision 031). <see cref="From"/> is the highest tier whose scenario gates (with every tier below) hold now.
/// </summary>
public sealed record Roadmap(
    Tier Target,
    int Year,
    Tier? From,
    int Cost,
    IReadOnlyList<ScenarioUpgrade> Upgrades,
    IReadOnlyList<int> AiFlags,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<GateCheck> OtherActions)
{
    public bool ScenariosReached => From.Ordinal() >= (int)Target;
}

/// <summary>
/// Plans to a target tier T: the scenario gates of T and of every tier below hold at minimum cost. The DP of decision 003
/// answers T's gates alone; that is a lower bound, so when its plan also passes the lower tiers it is optimal. When a lower
/// tier fails (a lower AI share diluted), <see cref="RoadmapSearch"/> solves the joint problem exactly.
/// </summary>
public static class RoadmapPlanner
{
    public static Roadmap Plan(Assessment assessment, Catalog catalog, RuleSet ruleSet, Tier target, int targetYear, int thisYear, PlanCosts costs)
    {
        var from = ScenarioTier(assessment, catalog, ruleSet);
        var others = OtherActions(assessment, catalog, ruleSet, target);
        if (from.Ordinal() >= (int)target)
        {
            return new Roadmap(target, targetYear, from, 0, [], [], [], others);
        }

        var rule = ruleSet.For(target);
        var single = UpgradePlanner.Plan(assessment, catalog, rule, Grader.Evaluate(assessment, catalog, rule), costs);
        var final = Apply(assessment, single.Upgrades, single.AiFlags);
        if (!HoldsUpTo(final, catalog, ruleSet, target))
        {
            final = RoadmapSearch.Solve(assessment, catalog, ruleSet, target, costs);
        }
        var upgrades = Changes(assessment, final, catalog);
        var flags = NewFlags(assessment, final, catalog);
        var milestones = Milestones(assessment, final, catalog, ruleSet, from, target, targetYear, thisYear, costs);
        return new Roadmap(target, targetYear, from, milestones.Sum(m => m.Cost), upgrades, flags, milestones, others);
    }

    /// <summary>The highest tier whose scenario gates hold together with those of every tier below it.</summary>
    public static Tier? ScenarioTier(Assessment assessment, Catalog catalog, RuleSet ruleSet)
    {
        Tier? reached = null;
        foreach (var rule in ruleSet.Tiers)
        {
            if (!ScenarioGatesHold(assessment, catalog, rule))
            {
                break;
            }
            reached = rule.Tier;
        }
        return reached;
    }

    public static bool HoldsUpTo(Assessment assessment, Catalog catalog, RuleSet ruleSet, Tier tier) =>
        ruleSet.Tiers.Where(r => r.Tier <= tier).All(r => ScenarioGatesHold(assessment, catalog, r));

    private static bool ScenarioGatesHold(Assessment assessment, Catalog catalog, TierRule rule) =>
        Grader.Evaluate(assessment, catalog, rule).Checks.All(c => c.Passed || !c.Gate.IsScenarioGate());

    /// <summary>DT score, CMMM and basic requirements still failing at the target or below: per gate, the highest tier's.</summary>
    private static List<GateCheck> OtherActions(Assessment assessment, Catalog catalog, RuleSet ruleSet, Tier target) =>
        ruleSet.Tiers.Where(r => r.Tier <= target)
            .SelectMany(r => Grader.Evaluate(assessment, catalog, r).Checks.Where(c => !c.Passed && !c.Gate.IsScenarioGate()))
            .GroupBy(c => c.Gate).Select(g => g.Last()).OrderBy(c => c.Gate).ToList();

    /// <summary>
    /// Tier k of the m tiers to climb is reached ⌈k·Y/m⌉ years from now (Y years to the target year), so the target
    /// falls in the target year and no tier waits longer than its share of the time; a year's milestone is its highest tier.
    /// Each milestone state keeps the final plan's scenarios that count at its tier or below (so those tiers' gates hold
    /// exactly as in the final plan) and raises the rest only to that tier: ratings only rise from one year to the next.
    /// </summary>
    private static List<Milestone> Milestones(Assessment start, Assessment final, Catalog catalog, RuleSet ruleSet, Tier? from, Tier target,
        int targetYear, int thisYear, PlanCosts costs)
    {
        var years = Math.Max(0, targetYear - thisYear);
        var tiers = (int)target - from.Ordinal();
        var byYear = Enumerable.Range(1, tiers)
            .GroupBy(k => thisYear + (years == 0 ? 0 : (k * years + tiers - 1) / tiers))
            .Select(g => (Year: g.Key, Tier: (Tier)(from.Ordinal() + g.Max())));
        var lowestAi = ruleSet.Tiers.FirstOrDefault(r => r.MinAiShare is { Value: > 0 })?.Tier;
        var milestones = new List<Milestone>();
        var before = start;
        foreach (var (year, tier) in byYear)
        {
            var state = tier == target ? final : Truncated(start, final, catalog, tier, lowestAi);
            var upgrades = Changes(before, state, catalog);
            var flags = NewFlags(before, state, catalog);
            var cost = upgrades.Sum(u => u.Steps * costs.Step(u.No)) + flags.Count * costs.AiFlagCost;
            milestones.Add(new Milestone(year, tier, cost, upgrades, flags));
            before = state;
        }
        return milestones;
    }

    private static Assessment Truncated(Assessment start, Assessment final, Catalog catalog, Tier tier, Tier? lowestAi)
    {
        var ratings = new Dictionary<int, ScenarioRating>(start.Ratings);
        foreach (var s in catalog.Scenarios)
        {
            var (now, end) = (start.RatingOf(s.No), final.RatingOf(s.No));
            var level = end.Level.Ordinal() < (int)tier ? end.Level
                : now.Level.Ordinal() >= (int)tier ? now.Level
                : s.LowestDefinedAtOrAbove(tier);
            var ai = now.Ai || (end.Ai && lowestAi is { } ai0 && ai0 <= tier && level.Ordinal() >= (int)ai0);
            ratings[s.No] = new ScenarioRating(level, ai);
        }
        return start with { Ratings = ratings };
    }

    public static Assessment Apply(Assessment assessment, IEnumerable<ScenarioUpgrade> upgrades, IEnumerable<int> aiFlags)
    {
        var ratings = new Dictionary<int, ScenarioRating>(assessment.Ratings);
        foreach (var u in upgrades)
        {
            ratings[u.No] = assessment.RatingOf(u.No) with { Level = u.To };
        }
        foreach (var no in aiFlags)
        {
            ratings[no] = ratings.GetValueOrDefault(no) with { Ai = true };
        }
        return assessment with { Ratings = ratings };
    }

    private static List<ScenarioUpgrade> Changes(Assessment before, Assessment after, Catalog catalog) =>
        catalog.Scenarios
            .Where(s => after.RatingOf(s.No).Level.Ordinal() > before.RatingOf(s.No).Level.Ordinal())
            .Select(s => new ScenarioUpgrade(s.No, before.RatingOf(s.No).Level, after.RatingOf(s.No).Level!.Value,
                s.RaiseCost(before.RatingOf(s.No).Level, after.RatingOf(s.No).Level!.Value)))
            .OrderBy(u => u.No).ToList();

    private static List<int> NewFlags(Assessment before, Assessment after, Catalog catalog) =>
        catalog.Scenarios.Where(s => after.RatingOf(s.No).Ai && !before.RatingOf(s.No).Ai).Select(s => s.No).Order().ToList();
}
