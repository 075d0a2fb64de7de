using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartFactory.Domain.Rules;

/// <summary>Writing entries back: a new version's JSON from the one in force and the entries an administrator changed.</summary>
public static partial class RuleSetEntries
{
    private static readonly JsonSerializerOptions Written = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string ProvenanceNames =
        string.Join("、", Enum.GetValues<Provenance>().Select(p => p.ChineseName())) + "（或 " + string.Join("、", Enum.GetValues<Provenance>().Select(p => p.Code())) + "）";

    /// <summary>
    /// The base file with the edited entries replaced (value as <see cref="RuleSetEntry.Value"/> shows it; provenance by code or
    /// Chinese name, empty to keep it) and, when given, the new version number. A basic requirement is added by listing its key
    /// under <see cref="KeysPath"/> and giving its text at <c>basicRequirements.items.KEY</c>; removed by leaving it out of the list.
    /// Every problem is named by the entry's Chinese label; the result has passed every check of the loader that needs no catalog.
    /// </summary>
    public static Checked<string> Apply(string baseJson, IReadOnlyDictionary<string, (string Value, string? Provenance)> edits, string? version = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(baseJson) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            return Checked<string>.Invalid([new Problem("", "现行规则集不是有效的 JSON 对象。")]);
        }
        var problems = new List<Problem>();
        var baseKeys = Objects((root[BasicRequirements.Name] as JsonObject)?["items"]).Select(i => Text(i["key"])).ToHashSet();
        var sections = new Dictionary<JsonObject, List<Provenance>>(ReferenceEqualityComparer.Instance);
        if (edits.TryGetValue(KeysPath, out var keysEdit) && Slots(root).FirstOrDefault(s => s.Path == KeysPath) is { } keys)
        {
            Write(keys, keysEdit, problems, sections);
        }
        var slots = Slots(root).ToList();
        foreach (var slot in slots.Where(s => s.Kind != Kind.Keys))
        {
            if (edits.TryGetValue(slot.Path, out var edit))
            {
                Write(slot, edit, problems, sections);
            }
            else if (slot.Path.StartsWith(ItemsPrefix, StringComparison.Ordinal) && !baseKeys.Contains(slot.Path[ItemsPrefix.Length..]))
            {
                problems.Add(new Problem(Label(KeysPath)!, $"新增的基本要求“{slot.Path[ItemsPrefix.Length..]}”缺少内容：请另填一项，项目代码为 {slot.Path}，值为该要求的内容。"));
            }
        }
        var removed = baseKeys.Select(k => ItemsPrefix + k);
        foreach (var path in edits.Keys.Except(slots.Select(s => s.Path)).Except(removed))
        {
            problems.Add(new Problem(path, $"未知的项目代码“{path}”。"));
        }
        foreach (var (holder, wanted) in sections.Where(x => x.Value.Distinct().Count() > 1))
        {
            var label = AllSections.First(s => root[s.Name] == holder).Label;
            problems.Add(new Problem(label, $"各项共用一个来源，但填写了不同的来源（{string.Join("、", wanted.Distinct().Select(p => p.ChineseName()))}），请填成一致。"));
        }
        foreach (var (holder, wanted) in sections.Where(x => x.Value.Distinct().Count() == 1))
        {
            holder["provenance"] = wanted[0].Code();
        }
        if (version is not null)
        {
            if (string.IsNullOrWhiteSpace(version))
            {
                problems.Add(new Problem("版本号", "不能为空。"));
            }
            root["version"] = version.Trim();
        }
        return problems.Count > 0 ? Checked<string>.Invalid(problems) : CheckedByLoader(root);
    }

    private static void Write(Slot slot, (string Value, string? Provenance) edit, List<Problem> problems, Dictionary<JsonObject, List<Provenance>> sections)
    {
        void Fail(string message) => problems.Add(new Problem(slot.Label, message));
        Provenance? provenance = null;
        if (!string.IsNullOrWhiteSpace(edit.Provenance))
        {
            if (slot.Sourcing == Sourcing.None)
            {
                Fail("该项没有来源，来源请留空。");
                return;
            }
            if (!TryParseProvenance(edit.Provenance.Trim(), out var p))
            {
                Fail($"无法识别的来源“{edit.Provenance.Trim()}”，可用：{ProvenanceNames}。");
                return;
            }
            provenance = p;
        }
        var text = edit.Value?.Trim() ?? "";
        if (text == NotApplicable)
        {
            if (slot.Nullable)
            {
                slot.Holder[slot.Name] = null;
            }
            else
            {
                Fail($"该项必须有值，不能填“{NotApplicable}”。");
            }
            return;
        }
        if (Parse(slot.Kind, text, out var error) is not { } value)
        {
            Fail(error!);
            return;
        }
        switch (slot.Sourcing)
        {
            case Sourcing.Own when (provenance ?? (slot.Holder[slot.Name] is JsonObject o ? ProvenanceOf(o) : null)) is { } source:
                slot.Holder[slot.Name] = new JsonObject { ["value"] = value, ["provenance"] = source.Code() };
                break;
            case Sourcing.Own:
                Fail($"请填写来源（由“{NotApplicable}”改为有值时必须填写）。");
                break;
            case Sourcing.Section:
                Put(slot, value);
                if (provenance is { } p && p != ProvenanceOf(slot.Holder))
                {
                    sections.TryAdd(slot.Holder, []);
                    sections[slot.Holder].Add(p);
                }
                break;
            default:
                Put(slot, value);
                break;
        }
    }

    /// <summary>The list of keys is kept as the items themselves: kept keys keep their text, new keys start empty.</summary>
    private static void Put(Slot slot, JsonNode value)
    {
        if (slot.Kind != Kind.Keys)
        {
            slot.Holder[slot.Name] = value;
            return;
        }
        var items = Objects(slot.Holder[slot.Name]).ToList();
        slot.Holder[slot.Name] = new JsonArray(value.AsArray().Select(k => Text(k)!)
            .Select(key => items.FirstOrDefault(i => Text(i["key"]) == key)?.DeepClone() ?? new JsonObject { ["key"] = key, ["text"] = "" })
            .ToArray());
    }

    private static JsonNode? Parse(Kind kind, string text, out string? error)
    {
        error = null;
        switch (kind)
        {
            case Kind.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d):
                return JsonValue.Create(Normalize(d));
            case Kind.Number:
                error = $"应为数字，实际为“{text}”。";
                return null;
            case Kind.Flag when Flag(text) is { } flag:
                return JsonValue.Create(flag);
            case Kind.Flag:
                error = "应填写“是”或“否”。";
                return null;
            case Kind.Stages or Kind.Keys:
                return new JsonArray(Split(text).Select(s => (JsonNode)JsonValue.Create(s)).ToArray());
            case Kind.TierName when Tiers.TryParse(text, out var tier):
                return JsonValue.Create(tier.Code());
            case Kind.TierName:
                error = $"应为等级名称：{string.Join("、", Tiers.All.Select(t => t.ChineseName()))}（或 {string.Join("、", Tiers.All.Select(t => t.Code()))}）。";
                return null;
            case Kind.Text when text.Length > 0:
                return JsonValue.Create(text);
            default:
                error = "不能为空。";
                return null;
        }
    }

    private static IEnumerable<string> Split(string text) => text == EmptyList
        ? []
        : text.Split(['、', ',', '，'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static bool TryParseProvenance(string text, out Provenance provenance)
    {
        if (Provenances.TryParse(text, out provenance))
        {
            return true;
        }
        var named = Enum.GetValues<Provenance>().Where(p => p.ChineseName() == text).ToList();
        provenance = named.FirstOrDefault();
        return named.Count == 1;
    }

    private static bool? Flag(string text) => text switch
    {
        "是" => true,
        "否" => false,
        _ => bool.TryParse(text, out var b) ? b : null,
    };
}
