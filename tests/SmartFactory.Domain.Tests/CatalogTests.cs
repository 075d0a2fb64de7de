using System.Text.Json.Nodes;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

public class CatalogTests
{
    private static readonly string[] StagesInOrder = ["工厂建设", "产品研发", "工艺设计", "生产管理", "生产作业", "运营管理", "产品服务", "供应链管理"];

    [Fact]
    public void BundledCatalogLoadsWithoutProblems()
    {
        var loaded = CatalogLoader.Parse(File.ReadAllText(Bundled.CatalogPath), "JS-2026.json");

        Assert.Empty(loaded.Problems);
        Assert.Equal("JS-2026", loaded.Value!.Edition);
    }

    [Fact]
    public void BundledCatalogNumbersItsFortyScenariosOneToForty()
    {
        Assert.Equal(Enumerable.Range(1, 40), Bundled.Catalog.Scenarios.Select(s => s.No));
    }

    [Fact]
    public void BundledCatalogHasTheEightStagesInOrder()
    {
        Assert.Equal(StagesInOrder, Bundled.Catalog.Stages);
        Assert.Equal(StagesInOrder, Bundled.Catalog.Scenarios.Select(s => s.Stage).Distinct());
    }

    [Theory]
    [InlineData(1, "工厂数字化规划设计", "advanced")]
    [InlineData(8, "生产计划优化", "workshop")]
    [InlineData(19, "网络协同制造", "excellent")]
    [InlineData(30, "智能经营决策", "excellent")]
    [InlineData(40, "供应链物流智能配送", "excellent")]
    public void ScenarioStartsAtItsLowestDefinedTier(int no, string name, string lowest)
    {
        var scenario = Bundled.Catalog.Find(no)!;

        Assert.Equal(name, scenario.Name);
        Assert.Equal(lowest, scenario.LowestDefinedAtOrAbove(Tier.Workshop)!.Value.Code());
    }

    [Theory]
    [InlineData("duplicate number", "JS-2026.json 场景 1", "场景编号重复")]
    [InlineData("missing descriptions key", "JS-2026.json.scenarios[4].descriptions", "缺少“leading”")]
    [InlineData("descriptions not an object", "JS-2026.json.scenarios[4].descriptions", "缺少各等级的场景描述")]
    [InlineData("description is a number", "JS-2026.json.scenarios[4].descriptions.basic", "非空字符串或 null")]
    [InlineData("slash for undefined", "JS-2026.json.scenarios[0].descriptions.workshop", "“/”表示该等级未定义，请写 null")]
    [InlineData("all tiers null", "JS-2026.json 场景 7", "任何等级都没有描述")]
    [InlineData("unknown stage", "JS-2026.json 场景 10", "环节“经营管理”不在 stages 列表中")]
    [InlineData("stage without scenarios", "JS-2026.json.stages", "环节“售后服务”下没有任何场景")]
    [InlineData("duplicate stage", "JS-2026.json.stages[8]", "环节“工厂建设”重复")]
    [InlineData("wrong scenarioCount", "JS-2026.json.scenarios", "应有 41 个场景，实际 40 个")]
    [InlineData("number out of range", "JS-2026.json 场景 41", "场景编号应在 1–40 之间")]
    [InlineData("missing name", "JS-2026.json.scenarios[2].name", "缺少必填字段")]
    [InlineData("empty edition", "JS-2026.json.edition", "版本号不能为空")]
    public void RefusesBrokenCatalogNamingThePlace(string breakage, string place, string message)
    {
        var json = Bundled.Json(Bundled.CatalogPath);
        Break(json, breakage);

        var loaded = CatalogLoader.Parse(json.ToJsonString(), "JS-2026.json");

        Assert.Null(loaded.Value);
        Assert.Contains(loaded.Problems, p => p.Place == place && p.Message.Contains(message));
    }

    [Fact]
    public void RefusesMalformedCatalogJsonNamingTheFileAndLine()
    {
        var text = File.ReadAllText(Bundled.CatalogPath).Replace("\"scenarioCount\": 40,", "\"scenarioCount\": 40,,");

        var loaded = CatalogLoader.Parse(text, "JS-2026.json");

        var problem = Assert.Single(loaded.Problems);
        Assert.Equal("JS-2026.json", problem.Place);
        Assert.Contains("JSON 格式错误（第 5 行", problem.Message);
    }

    [Fact]
    public void RefusesTheWholeLibraryWhenOneCatalogIsBroken()
    {
        var broken = Bundled.Json(Bundled.CatalogPath);
        Break(broken, "all tiers null");

        var library = EditionLibrary.Load([("JS-2026.json", broken.ToJsonString())], [("JS-2026.json", File.ReadAllText(Bundled.RuleSetPath))]);

        Assert.Null(library.Value);
        Assert.Contains(library.Problems, p => p.ToString() == "JS-2026.json 场景 7：该场景在任何等级都没有描述，至少应定义一个等级。");
    }

    private static void Break(JsonObject catalog, string breakage)
    {
        var scenarios = catalog["scenarios"]!.AsArray();
        JsonObject Scenario(int index) => scenarios[index]!.AsObject();
        switch (breakage)
        {
            case "duplicate number": Scenario(1)["no"] = 1; break;
            case "missing descriptions key": Scenario(4)["descriptions"]!.AsObject().Remove("leading"); break;
            case "descriptions not an object": Scenario(4)["descriptions"] = "/"; break;
            case "description is a number": Scenario(4)["descriptions"]!["basic"] = 0; break;
            case "slash for undefined": Scenario(0)["descriptions"]!["workshop"] = "/"; break;
            case "all tiers null":
                foreach (var tier in Tiers.All)
                {
                    Scenario(6)["descriptions"]![tier.Code()] = null;
                }
                break;
            case "unknown stage": Scenario(9)["stage"] = "经营管理"; break;
            case "stage without scenarios": catalog["stages"]!.AsArray().Add("售后服务"); break;
            case "duplicate stage": catalog["stages"]!.AsArray().Add("工厂建设"); break;
            case "wrong scenarioCount": catalog["scenarioCount"] = 41; break;
            case "number out of range": Scenario(39)["no"] = 41; break;
            case "missing name": Scenario(2).Remove("name"); break;
            case "empty edition": catalog["edition"] = " "; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }
}
