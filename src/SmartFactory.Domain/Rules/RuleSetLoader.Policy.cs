using System.Text.Json;
using System.Text.RegularExpressions;
using SmartFactory.Domain.Enterprises;

namespace SmartFactory.Domain.Rules;

/// <summary>The policy figures and lists of a rule set beside its tier gates: basic requirements, the 规上 goal, review and benchmark thresholds.</summary>
public static partial class RuleSetLoader
{
    private sealed record PolicyParts(BasicRequirementList? Basics, AboveScaleGoal? Goal, ReviewThresholds? Review, Sourced<int>? MinimumPeers)
    {
        public bool Complete => Basics is not null && Goal is not null && Review is not null && MinimumPeers is not null;
    }

    private static PolicyParts ReadPolicy(JsonRead read, JsonElement root, string source)
    {
        var review = Section(read, root, "reviewFlags", source) is { } r
            ? Both(RequiredSourced(read, r, "farAboveCmmm", $"{source}.reviewFlags", Int(1, 5), "应为 1–5 之间的整数。"),
                   RequiredSourced(read, r, "jumpTiers", $"{source}.reviewFlags", Int(1, 5), "应为 1–5 之间的整数。"))
            : null;
        var peers = Section(read, root, "peerBenchmark", source) is { } p
            ? RequiredSourced(read, p, "minimumPeers", $"{source}.peerBenchmark", Int(1, 1000), "应为 1–1000 之间的整数。")
            : null;
        return new PolicyParts(ReadBasicRequirements(read, root, source), ReadGoal(read, root, source),
            review is var (far, jump) ? new ReviewThresholds(far, jump) : null, peers);
    }

    /// <summary>Keys are stored comma-separated with each assessment, so they are short lower-case words.</summary>
    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex RequirementKey();

    private static BasicRequirementList? ReadBasicRequirements(JsonRead read, JsonElement root, string source)
    {
        var path = $"{source}.basicRequirements";
        if (Section(read, root, "basicRequirements", source) is not { } section)
        {
            return null;
        }
        var provenance = ReadProvenance(read, section, path);
        if (read.Array(section, "items", path, required: true) is not { } array)
        {
            return null;
        }
        var items = new List<BasicRequirement>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{path}.items[{i++}]";
            if (!read.Object(item, at))
            {
                continue;
            }
            var key = read.String(item, "key", at, required: true);
            var text = read.String(item, "text", at, required: true);
            if (key is not null && !RequirementKey().IsMatch(key))
            {
                read.Fail($"{at}.key", "应为小写英文字母开头、由小写字母、数字或连字符组成的标识（不超过 32 个字符）。");
            }
            else if (key is not null && items.Any(r => r.Key == key))
            {
                read.Fail($"{at}.key", $"基本要求“{key}”重复。");
            }
            else if (key is not null && string.IsNullOrWhiteSpace(text))
            {
                read.Fail($"{at}.text", "基本要求的内容不能为空。");
            }
            else if (key is not null && text is not null)
            {
                items.Add(new BasicRequirement(key, text));
            }
        }
        if (i == 0)
        {
            read.Fail($"{path}.items", "至少应有一项基本要求。");
        }
        return items.Count == i && i > 0 && provenance is { } pr ? new BasicRequirementList(items, pr) : null;
    }

    private static AboveScaleGoal? ReadGoal(JsonRead read, JsonElement root, string source)
    {
        var path = $"{source}.aboveScaleGoal";
        if (Section(read, root, "aboveScaleGoal", source) is not { } goal)
        {
            return null;
        }
        var tierText = read.String(goal, "tier", path, required: true);
        var share = RequiredSourced(read, goal, "share", path, Decimal(0.01m, 1), "应为 0.01–1 之间的比例。");
        var year = RequiredSourced(read, goal, "byYear", path, Int(2000, 2100), "应为 2000–2100 之间的年份。");
        if (tierText is not null && !Tiers.TryParse(tierText, out _))
        {
            read.Fail($"{path}.tier", "应为等级名称，如 basic。");
        }
        return Tiers.TryParse(tierText, out var tier) && share is not null && year is not null ? new AboveScaleGoal(tier, share, year) : null;
    }

    private static JsonElement? Section(JsonRead read, JsonElement root, string name, string source)
    {
        if (read.Field(root, name) is not { } section)
        {
            read.Fail($"{source}.{name}", $"缺少“{name}”。");
            return null;
        }
        return read.Object(section, $"{source}.{name}") ? section : null;
    }

    private static Sourced<T>? RequiredSourced<T>(JsonRead read, JsonElement item, string name, string path, TryRead<T> tryRead, string expected)
    {
        if (read.Field(item, name) is null)
        {
            read.Fail($"{path}.{name}", $"缺少“{name}”。");
            return null;
        }
        return Sourced(read, item, name, path, tryRead, expected);
    }

    private static Provenance? ReadProvenance(JsonRead read, JsonElement e, string path)
    {
        if (Provenances.TryParse(read.String(e, "provenance", path, required: true), out var provenance))
        {
            return provenance;
        }
        read.Fail($"{path}.provenance", "来源应为 seed、notice、inferred 或 placeholder 之一。");
        return null;
    }

    /// <summary>A label and a note for every provenance: what users read beside a number comes from the data, not the code.</summary>
    private static Dictionary<Provenance, ProvenanceText>? ReadProvenanceTexts(JsonRead read, JsonElement root, string source)
    {
        var path = $"{source}.provenances";
        if (Section(read, root, "provenances", source) is not { } section)
        {
            return null;
        }
        var texts = new Dictionary<Provenance, ProvenanceText>();
        foreach (var property in section.EnumerateObject())
        {
            if (!Provenances.TryParse(property.Name, out _))
            {
                read.Fail($"{path}.{property.Name}", $"未知来源“{property.Name}”，应为 {string.Join("、", Enum.GetValues<Provenance>().Select(p => p.Code()))} 之一。");
            }
        }
        foreach (var provenance in Enum.GetValues<Provenance>())
        {
            var at = $"{path}.{provenance.Code()}";
            if (read.Field(section, provenance.Code()) is not { } entry)
            {
                read.Fail(at, $"缺少来源“{provenance.Code()}”的说明（label、note）。");
                continue;
            }
            if (!read.Object(entry, at))
            {
                continue;
            }
            var label = read.String(entry, "label", at, required: true);
            var note = read.String(entry, "note", at, required: true);
            if (label is not null && (string.IsNullOrWhiteSpace(label) || label.Length > 30))
            {
                read.Fail($"{at}.label", "来源名称应为不超过 30 字的非空文字（显示在每个数值旁）。");
            }
            else if (label is not null && note is not null)
            {
                texts[provenance] = new ProvenanceText(label.Trim(), note.Trim());
            }
        }
        return texts.Count == Enum.GetValues<Provenance>().Length ? texts : null;
    }

    private static (A, B)? Both<A, B>(A? a, B? b) where A : class where B : class => a is not null && b is not null ? (a, b) : null;
}
