using System.Text;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Features.Admin;

namespace SmartFactory.Web.Tests;

/// <summary>The officials' rule-set workbook, as they use it: download the template, change cells, upload it back.</summary>
public class RuleSetWorkbookTests
{
    private static readonly string Base = File.ReadAllText(Path.Combine(DataFolder.Beside, "rulesets", "JS-2026.json"));

    private static readonly Lazy<Domain.Catalogs.EditionLibrary> Editions = new(() => DataFolder.RequireEditions(DataFolder.Beside));

    [Fact]
    public void TemplateHasARowPerEntryWithItsValueAndProvenanceAndTheVersionSheet()
    {
        var (values, version) = Sheets(RuleSetWorkbook.Template(Base));

        var entries = RuleSetEntries.Flatten(Base).Where(e => e.Path != "title").ToList();
        Assert.Equal(["项目代码", "项目", "现行值", "新值", "来源"], values[0].Keys);
        Assert.Equal(entries.Select(e => e.Path), values.Select(r => (string)r["项目代码"]!));
        var advanced = values.Single(r => (string)r["项目代码"]! == "tiers.advanced.minScenarios");
        Assert.Equal(["tiers.advanced.minScenarios", "先进级 · 达到该等级的场景数下限", "10", "10", "占位值"], advanced.Values.Select(v => Convert.ToString(v)));
        Assert.Equal(
            [("规则集", "JS-2026"), ("场景目录版本", "JS-2026"), ("现行版本", "2026.1"), ("新版本号", ""), ("标题", "江苏省智能工厂等级参考规则（2026 年默认规则集）")],
            version.Select(r => (Convert.ToString(r["项目"]), Convert.ToString(r["值"]) ?? "")));
    }

    [Fact]
    public void TemplateExplainsInChineseHowToFillIt()
    {
        using var stream = new MemoryStream(RuleSetWorkbook.Template(Base));

        var guide = stream.Query(useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object?>>().Select(r => (string)r["说明"]!).ToList();

        Assert.Contains(guide, line => line.Contains("不适用") && line.Contains("是”或“否"));
        Assert.Contains(guide, line => line.Contains("basicRequirements.items.新代码"));
        Assert.Contains(guide, line => line.Contains("新版本号"));
    }

    [Fact]
    public void TemplateReadBackWithOnlyANewVersionGivesTheSameRules()
    {
        var read = Read(Filled(version: "2026.2"));

        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var expected = JsonNode.Parse(Base)!.AsObject();
        expected["version"] = "2026.2";
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(read.Value!)), read.Value);
        Assert.Empty(RuleSetEntries.Diff(Base, read.Value!));
    }

    [Fact]
    public void EditedCellsAreInTheNewVersionAndItLoads()
    {
        var workbook = Filled(version: "2026.2", title: "2026 年规则（第二版）", edit: values =>
        {
            Set(values, "tiers.advanced.minScenarios", 12d, "公开通知");
            Set(values, "tiers.workshop.minCmmmLevel", 1d, "inferred");
            Set(values, "tiers.basic.requiredStages", "生产作业，生产管理", null);
        });

        var read = Read(workbook);

        Assert.True(read.IsValid, string.Join("\n", read.Problems));
        var loaded = RuleSetLoader.Parse(read.Value!, "new.json", Editions.Value.Catalog);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        var ruleSet = loaded.Value!;
        Assert.Equal(("2026.2", "2026 年规则（第二版）"), (ruleSet.Version, ruleSet.Title));
        Assert.Equal(new Sourced<int>(12, Provenance.Notice), ruleSet.For(Tier.Advanced).MinScenarios);
        Assert.Equal(new Sourced<int>(1, Provenance.Inferred), ruleSet.For(Tier.Workshop).MinCmmmLevel);
        Assert.Equal(["生产作业", "生产管理"], ruleSet.For(Tier.Basic).RequiredStages!.Value);
        Assert.Equal(3, RuleSetEntries.Diff(Base, read.Value!).Count(c => c.Path != "title"));
    }

    [Theory]
    [InlineData("no version", "版本 第 5 行（新版本号）：请填写新版本号。")]
    [InlineData("same version", "版本 第 5 行（新版本号）：新版本号不能与现行版本 2026.1 相同。")]
    [InlineData("other rule set", "版本 第 2 行（规则集）：该文件是规则集“SH-2026”的模板，不能用于规则集“JS-2026”。")]
    [InlineData("text for a number", "规则数值 第 6 行（智能车间 · 达到该等级的场景数下限）：应为数字，实际为“三个”。")]
    [InlineData("number out of range", "规则数值 第 6 行（智能车间 · 达到该等级的场景数下限）：应为非负整数。")]
    [InlineData("unknown provenance", "规则数值 第 6 行（智能车间 · 达到该等级的场景数下限）：无法识别的来源“文件”")]
    [InlineData("unknown path", "规则数值 第 56 行（tiers.advanced.minWidgets）：未知的项目代码“tiers.advanced.minWidgets”。")]
    [InlineData("row twice", "规则数值 第 56 行（智能车间 · 达到该等级的场景数下限）：该项目在文件中出现了不止一次。")]
    [InlineData("row without path", "规则数值 第 56 行：缺少项目代码。")]
    [InlineData("empty title", "版本 第 6 行（标题）：不能为空。")]
    public void RefusesAWorkbookNamingSheetAndRow(string breakage, string problem)
    {
        var workbook = Filled(version: breakage == "no version" ? "" : breakage == "same version" ? "2026.1" : "2026.2",
            title: breakage == "empty title" ? "" : null,
            ruleSet: breakage == "other rule set" ? "SH-2026" : null,
            edit: values =>
            {
                var copy = new Dictionary<string, object?>(values[4]);
                switch (breakage)
                {
                    case "text for a number": values[4]["新值"] = "三个"; break;
                    case "number out of range": values[4]["新值"] = -3d; break;
                    case "unknown provenance": values[4]["来源"] = "文件"; break;
                    case "unknown path": values.Add(Row("tiers.advanced.minWidgets", "3")); break;
                    case "row twice": values.Add(copy); break;
                    case "row without path": values.Add(Row(null, "3")); break;
                }
            });

        var read = Read(workbook);

        Assert.Null(read.Value);
        Assert.StartsWith(problem, Assert.Single(read.Problems).ToString());
    }

    [Theory]
    [InlineData("plain text")]
    [InlineData("a zip that is not a workbook")]
    [InlineData("a workbook without the version sheet")]
    public void RefusesAFileThatIsNotTheTemplateWithOneClearProblem(string file)
    {
        var bytes = file switch
        {
            "plain text" => Encoding.UTF8.GetBytes("项目代码,新值\ntiers.advanced.minScenarios,12\n"),
            "a zip that is not a workbook" => [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00],
            _ => Saved(new Dictionary<string, object> { ["规则数值"] = Sheets(RuleSetWorkbook.Template(Base)).Values }),
        };

        var read = Read(bytes);

        Assert.Null(read.Value);
        Assert.StartsWith("无法读取该文件", Assert.Single(read.Problems).Message);
    }

    private static Checked<string> Read(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        return RuleSetWorkbook.Read(stream, Base);
    }

    /// <summary>The template as an official saves it after filling it in.</summary>
    private static byte[] Filled(string version, string? title = null, string? ruleSet = null, Action<List<Dictionary<string, object?>>>? edit = null) =>
        FillIn(RuleSetWorkbook.Template(Base), version, title, ruleSet, edit);

    /// <summary>A downloaded template filled in: the new version (and title, rule set) in 版本, the edits in 规则数值.</summary>
    internal static byte[] FillIn(byte[] template, string version, string? title = null, string? ruleSet = null, Action<List<Dictionary<string, object?>>>? edit = null)
    {
        var (values, versionRows) = Sheets(template);
        edit?.Invoke(values);
        void Put(string row, string? value)
        {
            if (value is not null)
            {
                versionRows.Single(r => (string?)r["项目"] == row)["值"] = value;
            }
        }
        Put("新版本号", version);
        Put("标题", title);
        Put("规则集", ruleSet);
        return Saved(new Dictionary<string, object> { ["规则数值"] = values, ["版本"] = versionRows });
    }

    /// <summary>A row an official adds at the end, with only its code and new value.</summary>
    private static Dictionary<string, object?> Row(string? path, string value) =>
        new() { ["项目代码"] = path, ["项目"] = null, ["现行值"] = null, ["新值"] = value, ["来源"] = null };

    internal static void Set(List<Dictionary<string, object?>> values, string path, object value, string? provenance)
    {
        var row = values.Single(r => (string?)r["项目代码"] == path);
        row["新值"] = value;
        row["来源"] = provenance ?? row["来源"];
    }

    private static (List<Dictionary<string, object?>> Values, List<Dictionary<string, object?>> Version) Sheets(byte[] workbook)
    {
        List<Dictionary<string, object?>> Sheet(string name)
        {
            using var stream = new MemoryStream(workbook);
            return stream.Query(useHeaderRow: true, sheetName: name).Cast<IDictionary<string, object?>>().Select(r => new Dictionary<string, object?>(r)).ToList();
        }
        return (Sheet("规则数值"), Sheet("版本"));
    }

    private static byte[] Saved(Dictionary<string, object> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets);
        return stream.ToArray();
    }
}
