using System.Globalization;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Domain.Rules;

/// <summary>One number, yes/no, list or text of a rule set that a policy maker would change.</summary>
/// <param name="Path">Stable across versions: a tier by its code (<c>tiers.advanced.minScenarios</c>), a basic requirement by its key.</param>
/// <param name="Value">As shown and as typed back: numbers without trailing zeros, 是/否, lists joined by 、 (无 when empty), 不适用 for a gate that does not apply.</param>
/// <param name="Provenance">Null for a gate that does not apply and for texts, which carry none.</param>
public sealed record RuleSetEntry(string Path, string Label, string Value, Provenance? Provenance);

/// <summary>An entry that differs between two versions; a null value means the entry is not in that version.</summary>
public sealed record RuleSetChange(string Path, string Label, string? OldValue, string? NewValue, Provenance? OldProvenance, Provenance? NewProvenance);

/// <summary>
/// A rule-set file as a flat list of entries, for the administrator's diff and for the workbook officials fill in.
/// Left out: id, version and catalog edition (they name the version rather than its rules) and the provenance notes.
/// </summary>
public static partial class RuleSetEntries
{
    public const string NotApplicable = "不适用";
    public const string EmptyList = "无";
    public const string KeysPath = "basicRequirements.keys";
    private const string ItemsPrefix = "basicRequirements.items.";

    private enum Kind { Number, Flag, Stages, Keys, Text, TierName }

    /// <summary>Own: <c>{"value", "provenance"}</c>; Section: the value is bare and its section's provenance covers it; None: no provenance.</summary>
    private enum Sourcing { Own, Section, None }

    private sealed record Field(string Name, string Label, Kind Kind, Sourcing Sourcing, bool Nullable = false);

    private sealed record Section(string Name, string Label, Field[] Fields);

    /// <summary>An entry's place in the JSON tree: the object holding it and the field's name.</summary>
    private sealed record Slot(string Path, string Label, Kind Kind, Sourcing Sourcing, bool Nullable, JsonObject Holder, string Name);

    private static readonly Field[] TierFields =
    [
        new("recommendFromDtScore", "建议评价等级的得分起点", Kind.Number, Sourcing.Own),
        new("minDtScore", Gate.DtScore.ChineseName() + "下限", Kind.Number, Sourcing.Own, Nullable: true),
        new("minCmmmLevel", Gate.CmmmLevel.ChineseName() + "下限", Kind.Number, Sourcing.Own, Nullable: true),
        new("basicRequirements", Gate.BasicRequirements.ChineseName() + "须全部满足", Kind.Flag, Sourcing.Own, Nullable: true),
        new("minScenarios", Gate.ScenarioCount.ChineseName() + "下限", Kind.Number, Sourcing.Own, Nullable: true),
        new("requiredStages", Gate.RequiredStages.ChineseName(), Kind.Stages, Sourcing.Own, Nullable: true),
        new("minStagesCovered", Gate.StageCount.ChineseName() + "下限", Kind.Number, Sourcing.Own, Nullable: true),
        new("minAiShare", "应用人工智能的场景占比下限（0–1）", Kind.Number, Sourcing.Own, Nullable: true),
    ];

    private static readonly Section Application = new("application", "申报省先进级",
    [
        new("minDtScore", Gate.DtScore.ChineseName() + "下限", Kind.Number, Sourcing.Section),
        new("minCmmmLevel", Gate.CmmmLevel.ChineseName() + "下限", Kind.Number, Sourcing.Section),
        new("minReferenceLevel", "参考等级不低于", Kind.TierName, Sourcing.Section),
    ]);

    private static readonly Section BasicRequirements = new("basicRequirements", "基本要求",
        [new("keys", "项目代码列表", Kind.Keys, Sourcing.Section)]);

    private static readonly Section[] PolicySections =
    [
        new("aboveScaleGoal", "规上企业目标",
        [
            new("tier", "等级", Kind.TierName, Sourcing.None),
            new("share", "达到该等级的企业占比（0–1）", Kind.Number, Sourcing.Own),
            new("byYear", "目标年份", Kind.Number, Sourcing.Own),
        ]),
        new("reviewFlags", "审核提示",
        [
            new("farAboveCmmm", "场景等级高出成熟度对应等级的级数", Kind.Number, Sourcing.Own),
            new("jumpTiers", "参考等级较上次提交跃升的级数", Kind.Number, Sourcing.Own),
        ]),
        new("peerBenchmark", "同行对标", [new("minimumPeers", "最少同行企业数", Kind.Number, Sourcing.Own)]),
    ];

    private static IEnumerable<Section> AllSections => [Application, BasicRequirements, .. PolicySections];

    /// <summary>The entries of a rule-set file, in the file's order. For a file the loader accepts; malformed JSON throws.</summary>
    public static IReadOnlyList<RuleSetEntry> Flatten(string ruleSetJson) =>
        JsonNode.Parse(ruleSetJson) is JsonObject root ? Slots(root).Select(Read).ToList() : [];

    /// <summary>The Chinese label of an entry's path, also for a basic requirement not yet in any version; null for an unknown path.</summary>
    public static string? Label(string path)
    {
        if (path == "title")
        {
            return "规则集标题";
        }
        if (path.StartsWith(ItemsPrefix, StringComparison.Ordinal) && path.Length > ItemsPrefix.Length)
        {
            return $"{BasicRequirements.Label} · {path[ItemsPrefix.Length..]}";
        }
        return path.Split('.') switch
        {
            ["tiers", var code, var name] when TierOf(code) is { } tier && TierFields.FirstOrDefault(f => f.Name == name) is { } field
                => $"{tier.ChineseName()} · {field.Label}",
            [var section, var name] when AllSections.FirstOrDefault(s => s.Name == section) is { } s && s.Fields.FirstOrDefault(f => f.Name == name) is { } field
                => $"{s.Label} · {field.Label}",
            _ => null,
        };
    }

    /// <summary>Every entry whose value or provenance differs, and every entry only one side has, in the new version's order.</summary>
    public static IReadOnlyList<RuleSetChange> Diff(string oldJson, string newJson)
    {
        var old = Flatten(oldJson);
        var now = Flatten(newJson);
        var oldIndex = old.Select((e, i) => (e.Path, i)).ToDictionary(x => x.Path, x => x.i);
        var nowPaths = now.Select(e => e.Path).ToHashSet();
        var changes = new List<RuleSetChange>();
        var next = 0;
        void RemovedBefore(int end)
        {
            for (; next < end; next++)
            {
                if (!nowPaths.Contains(old[next].Path))
                {
                    changes.Add(new RuleSetChange(old[next].Path, old[next].Label, old[next].Value, null, old[next].Provenance, null));
                }
            }
        }
        foreach (var entry in now)
        {
            if (!oldIndex.TryGetValue(entry.Path, out var i))
            {
                changes.Add(new RuleSetChange(entry.Path, entry.Label, null, entry.Value, null, entry.Provenance));
                continue;
            }
            RemovedBefore(i);
            next = Math.Max(next, i + 1);
            if (old[i].Value != entry.Value || old[i].Provenance != entry.Provenance)
            {
                changes.Add(new RuleSetChange(entry.Path, entry.Label, old[i].Value, entry.Value, old[i].Provenance, entry.Provenance));
            }
        }
        RemovedBefore(old.Count);
        return changes;
    }

    private static IEnumerable<Slot> Slots(JsonObject root)
    {
        yield return new Slot("title", Label("title")!, Kind.Text, Sourcing.None, false, root, "title");
        foreach (var tier in Objects(root["tiers"]))
        {
            if (Text(tier["tier"]) is { } code && TierOf(code) is not null)
            {
                foreach (var f in TierFields)
                {
                    var path = $"tiers.{code}.{f.Name}";
                    yield return new Slot(path, Label(path)!, f.Kind, f.Sourcing, f.Nullable, tier, f.Name);
                }
            }
        }
        foreach (var slot in SectionSlots(root, Application))
        {
            yield return slot;
        }
        if (root[BasicRequirements.Name] is JsonObject basics)
        {
            yield return new Slot(KeysPath, Label(KeysPath)!, Kind.Keys, Sourcing.Section, false, basics, "items");
            var seen = new HashSet<string>();
            foreach (var item in Objects(basics["items"]))
            {
                if (Text(item["key"]) is { } key && seen.Add(key))
                {
                    yield return new Slot(ItemsPrefix + key, Label(ItemsPrefix + key)!, Kind.Text, Sourcing.None, false, item, "text");
                }
            }
        }
        foreach (var slot in PolicySections.SelectMany(s => SectionSlots(root, s)))
        {
            yield return slot;
        }
    }

    private static IEnumerable<Slot> SectionSlots(JsonObject root, Section section) => root[section.Name] is JsonObject holder
        ? section.Fields.Select(f => new Slot($"{section.Name}.{f.Name}", $"{section.Label} · {f.Label}", f.Kind, f.Sourcing, f.Nullable, holder, f.Name))
        : [];

    private static RuleSetEntry Read(Slot s)
    {
        var raw = s.Holder[s.Name];
        var (value, provenance) = s.Sourcing switch
        {
            Sourcing.Own => raw is JsonObject o ? (Display(s.Kind, o["value"]), ProvenanceOf(o)) : (NotApplicable, null),
            Sourcing.Section => (Display(s.Kind, raw), ProvenanceOf(s.Holder)),
            _ => (Display(s.Kind, raw), (Provenance?)null),
        };
        return new RuleSetEntry(s.Path, s.Label, value, provenance);
    }

    private static string Display(Kind kind, JsonNode? node) => (kind, node) switch
    {
        (_, null) => NotApplicable,
        (Kind.Number, JsonValue v) when v.TryGetValue<decimal>(out var d) => Number(d),
        (Kind.Flag, JsonValue v) when v.TryGetValue<bool>(out var b) => b ? "是" : "否",
        (Kind.Stages, JsonArray a) => List(a.Select(Text)),
        (Kind.Keys, JsonArray a) => List(a.Select(i => i is JsonObject o ? Text(o["key"]) : null)),
        (Kind.Text, JsonValue v) when v.TryGetValue<string>(out var t) => t,
        (Kind.TierName, JsonValue v) when v.TryGetValue<string>(out var t) && TierOf(t) is { } tier => tier.ChineseName(),
        _ => node.ToJsonString(),
    };

    private static string List(IEnumerable<string?> items) => items.ToList() is { Count: > 0 } list ? string.Join("、", list) : EmptyList;

    /// <summary>Without trailing zeros, so that 0.50 in one file and 0.5 in another are the same number.</summary>
    private static string Number(decimal d) => Normalize(d).ToString(CultureInfo.InvariantCulture);

    private static decimal Normalize(decimal d) => d / 1.0000000000000000000000000000m;

    private static Provenance? ProvenanceOf(JsonObject o) => Provenances.TryParse(Text(o["provenance"]), out var p) ? p : null;

    private static Tier? TierOf(string code) => Tiers.All.Where(t => t.Code() == code).Select(t => (Tier?)t).FirstOrDefault();

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node is JsonArray a ? a.OfType<JsonObject>() : [];
}
