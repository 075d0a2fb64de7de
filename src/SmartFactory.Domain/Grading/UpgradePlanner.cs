using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>
/// The minimum-cost plan to a tier's scenario gates. Exact, not greedy: a dynamic programme over stages;
/// docs/decisions/003-exact-upgrade-plan.md explains why it is exact.
/// </summary>
public static class UpgradePlanner
{
    private const long Infinite = long.MaxValue / 4;

    /// <summary>
    /// Between plans of equal cost, prefer the one that climbs fewer tiers in all (raising a built scenario
    /// one tier rather than building a new one straight at a high tier); the weight orders by cost first.
    /// </summary>
    private const int CostWeight = 1000;

    private sealed record Candidate(Scenario Scenario, Tier? From, Tier To, int Steps, int Cost, bool PreFlagged)
    {
        public long Weight => (long)Cost * CostWeight + (int)To - From.Ordinal();
    }

    public static UpgradePlan Plan(Assessment assessment, Catalog catalog, TierRule rule, TierEvaluation evaluation) =>
        Plan(assessment, catalog, rule, evaluation, PlanCosts.Unit);

    /// <summary>The plan to <paramref name="rule"/>'s tier priced with the enterprise's own estimates (decision 031).</summary>
    public static UpgradePlan Plan(Assessment assessment, Catalog catalog, TierRule rule, TierEvaluation evaluation, PlanCosts costs)
    {
        var target = rule.Tier;
        var stageCount = catalog.Stages.Count;
        var inStage = new List<Candidate>[stageCount];
        var coveredNow = new bool[stageCount];
        int counting = 0, flagged = 0;
        foreach (var s in catalog.Scenarios)
        {
            var stage = catalog.StageIndex(s.Stage);
            var rating = assessment.RatingOf(s.No);
            if (rating.Level.Ordinal() >= (int)target)
            {
                counting++;
                flagged += rating.Ai ? 1 : 0;
                coveredNow[stage] = true;
            }
            else if (s.LowestDefinedAtOrAbove(target) is { } to)
            {
                (inStage[stage] ??= []).Add(new Candidate(s, rating.Level, to, s.RaiseCost(rating.Level, to), costs.Step(s.No) * s.RaiseCost(rating.Level, to), rating.Ai));
            }
        }

        var required = new bool[stageCount];
        foreach (var stage in rule.RequiredStages?.Value ?? [])
        {
            required[catalog.StageIndex(stage)] = true;
        }
        var uncovered = coveredNow.Count(c => !c);
        var candidates = inStage.Sum(c => c?.Count ?? 0);
        var moreScenarios = Math.Max(0, (rule.MinScenarios?.Value ?? 0) - counting);
        // Decision 003's bound on new scenarios holds while a flag costs no more than any raise; a dearer flag can make an
        // extra pre-flagged scenario worth raising (it saves a flag), so then every candidate stays in reach (decision 031).
        var flagNoDearer = inStage.All(c => c is null || c.All(x => x.Cost >= costs.AiFlagCost));
        var problem = new Problem(
            Share: rule.MinAiShare?.Value ?? 0,
            Counting: counting,
            Flagged: flagged,
            MoreScenarios: moreScenarios,
            MoreStages: Math.Max(0, (rule.MinStagesCovered?.Value ?? 0) - (stageCount - uncovered)),
            MaxNew: Math.Min(candidates, flagNoDearer ? Math.Max(moreScenarios, uncovered) : candidates),
            FlagCost: costs.AiFlagCost);

        var chosen = Solve(problem, inStage, coveredNow, required);
        var upgrades = chosen.OrderBy(c => c.Scenario.No).Select(c => new ScenarioUpgrade(c.Scenario.No, c.From, c.To, c.Steps)).ToList();
        var aiFlags = AiFlags(assessment, catalog, target, problem.Share, chosen);
        var others = evaluation.Checks.Where(c => !c.Passed && !c.Gate.IsScenarioGate()).ToList();
        return new UpgradePlan(target, chosen.Sum(c => c.Cost) + aiFlags.Count * costs.AiFlagCost, upgrades, aiFlags, others);
    }

    private sealed record Problem(decimal Share, int Counting, int Flagged, int MoreScenarios, int MoreStages, int MaxNew, int FlagCost)
    {
        /// <summary>Flags worth counting: beyond this many pre-flagged new scenarios, no AI flag is ever bought.</summary>
        public int MaxPreFlagged => Math.Max(0, Grader.AiNeeded(Share, Counting + MaxNew) - Flagged);

        public long FlagWeight(int added, int preFlagged) => (long)CostWeight * FlagCost * Math.Max(0, Grader.AiNeeded(Share, Counting + added) - Flagged - preFlagged);
    }

    /// <summary>
    /// State after each stage: (new scenarios n, pre-flagged among them m capped, newly covered stages capped).
    /// Within a stage only the cheapest k unflagged and j pre-flagged candidates can be optimal.
    /// </summary>
    private static List<Candidate> Solve(Problem p, List<Candidate>?[] inStage, bool[] coveredNow, bool[] required)
    {
        int nSize = p.MaxNew + 1, mSize = p.MaxPreFlagged + 1, cSize = p.MoreStages + 1;
        int States(int n, int m, int c) => (n * mSize + m) * cSize + c;
        var stateCount = nSize * mSize * cSize;
        var cost = Filled(stateCount);
        cost[States(0, 0, 0)] = 0;
        var layers = new List<(int Stage, int[] From, int[] TakeU, int[] TakeP, Candidate[] U, Candidate[] P)>();

        for (var g = 0; g < inStage.Length; g++)
        {
            var mustCover = required[g] && !coveredNow[g];
            if (inStage[g] is not { } candidates)
            {
                if (mustCover)
                {
                    throw new InvalidOperationException($"Stage {g} cannot be covered; the rule set should have been refused at load.");
                }
                continue;
            }
            var u = candidates.Where(c => !c.PreFlagged).OrderBy(c => c.Weight).ThenBy(c => c.Scenario.No).ToArray();
            var f = candidates.Where(c => c.PreFlagged).OrderBy(c => c.Weight).ThenBy(c => c.Scenario.No).ToArray();
            var next = Filled(stateCount);
            var from = new int[stateCount];
            var takeU = new int[stateCount];
            var takeP = new int[stateCount];
            for (var n = 0; n < nSize; n++)
            for (var m = 0; m < mSize; m++)
            for (var c = 0; c < cSize; c++)
            {
                var here = States(n, m, c);
                if (cost[here] >= Infinite)
                {
                    continue;
                }
                var costP = 0L;
                for (var j = 0; j <= f.Length && n + j < nSize; j++)
                {
                    if (j > 0)
                    {
                        costP += f[j - 1].Weight;
                    }
                    var costU = 0L;
                    for (var k = 0; k <= u.Length && n + j + k < nSize; k++)
                    {
                        if (k > 0)
                        {
                            costU += u[k - 1].Weight;
                        }
                        var taken = j + k;
                        if (mustCover && taken == 0)
                        {
                            continue;
                        }
                        var c2 = Math.Min(cSize - 1, c + (!coveredNow[g] && taken > 0 ? 1 : 0));
                        var there = States(n + taken, Math.Min(mSize - 1, m + j), c2);
                        var total = cost[here] + costP + costU;
                        if (total < next[there])
                        {
                            (next[there], from[there], takeU[there], takeP[there]) = (total, here, k, j);
                        }
                    }
                }
            }
            cost = next;
            layers.Add((g, from, takeU, takeP, u, f));
        }

        var best = -1;
        var bestCost = Infinite;
        for (var n = p.MoreScenarios; n < nSize; n++)
        for (var m = 0; m < mSize; m++)
        {
            var state = States(n, m, cSize - 1);
            if (cost[state] < Infinite && cost[state] + p.FlagWeight(n, m) < bestCost)
            {
                (best, bestCost) = (state, cost[state] + p.FlagWeight(n, m));
            }
        }
        if (best < 0)
        {
            throw new InvalidOperationException("No plan reaches the tier; the rule set should have been refused at load.");
        }

        var chosen = new List<Candidate>();
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            var layer = layers[i];
            chosen.AddRange(layer.U.Take(layer.TakeU[best]));
            chosen.AddRange(layer.P.Take(layer.TakeP[best]));
            best = layer.From[best];
        }
        return chosen;
    }

    private static long[] Filled(int length)
    {
        var array = new long[length];
        Array.Fill(array, Infinite);
        return array;
    }

    /// <summary>Flags the fewest scenarios that make the AI share hold once the upgrades are applied, lowest numbers first.</summary>
    private static List<int> AiFlags(Assessment assessment, Catalog catalog, Tier target, decimal share, List<Candidate> chosen)
    {
        var raised = chosen.Select(c => c.Scenario.No).ToHashSet();
        var members = catalog.Scenarios
            .Where(s => raised.Contains(s.No) || assessment.RatingOf(s.No).Level.Ordinal() >= (int)target)
            .ToList();
        var flagged = members.Count(s => assessment.RatingOf(s.No).Ai);
        var toBuy = Math.Max(0, Grader.AiNeeded(share, members.Count) - flagged);
        return members.Where(s => !assessment.RatingOf(s.No).Ai).Select(s => s.No).Order().Take(toBuy).ToList();
    }
}
