using System.Text.Json;

namespace SmartFactory.Domain.Catalogs;

/// <summary>Reads and validates a catalog data file; a catalog with any problem is not returned.</summary>
public static partial class CatalogLoader
{
    public static Checked<Catalog> Parse(string json, string source)
    {
        var problems = new List<Problem>();
        using var doc = JsonRead.Parse(json, source, problems);
        if (doc is null)
        {
            return Checked<Catalog>.Invalid(problems);
        }
        var read = new JsonRead(problems);
        var root = doc.RootElement;
        if (!read.Object(root, source))
        {
            return Checked<Catalog>.Invalid(problems);
        }
        var edition = read.String(root, "edition", source, required: true);
        var title = read.String(root, "title", source, required: true) ?? "";
        var scenarioCount = read.Integer(root, "scenarioCount", source, required: true);
        var stages = ReadStages(read, root, source);
        var scenarios = ReadScenarios(read, root, source);

        if (string.IsNullOrWhiteSpace(edition))
        {
            read.Fail($"{source}.edition", "版本号不能为空。");
        }
        if (scenarioCount is int expected && scenarios.Count != expected)
        {
            read.Fail($"{source}.scenarios", $"应有 {expected} 个场景，实际 {scenarios.Count} 个。");
        }
        if (stages.Count > 64)
        {
            read.Fail($"{source}.stages", "环节不能超过 64 个。");
        }
        CheckScenarios(read, source, stages, scenarios);

        return problems.Count > 0
            ? Checked<Catalog>.Invalid(problems)
            : Checked<Catalog>.Valid(new Catalog { Edition = edition!, Title = title, Stages = stages, Scenarios = scenarios });
    }

    private static List<string> ReadStages(JsonRead read, JsonElement root, string source)
    {
        var stages = new List<string>();
        if (read.Array(root, "stages", source, required: true) is not { } array)
        {
            return stages;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (string.IsNullOrWhiteSpace(name))
            {
                read.Fail($"{source}.stages[{i}]", "环节名称应为非空字符串。");
            }
            else if (stages.Contains(name))
            {
                read.Fail($"{source}.stages[{i}]", $"环节“{name}”重复。");
            }
            else
            {
                stages.Add(name);
            }
            i++;
        }
        return stages;
    }

    private static List<Scenario> ReadScenarios(JsonRead read, JsonElement root, string source)
    {
        var scenarios = new List<Scenario>();
        if (read.Array(root, "scenarios", source, required: true) is not { } array)
        {
            return scenarios;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{source}.scenarios[{i++}]";
            if (!read.Object(item, path))
            {
                continue;
            }
            var no = read.Integer(item, "no", path, required: true);
            var stage = read.String(item, "stage", path, required: true);
            var name = read.String(item, "name", path, required: true);
            var descriptions = ReadDescriptions(read, item, path);
            var help = descriptions is null ? null : ReadHelp(read, item, path, descriptions);
            if (no is null || stage is null || name is null || descriptions is null || help is null)
            {
                continue;
            }
            scenarios.Add(new Scenario { No = no.Value, Stage = stage, Name = name, Descriptions = descriptions, Help = help });
        }
        return scenarios;
    }

    private static string?[]? ReadDescriptions(JsonRead read, JsonElement item, string path)
    {
        if (read.Field(item, "descriptions") is not { } d || !read.Object(d, $"{path}.descriptions"))
        {
            read.Fail($"{path}.descriptions", "缺少各等级的场景描述。");
            return null;
        }
        var descriptions = new string?[Tiers.Count];
        foreach (var tier in Tiers.All)
        {
            if (!d.TryGetProperty(tier.Code(), out var text))
            {
                read.Fail($"{path}.descriptions", $"缺少“{tier.Code()}”（{tier.ChineseName()}）；未定义的等级请写 null。");
            }
            else if (text.ValueKind == JsonValueKind.String && text.GetString()!.Trim() == "/")
            {
                read.Fail($"{path}.descriptions.{tier.Code()}", "“/”表示该等级未定义，请写 null。");
            }
            else if (text.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(text.GetString()))
            {
                descriptions[(int)tier - 1] = text.GetString();
            }
            else if (text.ValueKind != JsonValueKind.Null)
            {
                read.Fail($"{path}.descriptions.{tier.Code()}", "场景描述应为非空字符串或 null。");
            }
        }
        return descriptions;
    }

    private static void CheckScenarios(JsonRead read, string source, List<string> stages, List<Scenario> scenarios)
    {
        var seen = new HashSet<int>();
        foreach (var s in scenarios)
        {
            var place = $"{source} 场景 {s.No}";
            if (!seen.Add(s.No))
            {
                read.Fail(place, "场景编号重复。");
            }
            if (s.No < 1 || s.No > scenarios.Count)
            {
                read.Fail(place, $"场景编号应在 1–{scenarios.Count} 之间连续编号。");
            }
            if (!stages.Contains(s.Stage))
            {
                read.Fail(place, $"环节“{s.Stage}”不在 stages 列表中。");
            }
            if (string.IsNullOrWhiteSpace(s.Name))
            {
                read.Fail(place, "场景名称不能为空。");
            }
            if (s.Descriptions.All(d => d is null))
            {
                read.Fail(place, "该场景在任何等级都没有描述，至少应定义一个等级。");
            }
        }
        foreach (var stage in stages.Where(stage => scenarios.All(s => s.Stage != stage)))
        {
            read.Fail($"{source}.stages", $"环节“{stage}”下没有任何场景。");
        }
    }
}
