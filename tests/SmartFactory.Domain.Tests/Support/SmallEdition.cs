using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>
/// A synthetic edition small enough to brute-force: 7 scenarios over 3 uneven stages, each with a random set of
/// defined tiers ("/" elsewhere), and a rule set with AI shares, both loaded through <see cref="EditionLibrary.Load"/>.
/// </summary>
public sealed record SmallEdition(Catalog Catalog, RuleSet RuleSet, Assessment Assessment, string Shape)
{
    private static readonly string[] Stages = ["设计", "制造", "服务"];
    private static readonly int[] StageOf = [0, 0, 0, 0, 1, 1, 2];

    /// <summary>Scenarios 1, 2, 5 and 7 always define 领航级, so every tier of the rule set stays reachable.</summary>
    /// <summary>The policy parts of a rule set play no part in grading; the small editions borrow the bundled ones.</summary>
    private static readonly string[] PolicySections = ["basicRequirements", "aboveScaleGoal", "reviewFlags", "peerBenchmark", "provenances"];
    private static readonly Lazy<JsonObject> BundledRuleSet = new(() => Bundled.Json(Bundled.RuleSetPath));
    private static readonly bool[] AlwaysLeading = [true, true, false, false, true, false, true];

    public override string ToString() => $"{Shape}\n  {RandomAssessment.Describe(Assessment)}";

    public static Arbitrary<SmallEdition> Instances() => Arb.From(
        from masks in Gen.CollectToArray(AlwaysLeading, leading => Gen.Choose(1, 31).Select(m => leading ? m | 16 : m))
        from edition in Gen.Constant(Load(masks))
        from assessment in Generators.AssessmentOver(edition.Catalog)
        select edition with { Assessment = assessment });

    private static SmallEdition Load(int[] masks)
    {
        var scenarios = new JsonArray();
        for (var i = 0; i < masks.Length; i++)
        {
            var descriptions = new JsonObject();
            var evidence = new JsonObject();
            foreach (var tier in Tiers.All)
            {
                var defined = (masks[i] & (1 << ((int)tier - 1))) != 0;
                descriptions[tier.Code()] = defined ? $"场景 {i + 1} {tier.ChineseName()}" : null;
                if (defined)
                {
                    evidence[tier.Code()] = $"场景 {i + 1} {tier.ChineseName()}的证据";
                }
            }
            var help = new JsonObject { ["meaning"] = $"场景 {i + 1} 的含义", ["evidence"] = evidence, ["examples"] = new JsonArray("示例") };
            scenarios.Add(new JsonObject { ["no"] = i + 1, ["stage"] = Stages[StageOf[i]], ["name"] = $"场景 {i + 1}", ["descriptions"] = descriptions, ["help"] = help });
        }
        var catalog = new JsonObject { ["edition"] = "T-1", ["title"] = "测试目录", ["scenarioCount"] = masks.Length, ["stages"] = new JsonArray([.. Stages.Select(s => JsonValue.Create(s))]), ["scenarios"] = scenarios };
        var ruleSet = new JsonObject
        {
            ["id"] = "T-1",
            ["version"] = "1.0",
            ["catalogEdition"] = "T-1",
            ["tiers"] = new JsonArray(
                Rule("workshop", 50, null, 2, [], 1, null),
                Rule("basic", 60, 1, 2, ["制造"], 2, null),
                Rule("advanced", 70, 2, 3, ["设计", "制造"], 2, 0.34m),
                Rule("excellent", 80, 3, 3, ["设计", "制造", "服务"], 3, 0.5m),
                Rule("leading", 90, 4, 4, ["设计", "服务"], 3, 0.75m)),
        };
        foreach (var policy in PolicySections)
        {
            ruleSet[policy] = BundledRuleSet.Value[policy]!.DeepClone();
        }

        var library = EditionLibrary.Load([("T-1.json", catalog.ToJsonString())], [("T-1.json", ruleSet.ToJsonString())]);
        Assert.True(library.IsValid, string.Join("\n", library.Problems));
        var shape = string.Join(" ", masks.Select((m, i) => $"{i + 1}:{string.Concat(Tiers.All.Select(t => (m & (1 << ((int)t - 1))) != 0 ? "x" : "/"))}"));
        return new SmallEdition(library.Value!.Catalog("T-1")!, library.Value.RuleSetFor("T-1")!, null!, shape);
    }

    private static JsonObject Rule(string tier, int dt, int? cmmm, int scenarios, string[] required, int stages, decimal? ai)
    {
        static JsonObject Sourced(JsonNode? value) => new() { ["value"] = value, ["provenance"] = "placeholder" };
        return new JsonObject
        {
            ["tier"] = tier,
            ["recommendFromDtScore"] = Sourced(dt),
            ["minDtScore"] = Sourced(dt),
            ["minCmmmLevel"] = cmmm is null ? null : Sourced(cmmm),
            ["basicRequirements"] = cmmm is null ? null : Sourced(true),
            ["minScenarios"] = Sourced(scenarios),
            ["requiredStages"] = required.Length == 0 ? null : Sourced(new JsonArray([.. required.Select(s => JsonValue.Create(s))])),
            ["minStagesCovered"] = Sourced(stages),
            ["minAiShare"] = ai is null ? null : Sourced(ai),
        };
    }
}
