using System.Text.Json.Nodes;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

public class RuleSetEntriesTests
{
    private static readonly string[] GateNames = ["recommendFromDtScore", "minDtScore", "minCmmmLevel", "basicRequirements", "minScenarios", "requiredStages", "minStagesCovered", "minAiShare"];

    private static string Base => File.ReadAllText(Bundled.RuleSetPath);

    [Fact]
    public void FlattenListsEveryGateOfEveryTierByItsCode()
    {
        var paths = RuleSetEntries.Flatten(Base).Select(e => e.Path).ToList();

        var gates = Tiers.All.SelectMany(t => GateNames.Select(g => $"tiers.{t.Code()}.{g}")).ToList();
        Assert.Equal(40, gates.Count);
        Assert.Equal(gates, paths.Where(p => p.StartsWith("tiers.", StringComparison.Ordinal)));
    }

    [Fact]
    public void EveryEntryHasItsOwnPathAndLabelButNotTheVersion()
    {
        var entries = RuleSetEntries.Flatten(Base);

        Assert.Equal(entries.Count, entries.Select(e => e.Path).Distinct().Count());
        Assert.Equal(entries.Count, entries.Select(e => e.Label).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(e.Label, RuleSetEntries.Label(e.Path)));
        Assert.DoesNotContain(entries, e => e.Path is "version" or "id" or "catalogEdition" || e.Path.StartsWith("provenances", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title", "规则集标题", "江苏省智能工厂等级参考规则（2026 年默认规则集）", "")]
    [InlineData("tiers.advanced.minScenarios", "先进级 · 达到该等级的场景数下限", "10", "placeholder")]
    [InlineData("tiers.workshop.recommendFromDtScore", "智能车间 · 建议评价等级的得分起点", "50", "seed")]
    [InlineData("tiers.workshop.minCmmmLevel", "智能车间 · 智能制造能力成熟度等级下限", "不适用", "")]
    [InlineData("tiers.basic.basicRequirements", "基础级 · 基本要求须全部满足", "是", "notice")]
    [InlineData("tiers.advanced.requiredStages", "先进级 · 必须覆盖的环节", "生产作业、生产管理、运营管理", "notice")]
    [InlineData("tiers.leading.minStagesCovered", "领航级 · 覆盖的环节数下限", "6", "placeholder")]
    [InlineData("tiers.excellent.minAiShare", "卓越级 · 应用人工智能的场景占比下限（0–1）", "0.2", "notice")]
    [InlineData("application.minReferenceLevel", "申报省先进级 · 参考等级不低于", "先进级", "notice")]
    [InlineData("application.minDtScore", "申报省先进级 · 数字化转型评估得分下限", "60", "notice")]
    [InlineData("basicRequirements.keys", "基本要求 · 项目代码列表", "registered、operation、secure、organisation", "notice")]
    [InlineData("basicRequirements.items.secure", "基本要求 · secure", "关键设备、工业软件安全可控", "")]
    [InlineData("aboveScaleGoal.tier", "规上企业目标 · 等级", "基础级", "")]
    [InlineData("aboveScaleGoal.share", "规上企业目标 · 达到该等级的企业占比（0–1）", "0.5", "notice")]
    [InlineData("aboveScaleGoal.byYear", "规上企业目标 · 目标年份", "2027", "notice")]
    [InlineData("reviewFlags.farAboveCmmm", "审核提示 · 场景等级高出成熟度对应等级的级数", "2", "placeholder")]
    [InlineData("peerBenchmark.minimumPeers", "同行对标 · 最少同行企业数", "5", "placeholder")]
    public void FlattenShowsEachEntryAsAPolicyMakerReadsIt(string path, string label, string value, string provenance)
    {
        var entry = RuleSetEntries.Flatten(Base).Single(e => e.Path == path);

        Assert.Equal((label, value, provenance), (entry.Label, entry.Value, entry.Provenance?.Code() ?? ""));
    }

    [Fact]
    public void DiffOfTheFileAgainstItselfOrAnEquivalentLayoutIsEmpty()
    {
        var relaidOut = Edited(j => j["tiers"]![3]!["minAiShare"]!["value"] = JsonValue.Create(0.20m)).ToJsonString();

        Assert.Empty(RuleSetEntries.Diff(Base, Base));
        Assert.Empty(RuleSetEntries.Diff(Base, relaidOut));
    }

    [Theory]
    [InlineData("number", "tiers.advanced.minScenarios", "10", "12", "placeholder", "placeholder")]
    [InlineData("provenance only", "tiers.advanced.minScenarios", "10", "10", "placeholder", "notice")]
    [InlineData("gate dropped", "tiers.excellent.minAiShare", "0.2", "不适用", "notice", "")]
    [InlineData("gate added", "tiers.workshop.minCmmmLevel", "不适用", "1", "", "inferred")]
    [InlineData("list", "tiers.basic.requiredStages", "生产作业", "生产作业、生产管理", "notice", "notice")]
    [InlineData("title", "title", "江苏省智能工厂等级参考规则（2026 年默认规则集）", "2027 年规则", "", "")]
    [InlineData("section provenance", "application.minCmmmLevel", "2", "2", "notice", "inferred")]
    public void DiffReportsEachKindOfChangeWithOldAndNewAndProvenance(string change, string path, string old, string now, string oldProvenance, string newProvenance)
    {
        var changed = Edited(j =>
        {
            var tiers = j["tiers"]!.AsArray();
            switch (change)
            {
                case "number": tiers[2]!["minScenarios"]!["value"] = 12; break;
                case "provenance only": tiers[2]!["minScenarios"]!["provenance"] = "notice"; break;
                case "gate dropped": tiers[3]!["minAiShare"] = null; break;
                case "gate added": tiers[0]!["minCmmmLevel"] = new JsonObject { ["value"] = 1, ["provenance"] = "inferred" }; break;
                case "list": tiers[1]!["requiredStages"]!["value"] = new JsonArray("生产作业", "生产管理"); break;
                case "title": j["title"] = "2027 年规则"; break;
                case "section provenance": j["application"]!["provenance"] = "inferred"; break;
            }
            j["version"] = "2026.2";
        });

        var diff = RuleSetEntries.Diff(Base, changed.ToJsonString());

        var expected = new RuleSetChange(path, RuleSetEntries.Label(path)!, old, now, ProvenanceOf(oldProvenance), ProvenanceOf(newProvenance));
        Assert.Contains(expected, diff);
        Assert.All(diff, c => Assert.True(c.Path == path || change == "section provenance", $"unexpected change {c}"));
        Assert.Equal(change == "section provenance" ? 3 : 1, diff.Count);
    }

    [Fact]
    public void DiffReportsARequirementAddedAndOneRemovedInTheirPlaces()
    {
        var changed = Edited(j =>
        {
            var items = j["basicRequirements"]!["items"]!.AsArray();
            items.RemoveAt(2);
            items.Add(new JsonObject { ["key"] = "data", ["text"] = "建立数据管理制度" });
        });

        var diff = RuleSetEntries.Diff(Base, changed.ToJsonString());

        Assert.Equal(
            [
                new RuleSetChange("basicRequirements.keys", "基本要求 · 项目代码列表", "registered、operation、secure、organisation", "registered、operation、organisation、data", Provenance.Notice, Provenance.Notice),
                new RuleSetChange("basicRequirements.items.secure", "基本要求 · secure", "关键设备、工业软件安全可控", null, null, null),
                new RuleSetChange("basicRequirements.items.data", "基本要求 · data", null, "建立数据管理制度", null, null),
            ],
            diff);
    }

    [Fact]
    public void ApplyingEveryEntryAsShownGivesTheSameRuleSet()
    {
        var entries = RuleSetEntries.Flatten(Base);
        var byCode = entries.ToDictionary(e => e.Path, e => (e.Value, e.Provenance?.Code()));
        var byChineseName = entries.ToDictionary(e => e.Path, e => (e.Value, e.Provenance?.ChineseName()));

        foreach (var edits in new[] { byCode, byChineseName })
        {
            var applied = RuleSetEntries.Apply(Base, edits);

            Assert.True(applied.IsValid, string.Join("\n", applied.Problems));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(Base), JsonNode.Parse(applied.Value!)), applied.Value);
        }
    }

    [Fact]
    public void AppliedEditsLoadAndShowInTheNewVersion()
    {
        var edits = new Dictionary<string, (string, string?)>
        {
            ["tiers.advanced.minScenarios"] = ("12", "公开通知"),
            ["tiers.workshop.minCmmmLevel"] = ("1", "inferred"),
            ["tiers.excellent.minAiShare"] = ("不适用", null),
            ["tiers.basic.requiredStages"] = ("生产作业, 生产管理", null),
            ["application.minReferenceLevel"] = ("basic", "推断"),
            [RuleSetEntries.KeysPath] = ("registered、operation、organisation、data", null),
            ["basicRequirements.items.data"] = ("建立数据管理制度", null),
            ["basicRequirements.items.secure"] = ("关键设备、工业软件安全可控", null),
        };

        var applied = RuleSetEntries.Apply(Base, edits, version: "2026.2");

        Assert.True(applied.IsValid, string.Join("\n", applied.Problems));
        var loaded = RuleSetLoader.Parse(applied.Value!, "new.json", e => e == "JS-2026" ? Bundled.Catalog : null);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        var ruleSet = loaded.Value!;
        Assert.Equal("2026.2", ruleSet.Version);
        Assert.Equal(new Sourced<int>(12, Provenance.Notice), ruleSet.For(Tier.Advanced).MinScenarios);
        Assert.Equal(new Sourced<int>(1, Provenance.Inferred), ruleSet.For(Tier.Workshop).MinCmmmLevel);
        Assert.Null(ruleSet.For(Tier.Excellent).MinAiShare);
        Assert.Equal(["生产作业", "生产管理"], ruleSet.For(Tier.Basic).RequiredStages!.Value);
        Assert.Equal((Tier.Basic, Provenance.Inferred), (ruleSet.Application!.MinReferenceLevel, ruleSet.Application.Provenance));
        Assert.Equal(["registered", "operation", "organisation", "data"], ruleSet.BasicRequirements.Keys);
        Assert.Equal("建立数据管理制度", ruleSet.BasicRequirements.Items[^1].Text);
    }

    [Theory]
    [InlineData("tiers.advanced.minWidgets", "3", "", "tiers.advanced.minWidgets", "未知的项目代码“tiers.advanced.minWidgets”")]
    [InlineData("tiers.advanced.minScenarios", "十个", "", "先进级 · 达到该等级的场景数下限", "应为数字，实际为“十个”")]
    [InlineData("tiers.workshop.recommendFromDtScore", "不适用", "", "智能车间 · 建议评价等级的得分起点", "不能填“不适用”")]
    [InlineData("tiers.advanced.minScenarios", "12", "官方", "先进级 · 达到该等级的场景数下限", "无法识别的来源“官方”，可用：种子数据、公开通知、推断、占位值（或 seed")]
    [InlineData("tiers.workshop.minCmmmLevel", "1", "", "智能车间 · 智能制造能力成熟度等级下限", "请填写来源")]
    [InlineData("title", "新标题", "notice", "规则集标题", "该项没有来源")]
    [InlineData("title", " ", "", "规则集标题", "不能为空")]
    [InlineData("tiers.basic.basicRequirements", "也许", "", "基础级 · 基本要求须全部满足", "应填写“是”或“否”")]
    [InlineData("application.minReferenceLevel", "最高级", "", "申报省先进级 · 参考等级不低于", "应为等级名称：智能车间、基础级")]
    [InlineData("tiers.advanced.minScenarios", "-1", "", "先进级 · 达到该等级的场景数下限", "应为非负整数")]
    [InlineData("tiers.advanced.minCmmmLevel", "2.5", "", "先进级 · 智能制造能力成熟度等级下限", "应为 0–5 之间的整数")]
    [InlineData("aboveScaleGoal.share", "1.5", "", "规上企业目标 · 达到该等级的企业占比（0–1）", "应为 0.01–1 之间的比例")]
    [InlineData("application.minDtScore", "120", "", "申报省先进级", "DT 得分下限应为 0–100")]
    [InlineData("basicRequirements.keys", "registered、registered", "", "基本要求 · 项目代码列表", "基本要求“registered”重复")]
    [InlineData("basicRequirements.keys", "registered、Data", "", "基本要求 · 项目代码列表", "缺少内容：请另填一项，项目代码为 basicRequirements.items.Data")]
    [InlineData("basicRequirements.keys", "无", "", "基本要求 · 项目代码列表", "至少应有一项基本要求")]
    public void RefusesAnEditNamingItsEntry(string path, string value, string provenance, string place, string message)
    {
        var applied = RuleSetEntries.Apply(Base, new Dictionary<string, (string, string?)> { [path] = (value, provenance) });

        Assert.Null(applied.Value);
        var problem = Assert.Single(applied.Problems);
        Assert.Equal(place, problem.Place);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void RefusesAKeyThatIsNotLowerCaseEvenWithItsText()
    {
        var applied = RuleSetEntries.Apply(Base, new Dictionary<string, (string, string?)>
        {
            [RuleSetEntries.KeysPath] = ("registered、Data", null),
            ["basicRequirements.items.Data"] = ("建立数据管理制度", null),
        });

        var problem = Assert.Single(applied.Problems);
        Assert.Equal(("基本要求 · 项目代码列表", true), (problem.Place, problem.Message.Contains("应为小写英文字母开头")));
    }

    [Fact]
    public void RefusesDifferentProvenancesForTheApplicationsSharedOne()
    {
        var applied = RuleSetEntries.Apply(Base, new Dictionary<string, (string, string?)>
        {
            ["application.minDtScore"] = ("60", "推断"),
            ["application.minCmmmLevel"] = ("2", "占位值"),
        });

        var problem = Assert.Single(applied.Problems);
        Assert.Equal("申报省先进级", problem.Place);
        Assert.Contains("推断、占位值", problem.Message);
    }

    [Fact]
    public void RefusesABlankVersion()
    {
        var applied = RuleSetEntries.Apply(Base, new Dictionary<string, (string, string?)>(), version: " ");

        Assert.Equal([new Problem("版本号", "不能为空。")], applied.Problems);
    }

    private static JsonObject Edited(Action<JsonObject> edit)
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        edit(json);
        return json;
    }

    private static Provenance? ProvenanceOf(string code) => Provenances.TryParse(code, out var p) ? p : null;
}
