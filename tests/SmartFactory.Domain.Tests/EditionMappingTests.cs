using System.Text.Json.Nodes;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The mapping file between two catalog editions: the examples load, and every broken file is refused naming its place.</summary>
public class EditionMappingTests
{
    [Fact]
    public void ExampleEditionsLoadTogetherWithTheBundledOnes()
    {
        var loaded = ExampleEditions.LoadLibrary();

        Assert.Empty(loaded.Problems);
        var library = loaded.Value!;
        Assert.Equal(["JS-2026", "JS-2027"], library.Catalogs.Select(c => c.Edition));
        Assert.Equal("JS-2027", library.CurrentEdition);
        Assert.Equal(("JS-2027", "2027.1"), (library.RuleSetFor("JS-2027")!.Id, library.RuleSetFor("JS-2027")!.Version));
        Assert.Contains("示例", library.Current.Title);
    }

    [Fact]
    public void ExampleMappingListsEachKindOnceAndMatchesTheOtherThirtyFiveByName()
    {
        var mapping = ExampleEditions.Mapping;

        Assert.Equal(("JS-2026", "JS-2027"), (mapping.From.Edition, mapping.To.Edition));
        Assert.Equal(
            [MappingKind.Renamed, MappingKind.Merged, MappingKind.Removed, MappingKind.Split, MappingKind.New],
            mapping.Entries.Where(e => !e.ByName).Select(e => e.Kind));
        Assert.Equal(35, mapping.Entries.Count(e => e.ByName && e.Kind == MappingKind.Same));
    }

    [Theory]
    [InlineData(28, new[] { 26, 27 })]
    [InlineData(12, new[] { 12 })]
    [InlineData(13, new[] { 12 })]
    [InlineData(19, new int[0])]
    [InlineData(14, new[] { 13 })]
    [InlineData(40, new[] { 40 })]
    [InlineData(41, new int[0])]
    public void ToEditionFollowsAScenarioIntoTheLaterEdition(int fromNo, int[] toNos)
    {
        Assert.Equal(toNos, ExampleEditions.Mapping.ToEdition(fromNo));
    }

    [Theory]
    [InlineData(12, new[] { 12, 13 })]
    [InlineData(26, new[] { 28 })]
    [InlineData(27, new[] { 28 })]
    [InlineData(29, new int[0])]
    [InlineData(18, new[] { 20 })]
    public void FromEditionFollowsAScenarioBackIntoTheEarlierEdition(int toNo, int[] fromNos)
    {
        Assert.Equal(fromNos, ExampleEditions.Mapping.FromEdition(toNo));
    }

    [Fact]
    public void AcceptsChineseKindNames()
    {
        var json = Example();
        json["scenarios"]![1]!["kind"] = "合并";

        var loaded = ExampleEditions.ParseMapping(json.ToJsonString());

        Assert.Empty(loaded.Problems);
        Assert.Equal(MappingKind.Merged, loaded.Value!.EntryTo(12)!.Kind);
    }

    [Theory]
    [InlineData("unknown from edition", "m.json.from", "找不到场景目录版本“JS-2025”")]
    [InlineData("unknown to edition", "m.json.to", "找不到场景目录版本“JS-2028”")]
    [InlineData("same edition twice", "m.json.to", "from 与 to 都是“JS-2026”")]
    [InlineData("missing from", "m.json.from", "缺少必填字段")]
    [InlineData("missing scenarios", "m.json.scenarios", "缺少必填字段")]
    [InlineData("unknown field", "m.json.author", "未知字段“author”")]
    [InlineData("unknown entry field", "m.json.scenarios[2].reason", "未知字段“reason”")]
    [InlineData("entry not an object", "m.json.scenarios[0]", "应为对象")]
    [InlineData("missing kind", "m.json.scenarios[0].kind", "缺少必填字段")]
    [InlineData("unknown kind", "m.json.scenarios[0].kind", "未知的对应类型“moved”")]
    [InlineData("missing to", "m.json.scenarios[2].to", "缺少必填字段")]
    [InlineData("number not an integer", "m.json.scenarios[0].from[0]", "场景编号应为整数，实际为 5.5")]
    [InlineData("unknown source number", "m.json.scenarios[3].from", "场景 45 不在目录 JS-2026 中")]
    [InlineData("unknown target number", "m.json.scenarios[4].to", "场景 41 不在目录 JS-2027 中")]
    [InlineData("source in two entries", "m.json.scenarios[5].from", "JS-2026 场景 12 已写在 scenarios[1] 中，每个场景只能写在一处")]
    [InlineData("source twice in one entry", "m.json.scenarios[1].from", "JS-2026 场景 13 在本条中重复")]
    [InlineData("target in two entries", "m.json.scenarios[5].to", "JS-2027 场景 26 已写在 scenarios[3] 中")]
    [InlineData("split into one", "m.json.scenarios[3].kind", "split（拆分）应为 from 一个场景、to 两个或更多场景，实际 from 1 个、to 1 个")]
    [InlineData("merged from one", "m.json.scenarios[1].kind", "merged（合并）应为 from 两个或更多场景、to 一个场景，实际 from 1 个、to 1 个")]
    [InlineData("renamed into two", "m.json.scenarios[0].kind", "renamed（更名）应为 from 与 to 各一个场景，实际 from 1 个、to 2 个")]
    [InlineData("removed with a target", "m.json.scenarios[2].kind", "removed（删除）应为 from 至少一个场景、to 为空")]
    [InlineData("new with a source", "m.json.scenarios[4].kind", "new（新增）应为 from 为空、to 至少一个场景")]
    [InlineData("many to many", "m.json.scenarios[1].kind", "实际 from 2 个、to 2 个")]
    [InlineData("same but renamed", "m.json.scenarios[0].kind", "JS-2026 场景 5“产品虚拟验证”与 JS-2027 场景 5“产品仿真与试验验证”名称不同，应为 renamed（更名）")]
    [InlineData("renamed but same name", "m.json.scenarios[5].kind", "JS-2026 场景 1 与 JS-2027 场景 1 同名（“工厂数字化规划设计”），应为 same（不变）")]
    [InlineData("source not covered", "m.json.scenarios", "JS-2026 场景 19“网络协同制造”在 JS-2027 中没有同名场景，请在 scenarios 中写明它的去向")]
    [InlineData("target not covered", "m.json.scenarios", "JS-2027 场景 29“工业智能体应用”没有来源，请在 scenarios 中写明它由哪个场景而来")]
    [InlineData("target taken by an entry", "m.json.scenarios", "JS-2026 场景 30“智能经营决策”在 JS-2027 中没有同名场景")]
    public void RefusesBrokenMappingNamingThePlace(string breakage, string place, string message)
    {
        var json = Example();
        Break(json, breakage);

        var loaded = ExampleEditions.ParseMapping(json.ToJsonString());

        Assert.Null(loaded.Value);
        Assert.True(loaded.Problems.Any(p => p.Place == place && p.Message.Contains(message)), string.Join("\n", loaded.Problems));
    }

    /// <summary>What follows from a part that does not read (every scenario it might list) is not reported as well.</summary>
    [Theory]
    [InlineData("same edition twice")]
    [InlineData("number not an integer")]
    [InlineData("entry not an object")]
    [InlineData("missing kind")]
    [InlineData("source twice in one entry")]
    public void RefusesAPartThatDoesNotReadWithThatProblemAlone(string breakage)
    {
        var json = Example();
        Break(json, breakage);

        Assert.Single(ExampleEditions.ParseMapping(json.ToJsonString()).Problems);
    }

    [Fact]
    public void RefusesMalformedMappingJsonNamingTheFileAndLine()
    {
        var text = File.ReadAllText(ExampleEditions.MappingPath).Replace("\"to\": \"JS-2027\",", "\"to\": \"JS-2027\",,");

        var problem = Assert.Single(ExampleEditions.ParseMapping(text).Problems);

        Assert.Equal("m.json", problem.Place);
        Assert.Contains("JSON 格式错误（第 3 行", problem.Message);
    }

    [Fact]
    public void RefusesToMatchByANameTheLaterEditionHasTwice()
    {
        var later = Bundled.Json(ExampleEditions.CatalogPath);
        later["scenarios"]![30]!["name"] = "智能经营决策";
        var catalog = CatalogLoader.Parse(later.ToJsonString(), "JS-2027.json").Value!;

        var loaded = ExampleEditions.ParseMapping(Example().ToJsonString(), e => e == "JS-2027" ? catalog : Bundled.Library.Catalog(e));

        Assert.Contains(loaded.Problems, p => p.ToString() == "m.json.scenarios：JS-2026 场景 30“智能经营决策”的名称不唯一，无法按名称对应，请在 scenarios 中写明它的去向。");
        Assert.Contains(loaded.Problems, p => p.Message.StartsWith("JS-2026 场景 31“数智精益管理”在 JS-2027 中没有同名场景", StringComparison.Ordinal));
    }

    private static JsonObject Example() => Bundled.Json(ExampleEditions.MappingPath);

    private static void Break(JsonObject mapping, string breakage)
    {
        var entries = mapping["scenarios"]!.AsArray();
        JsonObject Entry(int index) => entries[index]!.AsObject();
        void Add(string entry) => entries.Add(JsonNode.Parse(entry));
        switch (breakage)
        {
            case "unknown from edition": mapping["from"] = "JS-2025"; break;
            case "unknown to edition": mapping["to"] = "JS-2028"; break;
            case "same edition twice": mapping["to"] = "JS-2026"; break;
            case "missing from": mapping.Remove("from"); break;
            case "missing scenarios": mapping.Remove("scenarios"); break;
            case "unknown field": mapping["author"] = "张三"; break;
            case "unknown entry field": Entry(2)["reason"] = "不再单列"; break;
            case "entry not an object": entries[0] = 5; break;
            case "missing kind": Entry(0).Remove("kind"); break;
            case "unknown kind": Entry(0)["kind"] = "moved"; break;
            case "missing to": Entry(2).Remove("to"); break;
            case "number not an integer": Entry(0)["from"] = new JsonArray(5.5); break;
            case "unknown source number": Entry(3)["from"] = new JsonArray(45); break;
            case "unknown target number": Entry(4)["to"] = new JsonArray(41); break;
            case "source in two entries": Add("""{ "from": [12], "to": [], "kind": "removed" }"""); break;
            case "source twice in one entry": Entry(1)["from"] = new JsonArray(12, 13, 13); break;
            case "target in two entries": Add("""{ "from": [], "to": [26], "kind": "new" }"""); break;
            case "split into one": Entry(3)["to"] = new JsonArray(26); break;
            case "merged from one": Entry(1)["from"] = new JsonArray(12); break;
            case "renamed into two": Entry(0)["to"] = new JsonArray(5, 29); break;
            case "removed with a target": Entry(2)["to"] = new JsonArray(29); break;
            case "new with a source": Entry(4)["from"] = new JsonArray(19); break;
            case "many to many": Entry(1)["to"] = new JsonArray(12, 13); break;
            case "same but renamed": Entry(0)["kind"] = "same"; break;
            case "renamed but same name": Add("""{ "from": [1], "to": [1], "kind": "renamed" }"""); break;
            case "source not covered": entries.RemoveAt(2); break;
            case "target not covered": entries.RemoveAt(4); break;
            case "target taken by an entry": Add("""{ "from": [], "to": [30], "kind": "new" }"""); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }
    }
}
