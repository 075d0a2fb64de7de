using System.Globalization;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

public class RuleSetTests
{
    [Fact]
    public void BundledRuleSetLoadsForTheBundledCatalog()
    {
        var ruleSet = Bundled.RuleSet;

        Assert.Equal(("JS-2026", "2026.1", "JS-2026"), (ruleSet.Id, ruleSet.Version, ruleSet.CatalogEdition));
        Assert.Equal(Tiers.All, ruleSet.Tiers.Select(t => t.Tier));
    }

    /// <summary>Every number of DOMAIN.md's JS-2026 table, with its provenance; "–" = the gate does not apply.</summary>
    [Theory]
    [InlineData("workshop", "recommendFromDtScore", "50", "seed")]
    [InlineData("basic", "recommendFromDtScore", "60", "seed")]
    [InlineData("advanced", "recommendFromDtScore", "70", "seed")]
    [InlineData("excellent", "recommendFromDtScore", "80", "seed")]
    [InlineData("leading", "recommendFromDtScore", "90", "seed")]
    [InlineData("workshop", "minDtScore", "50", "seed")]
    [InlineData("basic", "minDtScore", "60", "seed")]
    [InlineData("advanced", "minDtScore", "70", "seed")]
    [InlineData("excellent", "minDtScore", "80", "seed")]
    [InlineData("leading", "minDtScore", "90", "seed")]
    [InlineData("workshop", "minCmmmLevel", "–", "")]
    [InlineData("basic", "minCmmmLevel", "1", "notice")]
    [InlineData("advanced", "minCmmmLevel", "2", "notice")]
    [InlineData("excellent", "minCmmmLevel", "3", "notice")]
    [InlineData("leading", "minCmmmLevel", "4", "inferred")]
    [InlineData("workshop", "basicRequirements", "–", "")]
    [InlineData("basic", "basicRequirements", "True", "notice")]
    [InlineData("advanced", "basicRequirements", "True", "notice")]
    [InlineData("excellent", "basicRequirements", "True", "notice")]
    [InlineData("leading", "basicRequirements", "True", "notice")]
    [InlineData("workshop", "minScenarios", "3", "placeholder")]
    [InlineData("basic", "minScenarios", "6", "placeholder")]
    [InlineData("advanced", "minScenarios", "10", "placeholder")]
    [InlineData("excellent", "minScenarios", "15", "placeholder")]
    [InlineData("leading", "minScenarios", "20", "placeholder")]
    [InlineData("workshop", "requiredStages", "–", "")]
    [InlineData("basic", "requiredStages", "生产作业", "notice")]
    [InlineData("advanced", "requiredStages", "生产作业、生产管理、运营管理", "notice")]
    [InlineData("excellent", "requiredStages", "生产作业、生产管理、运营管理", "inferred")]
    [InlineData("leading", "requiredStages", "生产作业、生产管理、运营管理", "inferred")]
    [InlineData("workshop", "minStagesCovered", "1", "placeholder")]
    [InlineData("basic", "minStagesCovered", "2", "placeholder")]
    [InlineData("advanced", "minStagesCovered", "3", "placeholder")]
    [InlineData("excellent", "minStagesCovered", "5", "placeholder")]
    [InlineData("leading", "minStagesCovered", "6", "placeholder")]
    [InlineData("workshop", "minAiShare", "–", "")]
    [InlineData("basic", "minAiShare", "–", "")]
    [InlineData("advanced", "minAiShare", "–", "")]
    [InlineData("excellent", "minAiShare", "0.2", "notice")]
    [InlineData("leading", "minAiShare", "0.6", "notice")]
    public void RuleSetHoldsTheNumberOfTheDomainTableWithItsProvenance(string tier, string gate, string value, string provenance)
    {
        Assert.True(Tiers.TryParse(tier, out var t));
        var rule = Bundled.RuleSet.For(t);

        var (actualValue, actualProvenance) = gate switch
        {
            "recommendFromDtScore" => Show(rule.RecommendFromDtScore),
            "minDtScore" => Show(rule.MinDtScore),
            "minCmmmLevel" => Show(rule.MinCmmmLevel),
            "basicRequirements" => Show(rule.BasicRequirements),
            "minScenarios" => Show(rule.MinScenarios),
            "requiredStages" => rule.RequiredStages is { } s ? (string.Join("、", s.Value), s.Provenance.Code()) : ("–", ""),
            "minStagesCovered" => Show(rule.MinStagesCovered),
            "minAiShare" => Show(rule.MinAiShare),
            _ => throw new ArgumentOutOfRangeException(nameof(gate)),
        };

        Assert.Equal((value, provenance), (actualValue, actualProvenance));
    }

    [Fact]
    public void GradeShowsTheProvenanceBesideEachNumber()
    {
        var result = Enterprise.Qualified.Grade();

        Assert.Equal(Provenance.Inferred, result.Check(Tier.Leading, Gate.CmmmLevel).Provenance);
        Assert.Equal(Provenance.Placeholder, result.Check(Tier.Basic, Gate.ScenarioCount).Provenance);
        Assert.Equal(Provenance.Notice, result.Check(Tier.Excellent, Gate.AiShare).Provenance);
    }

    [Theory]
    [InlineData("unknown provenance", "JS-2026.json.tiers[1].minDtScore.provenance", "来源应为 seed、notice、inferred 或 placeholder 之一")]
    [InlineData("CMMM 7", "JS-2026.json.tiers[2].minCmmmLevel.value", "应为 0–5 之间的整数")]
    [InlineData("AI share 1.5", "JS-2026.json.tiers[3].minAiShare.value", "应为 0–1 之间的比例")]
    [InlineData("bare number", "JS-2026.json.tiers[0].minScenarios", "应为 {\"value\": …, \"provenance\": …}")]
    [InlineData("missing tier", "JS-2026.json.tiers", "应有 5 个等级，实际 4 个")]
    [InlineData("tiers out of order", "JS-2026.json.tiers[1].tier", "tiers 应依次为 workshop、basic、advanced、excellent、leading")]
    [InlineData("missing recommendation", "JS-2026.json.tiers[0].recommendFromDtScore", "缺少建议评价等级的 DT 得分下限")]
    [InlineData("unknown catalog", "JS-2026.json.catalogEdition", "找不到场景目录版本“JS-2099”")]
    [InlineData("required stage not in catalog", "JS-2026.json 先进级", "必须覆盖的环节“经营管理”不在场景目录 JS-2026 中")]
    [InlineData("unreachable minScenarios", "JS-2026.json 领航级", "要求 41 个场景，但目录中只有 40 个场景能达到该等级")]
    [InlineData("unreachable stage count", "JS-2026.json 领航级", "要求覆盖 9 个环节，但目录中只有 8 个环节能达到该等级")]
    [InlineData("no basic requirements", "JS-2026.json.basicRequirements", "缺少“basicRequirements”")]
    [InlineData("empty basic requirements", "JS-2026.json.basicRequirements.items", "至少应有一项基本要求")]
    [InlineData("duplicate requirement key", "JS-2026.json.basicRequirements.items[1].key", "基本要求“registered”重复")]
    [InlineData("requirement key with a comma", "JS-2026.json.basicRequirements.items[0].key", "应为小写英文字母开头")]
    [InlineData("blank requirement text", "JS-2026.json.basicRequirements.items[2].text", "基本要求的内容不能为空")]
    [InlineData("requirements without provenance", "JS-2026.json.basicRequirements.provenance", "来源应为 seed、notice、inferred 或 placeholder 之一")]
    [InlineData("no goal", "JS-2026.json.aboveScaleGoal", "缺少“aboveScaleGoal”")]
    [InlineData("goal share 1.5", "JS-2026.json.aboveScaleGoal.share.value", "应为 0.01–1 之间的比例")]
    [InlineData("goal at no tier", "JS-2026.json.aboveScaleGoal.tier", "应为等级名称")]
    [InlineData("goal without year", "JS-2026.json.aboveScaleGoal.byYear", "缺少“byYear”")]
    [InlineData("no review flags", "JS-2026.json.reviewFlags", "缺少“reviewFlags”")]
    [InlineData("jump of 0 tiers", "JS-2026.json.reviewFlags.jumpTiers.value", "应为 1–5 之间的整数")]
    [InlineData("far above as text", "JS-2026.json.reviewFlags.farAboveCmmm.value", "应为 1–5 之间的整数")]
    [InlineData("no peer minimum", "JS-2026.json.peerBenchmark.minimumPeers", "缺少“minimumPeers”")]
    [InlineData("peer minimum 0", "JS-2026.json.peerBenchmark.minimumPeers.value", "应为 1–1000 之间的整数")]
    public void RefusesBrokenRuleSetNamingThePlace(string breakage, string place, string message)
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        Break(json, breakage);

        var loaded = RuleSetLoader.Parse(json.ToJsonString(), "JS-2026.json", e => e == "JS-2026" ? Bundled.Catalog : null);

        Assert.Null(loaded.Value);
        Assert.Contains(loaded.Problems, p => p.Place == place && p.Message.Contains(message));
    }

    private static (string, string) Show<T>(Sourced<T>? sourced) => sourced is null
        ? ("–", "")
        : (Convert.ToString(sourced.Value, CultureInfo.InvariantCulture)!, sourced.Provenance.Code());

    private static void Break(JsonObject ruleSet, string breakage)
    {
        var tiers = ruleSet["tiers"]!.AsArray();
        JsonObject Tier(int index) => tiers[index]!.AsObject();
        JsonArray Requirements() => ruleSet["basicRequirements"]!["items"]!.AsArray();
        switch (breakage)
        {
            case "unknown provenance": Tier(1)["minDtScore"]!["provenance"] = "rumour"; break;
            case "CMMM 7": Tier(2)["minCmmmLevel"]!["value"] = 7; break;
            case "AI share 1.5": Tier(3)["minAiShare"]!["value"] = 1.5; break;
            case "bare number": Tier(0)["minScenarios"] = 3; break;
            case "missing tier": tiers.RemoveAt(4); break;
            case "tiers out of order": Tier(1)["tier"] = "advanced"; break;
            case "missing recommendation": Tier(0).Remove("recommendFromDtScore"); break;
            case "unknown catalog": ruleSet["catalogEdition"] = "JS-2099"; break;
            case "required stage not in catalog": Tier(2)["requiredStages"]!["value"] = new JsonArray("生产作业", "经营管理"); break;
            case "unreachable minScenarios": Tier(4)["minScenarios"]!["value"] = 41; break;
            case "unreachable stage count": Tier(4)["minStagesCovered"]!["value"] = 9; break;
            case "no basic requirements": ruleSet.Remove("basicRequirements"); break;
            case "empty basic requirements": Requirements().Clear(); break;
            case "duplicate requirement key": Requirements()[1]!["key"] = "registered"; break;
            case "requirement key with a comma": Requirements()[0]!["key"] = "registered,operation"; break;
            case "blank requirement text": Requirements()[2]!["text"] = " "; break;
            case "requirements without provenance": ruleSet["basicRequirements"]!.AsObject().Remove("provenance"); break;
            case "no goal": ruleSet.Remove("aboveScaleGoal"); break;
            case "goal share 1.5": ruleSet["aboveScaleGoal"]!["share"]!["value"] = 1.5; break;
            case "goal at no tier": ruleSet["aboveScaleGoal"]!["tier"] = "gold"; break;
            case "goal without year": ruleSet["aboveScaleGoal"]!.AsObject().Remove("byYear"); break;
            case "no review flags": ruleSet.Remove("reviewFlags"); break;
            case "jump of 0 tiers": ruleSet["reviewFlags"]!["jumpTiers"]!["value"] = 0; break;
            case "far above as text": ruleSet["reviewFlags"]!["farAboveCmmm"]!["value"] = "两级"; break;
            case "no peer minimum": ruleSet["peerBenchmark"]!.AsObject().Remove("minimumPeers"); break;
            case "peer minimum 0": ruleSet["peerBenchmark"]!["minimumPeers"]!["value"] = 0; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }
}
