namespace SmartFactory.Domain.Catalogs;

/// <summary>The checks of a mapping's entries against its two catalogs, and the scenarios it leaves to be matched by name.</summary>
public static partial class EditionMappingLoader
{
    private static List<MappingEntry> CheckEntries(JsonRead read, string source, List<Written> written, Catalog from, Catalog to)
    {
        var fromSeen = new Dictionary<int, string>();
        var toSeen = new Dictionary<int, string>();
        var entries = new List<MappingEntry>();
        foreach (var w in written)
        {
            var knownFrom = Known(read, w, "from", w.From ?? [], from, fromSeen);
            var knownTo = Known(read, w, "to", w.To ?? [], to, toSeen);
            if (w is not { Kind: { } kind, From: { } sources, To: { } targets })
            {
                continue;
            }
            if (!kind.Fits(sources.Count, targets.Count))
            {
                read.Fail($"{w.Path}.kind", $"{kind.Code()}（{kind.ChineseName()}）应为 {kind.Shape()}，实际 from {sources.Count} 个、to {targets.Count} 个。");
            }
            else if (knownFrom && knownTo && kind is (MappingKind.Same or MappingKind.Renamed))
            {
                CheckNames(read, w.Path, kind, from.Find(sources[0])!, to.Find(targets[0])!, from, to);
            }
            entries.Add(new MappingEntry { Kind = kind, From = sources, To = targets, Note = w.Note });
        }
        // Matching by name what a half-read file leaves over would refuse scenarios the unread entries may well list.
        if (entries.Count == written.Count)
        {
            entries.AddRange(MatchByName(read, source, from, to, fromSeen, toSeen));
        }
        return entries;
    }

    /// <summary>Every number is in its catalog and written only once in the whole file.</summary>
    private static bool Known(JsonRead read, Written w, string side, List<int> numbers, Catalog catalog, Dictionary<int, string> seen)
    {
        var known = true;
        foreach (var no in numbers)
        {
            if (catalog.Find(no) is null)
            {
                read.Fail($"{w.Path}.{side}", $"场景 {no} 不在目录 {catalog.Edition} 中。");
                known = false;
            }
            else if (!seen.TryAdd(no, w.Label))
            {
                var where = seen[no] == w.Label ? "在本条中重复" : $"已写在 {seen[no]} 中";
                read.Fail($"{w.Path}.{side}", $"{catalog.Edition} 场景 {no} {where}，每个场景只能写在一处。");
                known = false;
            }
        }
        return known;
    }

    /// <summary>A 1 → 1 entry says whether the name changed; the catalogs must agree.</summary>
    private static void CheckNames(JsonRead read, string path, MappingKind kind, Scenario a, Scenario b, Catalog from, Catalog to)
    {
        if (kind == MappingKind.Same && a.Name != b.Name)
        {
            read.Fail($"{path}.kind", $"{from.Edition} 场景 {a.No}“{a.Name}”与 {to.Edition} 场景 {b.No}“{b.Name}”名称不同，应为 renamed（更名）。");
        }
        else if (kind == MappingKind.Renamed && a.Name == b.Name)
        {
            read.Fail($"{path}.kind", $"{from.Edition} 场景 {a.No} 与 {to.Edition} 场景 {b.No} 同名（“{a.Name}”），应为 same（不变），或不写此条、按名称自动对应。");
        }
    }

    /// <summary>
    /// A scenario the file does not list is the later scenario of the same name, whatever its number; one with no such
    /// scenario (or more than one) is refused, so that no scenario of either edition is silently lost.
    /// </summary>
    private static List<MappingEntry> MatchByName(JsonRead read, string source, Catalog from, Catalog to, Dictionary<int, string> fromSeen, Dictionary<int, string> toSeen)
    {
        var unlistedFrom = from.Scenarios.Where(s => !fromSeen.ContainsKey(s.No)).ToList();
        var unlistedTo = to.Scenarios.Where(s => !toSeen.ContainsKey(s.No)).ToList();
        var matched = new HashSet<int>();
        var entries = new List<MappingEntry>();
        foreach (var s in unlistedFrom)
        {
            var targets = unlistedTo.Where(t => t.Name == s.Name).ToList();
            var twins = unlistedFrom.Count(t => t.Name == s.Name);
            if (targets.Count == 1 && twins == 1)
            {
                matched.Add(targets[0].No);
                entries.Add(new MappingEntry { Kind = MappingKind.Same, From = [s.No], To = [targets[0].No], ByName = true });
            }
            else if (targets.Count == 0)
            {
                read.Fail($"{source}.scenarios", $"{from.Edition} 场景 {s.No}“{s.Name}”在 {to.Edition} 中没有同名场景，请在 scenarios 中写明它的去向（renamed、merged、split 或 removed）。");
            }
            else
            {
                read.Fail($"{source}.scenarios", $"{from.Edition} 场景 {s.No}“{s.Name}”的名称不唯一，无法按名称对应，请在 scenarios 中写明它的去向。");
            }
        }
        foreach (var t in unlistedTo.Where(t => !matched.Contains(t.No)))
        {
            read.Fail($"{source}.scenarios", $"{to.Edition} 场景 {t.No}“{t.Name}”没有来源，请在 scenarios 中写明它由哪个场景而来（renamed、merged、split），或标为 new（新增）。");
        }
        return entries;
    }
}
