using System.Text.Json;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

public class CliTests
{
    private const string Basic = """{"dtScore":65,"cmmmLevel":1,"basicRequirementsMet":true,"scenarios":[{"no":20,"level":"basic"},{"no":24,"level":"basic"},{"no":8,"level":"basic"},{"no":9,"level":"basic"},{"no":10,"level":"basic"},{"no":27,"level":"basic"}]}""";
    private const string Nothing = """{"dtScore":40,"cmmmLevel":0}""";

    private static readonly string[] ResultFields = ["edition", "ruleSet", "ruleSetVersion", "recommendedTier", "referenceLevel", "index", "stageIndex", "nextTier", "tiers", "plan"];

    [Fact]
    public void OneAssessmentInGivesOneJsonObjectOut()
    {
        var run = CliRun.Grade(Basic);

        Assert.Equal((0, ""), (run.Exit, run.Err));
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(ResultFields, result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("basic", "basic", "advanced"), (result.GetProperty("recommendedTier").GetString(), result.GetProperty("referenceLevel").GetString(), result.GetProperty("nextTier").GetString()));
        Assert.Equal(6.0m, result.GetProperty("index").GetDecimal());
        Assert.Equal(["workshop", "basic", "advanced", "excellent", "leading"], result.GetProperty("tiers").EnumerateArray().Select(t => t.GetProperty("tier").GetString()));
        Assert.Equal("advanced", result.GetProperty("plan").GetProperty("tier").GetString());
    }

    [Fact]
    public void GateChecksCarryRequiredActualAndProvenance()
    {
        var result = JsonDocument.Parse(CliRun.Grade(Basic).Out).RootElement;

        var basic = result.GetProperty("tiers")[1];
        var stages = basic.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("gate").GetString() == "requiredStages");
        Assert.True(basic.GetProperty("passed").GetBoolean());
        Assert.Equal("必须覆盖的环节", stages.GetProperty("label").GetString());
        Assert.Equal(["生产作业"], stages.GetProperty("required").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["生产管理", "生产作业"], stages.GetProperty("actual").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("notice", stages.GetProperty("provenance").GetString());
    }

    [Fact]
    public void ArrayInGivesArrayOut()
    {
        var run = CliRun.Grade($"[{Basic},{Nothing}]");

        Assert.Equal(0, run.Exit);
        var results = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["basic", null], results.Select(r => r.GetProperty("referenceLevel").GetString()));
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("recommendedTier").ValueKind);
    }

    [Fact]
    public void PlanListsUpgradesFlagsAndOtherActions()
    {
        var plan = JsonDocument.Parse(CliRun.Grade(Nothing).Out).RootElement.GetProperty("plan");

        Assert.Equal(("workshop", 3), (plan.GetProperty("tier").GetString(), plan.GetProperty("cost").GetInt32()));
        Assert.Equal(3, plan.GetProperty("upgrades").GetArrayLength());
        Assert.All(plan.GetProperty("upgrades").EnumerateArray(), u => Assert.Equal(("none", "workshop", 1), (u.GetProperty("from").GetString(), u.GetProperty("to").GetString(), u.GetProperty("steps").GetInt32())));
        Assert.Empty(plan.GetProperty("aiFlags").EnumerateArray());
        var action = Assert.Single(plan.GetProperty("otherActions").EnumerateArray());
        Assert.Equal("""{"gate":"dtScore","required":50,"actual":40}""", JsonSerializer.Serialize(action));
    }

    [Fact]
    public void CatalogJsonListsFortyScenariosWithAllFiveDescriptions()
    {
        var run = CliRun.Of("catalog", "--json");

        Assert.Equal(0, run.Exit);
        var items = JsonDocument.Parse(run.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, 40), items.Select(i => i.GetProperty("no").GetInt32()));
        var first = items[0];
        Assert.Equal(["no", "stage", "name", "descriptions", "help"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Bundled.Catalog.Find(1)!.Help.Meaning, first.GetProperty("help").GetProperty("meaning").GetString());
        Assert.Equal(("工厂建设", "工厂数字化规划设计"), (first.GetProperty("stage").GetString(), first.GetProperty("name").GetString()));
        var descriptions = first.GetProperty("descriptions");
        Assert.Equal(["workshop", "basic", "advanced", "excellent", "leading"], descriptions.EnumerateObject().Select(p => p.Name));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (descriptions.GetProperty("workshop").ValueKind, descriptions.GetProperty("basic").ValueKind));
        Assert.Equal(Bundled.Catalog.Find(1)!.Description(Tier.Advanced), descriptions.GetProperty("advanced").GetString());
    }

    [Fact]
    public void CatalogTextListsStagesAndUndefinedTiers()
    {
        var run = CliRun.Of("catalog");

        Assert.Equal(0, run.Exit);
        Assert.Contains("【供应链管理】", run.Out);
        Assert.Contains(" 1. 工厂数字化规划设计　／ ／ 先进级 卓越级 领航级", run.Out);
    }

    [Fact]
    public void ChineseSummaryNamesTheReferenceLevelAndThePlan()
    {
        var run = CliRun.Grade(Basic, asJson: false);

        Assert.Equal(0, run.Exit);
        Assert.Contains("参考等级：基础级", run.Out);
        Assert.Contains("建议评价等级：基础级", run.Out);
        Assert.Contains("升级到先进级的最小代价方案", run.Out);
        Assert.Contains("✗ 智能制造能力成熟度等级", run.Out);
    }

    [Fact]
    public void ChineseSummaryOfAnArrayNumbersEachAssessment()
    {
        var run = CliRun.Grade($"[{Basic},{Nothing}]", asJson: false);

        Assert.Contains("第 1 条评估", run.Out);
        Assert.Contains("第 2 条评估", run.Out);
        Assert.Contains("参考等级：未达到智能车间", run.Out);
    }

    [Fact]
    public void BundledExampleGradesSuccessfully()
    {
        var example = Path.Combine(Bundled.RepositoryRoot, "examples", "assessment.json");

        var run = CliRun.Of("grade", example, "--json");

        Assert.Equal((0, ""), (run.Exit, run.Err));
        Assert.Equal("basic", JsonDocument.Parse(run.Out).RootElement.GetProperty("referenceLevel").GetString());
    }

    [Fact]
    public void GradesUnderARuleSetFileWithItsOwnNumbers()
    {
        using var assessment = TempFile.With(Basic);
        using var stricter = RuleSetFile(r => r["tiers"]![1]!["minScenarios"]!["value"] = 7);

        var run = CliRun.Of("grade", assessment.Path, "--rules", stricter.Path, "--json");

        Assert.Equal((0, ""), (run.Exit, run.Err));
        var result = JsonDocument.Parse(run.Out).RootElement;
        Assert.Equal(("workshop", "2026.9"), (result.GetProperty("referenceLevel").GetString(), result.GetProperty("ruleSetVersion").GetString()));
        var byDefault = JsonDocument.Parse(CliRun.Of("grade", assessment.Path, "--json").Out).RootElement;
        Assert.Equal(("basic", "2026.1"), (byDefault.GetProperty("referenceLevel").GetString(), byDefault.GetProperty("ruleSetVersion").GetString()));
    }

    [Fact]
    public void ChineseSummaryUnderARuleSetFileNamesItsVersion()
    {
        using var assessment = TempFile.With(Basic);
        using var stricter = RuleSetFile(r => r["tiers"]![1]!["minScenarios"]!["value"] = 7);

        var run = CliRun.Of("grade", "--rules", stricter.Path, assessment.Path);

        Assert.Equal((0, ""), (run.Exit, run.Err));
        Assert.Contains("规则集 JS-2026 版本 2026.9", run.Out);
        Assert.Contains("参考等级：智能车间", run.Out);
        Assert.Contains("✗ 达到该等级的场景数：要求 ≥ 7 个场景，当前 6 个场景", run.Out);
    }

    [Fact]
    public void InvalidRuleSetFileExitsTwoWithEveryProblemAndGradesNothing()
    {
        using var assessment = TempFile.With(Basic);
        using var broken = RuleSetFile(r =>
        {
            r["tiers"]![1]!["minScenarios"]!["value"] = "many";
            r["tiers"]![2]!["minCmmmLevel"]!["value"] = 7;
        });
        var name = Path.GetFileName(broken.Path);

        var run = CliRun.Of("grade", assessment.Path, "--rules", broken.Path, "--json");

        Assert.Equal((2, ""), (run.Exit, run.Out));
        Assert.Equal(
            [$"{broken.Path} 无效，未进行评级：", $"  {name}.tiers[1].minScenarios.value：应为非负整数。", $"  {name}.tiers[2].minCmmmLevel.value：应为 0–5 之间的整数。"],
            run.Err.TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData("missing file", "找不到规则集文件")]
    [InlineData("no file named", "用法：smartfactory")]
    [InlineData("with catalog", "用法：smartfactory")]
    public void RefusesARulesOptionItCannotUse(string misuse, string message)
    {
        using var assessment = TempFile.With(Basic);
        string[] args = misuse switch
        {
            "missing file" => ["grade", assessment.Path, "--rules", "/nonexistent/rules.json"],
            "no file named" => ["grade", assessment.Path, "--json", "--rules"],
            _ => ["catalog", "--rules", assessment.Path],
        };

        var run = CliRun.Of(args);

        Assert.Equal((2, ""), (run.Exit, run.Out));
        Assert.StartsWith(message, run.Err);
    }

    /// <summary>The bundled rule set as version 2026.9 with one change, in a temporary file.</summary>
    private static TempFile RuleSetFile(Action<JsonObject> change)
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        json["version"] = "2026.9";
        change(json);
        return TempFile.With(json.ToJsonString());
    }

    private sealed record TempFile(string Path) : IDisposable
    {
        public static TempFile With(string text)
        {
            var file = new TempFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"smartfactory-test-{Guid.NewGuid():N}.json"));
            File.WriteAllText(file.Path, text);
            return file;
        }

        public void Dispose() => File.Delete(Path);
    }
}
