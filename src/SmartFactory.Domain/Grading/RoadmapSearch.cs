using System.Text;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>
/// The exact joint plan to a tier when decision 003's single-tier plan leaves a lower tier failing: a dynamic programme
/// over the scenarios, stage by stage, whose state holds for every tier up to the target the scenarios counting (capped
/// at the gate unless an AI share needs the true number), the flagged ones among them, the stages covered (capped) and
/// the highest tier reached in the stage being walked. Every choice of each scenario's final rating and flag is one path,
/// so the minimum is exact (decision 031). Its state grows with the catalog; with the bundled rule sets it is never needed.
/// </summary>
internal static class RoadmapSearch
{
    private const long CostWeight = 1000;

    private sealed record Entry(long Weight, string? Previous, Tier? Level, bool Ai);

    public static Assessment Solve(Assessment assessment, Catalog catalog, RuleSet ruleSet, Tier target, PlanCosts costs)
    {
        var rules = ruleSet.Tiers.Where(r => r.Tier <= target).ToArray();
        var tiers = rules.Length;
        var ordered = catalog.Scenarios.OrderBy(s => catalog.StageIndex(s.Stage)).ThenBy(s => s.No).ToArray();
        var lowestAi = rules.FirstOrDefault(r => r.MinAiShare is { Value: > 0 })?.Tier;

        // Components: [n_t, f_t, covered_t] per tier, then the stage's highest tier.
        var layers = new List<Dictionary<string, Entry>> { new() { [Key(new int[3 * tiers + 1])] = new Entry(0, null, null, false) } };
        for (var i = 0; i < ordered.Length; i++)
        {
            var s = ordered[i];
            var now = assessment.RatingOf(s.No);
            var stageEnds = i == ordered.Length - 1 || ordered[i + 1].Stage != s.Stage;
            var next = new Dictionary<string, Entry>();
            foreach (var (key, entry) in layers[^1])
            {
                foreach (var (level, ai) in Options(s, now, target, lowestAi))
                {
                    var state = Decode(key);
                    var climb = level.Ordinal() - now.Level.Ordinal();
                    var cost = (level is { } to && climb > 0 ? s.RaiseCost(now.Level, to) * costs.Step(s.No) : 0) + (ai && !now.Ai ? costs.AiFlagCost : 0);
                    if (!Advance(state, rules, level, ai, stageEnds, s.Stage))
                    {
                        continue;
                    }
                    var nextKey = Key(state);
                    var weight = entry.Weight + cost * CostWeight + climb;
                    if (!next.TryGetValue(nextKey, out var old) || weight < old.Weight)
                    {
                        next[nextKey] = new Entry(weight, key, level, ai);
                    }
                }
            }
            layers.Add(next);
        }

        var best = layers[^1].Where(e => Holds(Decode(e.Key), rules)).MinBy(e => e.Value.Weight);
        if (best.Key is null)
        {
            throw new InvalidOperationException("No plan reaches the tier; the rule set should have been refused at load.");
        }
        var ratings = new Dictionary<int, ScenarioRating>(assessment.Ratings);
        var at = best.Key;
        for (var i = ordered.Length; i > 0; i--)
        {
            var entry = layers[i][at];
            ratings[ordered[i - 1].No] = new ScenarioRating(entry.Level, entry.Ai);
            at = entry.Previous!;
        }
        return assessment with { Ratings = ratings };
    }

    /// <summary>Its rating now or any defined tier above it up to the first that counts at the target; a new flag only where it can count.</summary>
    private static IEnumerable<(Tier? Level, bool Ai)> Options(Scenario s, ScenarioRating now, Tier target, Tier? lowestAi)
    {
        var top = s.LowestDefinedAtOrAbove(target) ?? target;
        IEnumerable<Tier?> levels = [now.Level, .. Tiers.All.Where(t => (int)t > now.Level.Ordinal() && t <= top && s.IsDefined(t)).Cast<Tier?>()];
        foreach (var level in levels)
        {
            yield return (level, now.Ai);
            if (!now.Ai && lowestAi is { } ai && level.Ordinal() >= (int)ai)
            {
                yield return (level, true);
            }
        }
    }

    private static bool Advance(int[] state, TierRule[] rules, Tier? level, bool ai, bool stageEnds, string stage)
    {
        var tiers = rules.Length;
        ref var stageTop = ref state[3 * tiers];
        for (var t = 0; t < tiers && t < level.Ordinal(); t++)
        {
            var rule = rules[t];
            var exact = rule.MinAiShare is { Value: > 0 };
            state[3 * t] = exact ? state[3 * t] + 1 : Math.Min(rule.MinScenarios?.Value ?? 0, state[3 * t] + 1);
            state[3 * t + 1] += exact && ai ? 1 : 0;
        }
        stageTop = Math.Max(stageTop, Math.Min(tiers, level.Ordinal()));
        if (!stageEnds)
        {
            return true;
        }
        for (var t = 0; t < tiers; t++)
        {
            if (t < stageTop)
            {
                state[3 * t + 2] = Math.Min(rules[t].MinStagesCovered?.Value ?? 0, state[3 * t + 2] + 1);
            }
            else if (rules[t].RequiredStages?.Value.Contains(stage) == true)
            {
                return false;
            }
        }
        stageTop = 0;
        return true;
    }

    private static bool Holds(int[] state, TierRule[] rules)
    {
        for (var t = 0; t < rules.Length; t++)
        {
            var rule = rules[t];
            if (state[3 * t] < (rule.MinScenarios?.Value ?? 0) || state[3 * t + 2] < (rule.MinStagesCovered?.Value ?? 0)
                || state[3 * t + 1] < Grader.AiNeeded(rule.MinAiShare?.Value ?? 0, state[3 * t]))
            {
                return false;
            }
        }
        return true;
    }

    private static string Key(int[] state)
    {
        var key = new StringBuilder(state.Length);
        foreach (var v in state)
        {
            key.Append((char)v);
        }
        return key.ToString();
    }

    private static int[] Decode(string key) => key.Select(c => (int)c).ToArray();
}
