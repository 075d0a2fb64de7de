using System.Globalization;
using System.Text.Json;

namespace SmartFactory.Domain.Contracts;

/// <summary>
/// A gate in plain Chinese — what is required against what the enterprise has — the one wording of the result page,
/// the PDF, the API's <c>text</c> and the CLI summary. Where each number comes from is the rule set's to say
/// (<see cref="Rules.RuleSet.Label(string)"/>), not this class's.
/// </summary>
public static class GateText
{
    /// <summary>
    /// <paramref name="tier"/> is the code of the tier the check belongs to; without it (or for a result stored before
    /// the AI gate said what it is a share of) the AI gate is told less precisely.
    /// </summary>
    public static string Required(CheckDto c, string? tier = null) => c.Gate == "aiShare" && Normalize(c.Required) is decimal needed
        ? AiRequired(needed, c.Share, tier)
        : Text(c.Gate, c.Required, required: true);

    public static string Actual(CheckDto c) => Text(c.Gate, c.Actual, required: false);

    public static string Describe(CheckDto c, string? tier = null) => c.Gate == "aiShare"
        ? $"{Required(c, tier)}，当前 {Actual(c)}"
        : $"{c.Label}：要求 {Required(c, tier)}，当前 {Actual(c)}";

    /// <summary>A number as the enterprise entered it: 72 not 72.0 or 72.00, 72.5 not 72.50.</summary>
    public static string Number(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A share such as 0.2 as "20 %".</summary>
    public static string Percent(decimal share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static string AiRequired(decimal needed, AiShareDto? share, string? tier)
    {
        var tierName = tier is not null && Tiers.TryParse(tier, out var t) ? t.ChineseName() : "该等级";
        if (share is null)
        {
            return $"至少 {Number(needed)} 个场景应用人工智能（按达到{tierName}的场景数的比例计算）";
        }
        return share.Counting == 0
            ? $"达到{tierName}的场景中至少 {Percent(share.Share)} 应用人工智能（目前没有场景达到{tierName}）"
            : $"达到{tierName}的 {share.Counting} 个场景中至少 {Percent(share.Share)}（{Number(needed)} 个）应用人工智能";
    }

    private static string Text(string gate, object value, bool required) => (gate, Normalize(value)) switch
    {
        ("basicRequirements", bool b) => required ? "全部满足并承诺" : b ? "已全部承诺" : "未全部承诺",
        ("requiredStages", IReadOnlyList<string> stages) => stages.Count == 0 ? "无" : required ? $"覆盖 {string.Join("、", stages)}" : $"已覆盖 {string.Join("、", stages)}",
        ("dtScore", decimal d) => required ? $"≥ {Number(d)} 分" : $"{Number(d)} 分",
        ("cmmmLevel", decimal d) => required ? $"≥ {Number(d)} 级" : d == 0 ? "未评估" : $"{Number(d)} 级",
        ("aiShare", decimal d) => required ? $"≥ {Number(d)} 个场景应用人工智能" : $"{Number(d)} 个",
        ("stageCount", decimal d) => required ? $"≥ {Number(d)} 个环节" : $"{Number(d)} 个环节",
        ("scenarioCount", decimal d) => required ? $"≥ {Number(d)} 个场景" : $"{Number(d)} 个场景",
        (_, decimal d) => Number(d),
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
