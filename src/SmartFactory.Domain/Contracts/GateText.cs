using System.Text.Json;

namespace SmartFactory.Domain.Contracts;

/// <summary>A gate in plain Chinese — what is required against what the enterprise has — for the CLI summary and the pages.</summary>
public static class GateText
{
    public static string Required(CheckDto c) => Text(c.Gate, c.Required, required: true);

    public static string Actual(CheckDto c) => Text(c.Gate, c.Actual, required: false);

    public static string Describe(CheckDto c) => $"{c.Label}：要求 {Required(c)}，当前 {Actual(c)}";

    public static string ProvenanceName(string code) => code switch
    {
        "seed" => "种子数据",
        "notice" => "公开通知",
        "inferred" => "推断",
        "placeholder" => "占位值",
        _ => code,
    };

    private static string Text(string gate, object value, bool required) => (gate, Normalize(value)) switch
    {
        ("basicRequirements", bool b) => required ? "全部满足并承诺" : b ? "已全部承诺" : "未全部承诺",
        ("requiredStages", IReadOnlyList<string> stages) => stages.Count == 0 ? "无" : required ? $"覆盖 {string.Join("、", stages)}" : $"已覆盖 {string.Join("、", stages)}",
        ("dtScore", decimal d) => required ? $"≥ {d} 分" : $"{d} 分",
        ("cmmmLevel", decimal d) => required ? $"≥ {d} 级" : d == 0 ? "未评估" : $"{d} 级",
        ("aiShare", decimal d) => required ? $"≥ {d} 个场景应用人工智能" : $"{d} 个",
        ("stageCount", decimal d) => required ? $"≥ {d} 个环节" : $"{d} 个环节",
        ("scenarioCount", decimal d) => required ? $"≥ {d} 个场景" : $"{d} 个场景",
        (_, var v) => v?.ToString() ?? "",
    };

    private static object? Normalize(object value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDecimal(),
        JsonElement { ValueKind: JsonValueKind.True or JsonValueKind.False } e => e.GetBoolean(),
        JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(x => x.GetString() ?? "").ToList(),
        int i => (decimal)i,
        _ => value,
    };
}
