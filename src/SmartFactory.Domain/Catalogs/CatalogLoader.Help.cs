using System.Text.Json;

namespace SmartFactory.Domain.Catalogs;

/// <summary>The guidance of each scenario: a catalog whose scenario lacks it, or lacks the evidence of a defined tier, does not load.</summary>
public static partial class CatalogLoader
{
    private const int MaxHelpLength = 400;

    private static ScenarioHelp? ReadHelp(JsonRead read, JsonElement item, string path, string?[] descriptions)
    {
        var at = $"{path}.help";
        if (read.Field(item, "help") is not { } help)
        {
            read.Fail(at, "缺少填报指引（help：场景含义、各等级的证据、典型做法）。");
            return null;
        }
        if (!read.Object(help, at))
        {
            return null;
        }
        var problems = read.Problems.Count;
        var meaning = Text(read, help, "meaning", at);
        var evidence = new Dictionary<Tier, string>();
        if (read.Field(help, "evidence") is not { } e || !read.Object(e, $"{at}.evidence"))
        {
            read.Fail($"{at}.evidence", "缺少各等级的证据说明。");
        }
        else
        {
            foreach (var tier in Tiers.All.Where(t => descriptions[(int)t - 1] is not null))
            {
                if (Text(read, e, tier.Code(), $"{at}.evidence") is { } text)
                {
                    evidence[tier] = text;
                }
            }
        }
        var examples = new List<string>();
        if (read.Array(help, "examples", at, required: true) is { } array)
        {
            foreach (var x in array.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(x.GetString()) || x.GetString()!.Length > MaxHelpLength)
                {
                    read.Fail($"{at}.examples[{examples.Count}]", $"典型做法应为不超过 {MaxHelpLength} 字的非空文字。");
                    continue;
                }
                examples.Add(x.GetString()!);
            }
            if (examples.Count == 0 && array.GetArrayLength() == 0)
            {
                read.Fail($"{at}.examples", "至少应有一个典型做法。");
            }
        }
        return read.Problems.Count == problems && meaning is not null ? new ScenarioHelp(meaning, evidence, examples) : null;
    }

    private static string? Text(JsonRead read, JsonElement e, string name, string path)
    {
        var text = read.String(e, name, path, required: true);
        if (text is not null && (string.IsNullOrWhiteSpace(text) || text.Length > MaxHelpLength))
        {
            read.Fail($"{path}.{name}", $"应为不超过 {MaxHelpLength} 字的非空文字。");
            return null;
        }
        return text;
    }
}
