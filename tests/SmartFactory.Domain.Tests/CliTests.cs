using System.Text.Json;
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
        Assert.Equal(["no", "stage", "name", "descriptions"], first.EnumerateObject().Select(p => p.Name));
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
}
