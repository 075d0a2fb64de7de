namespace SmartFactory.Domain.Catalogs;

/// <summary>What became of scenarios from one catalog edition to the next.</summary>
public enum MappingKind
{
    /// <summary>One scenario to one of the same name (its number may have moved).</summary>
    Same,
    Renamed,
    /// <summary>One scenario to two or more.</summary>
    Split,
    /// <summary>Two or more scenarios to one.</summary>
    Merged,
    /// <summary>Scenarios of the earlier edition with no successor.</summary>
    Removed,
    /// <summary>Scenarios of the later edition with no predecessor.</summary>
    New,
}

public static class MappingKinds
{
    public static readonly IReadOnlyList<MappingKind> All =
        [MappingKind.Same, MappingKind.Renamed, MappingKind.Split, MappingKind.Merged, MappingKind.Removed, MappingKind.New];

    public static string Code(this MappingKind kind) => kind switch
    {
        MappingKind.Same => "same",
        MappingKind.Renamed => "renamed",
        MappingKind.Split => "split",
        MappingKind.Merged => "merged",
        MappingKind.Removed => "removed",
        MappingKind.New => "new",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string ChineseName(this MappingKind kind) => kind switch
    {
        MappingKind.Same => "不变",
        MappingKind.Renamed => "更名",
        MappingKind.Split => "拆分",
        MappingKind.Merged => "合并",
        MappingKind.Removed => "删除",
        MappingKind.New => "新增",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Whether <paramref name="from"/> source and <paramref name="to"/> target scenarios fit the kind.</summary>
    public static bool Fits(this MappingKind kind, int from, int to) => kind switch
    {
        MappingKind.Same or MappingKind.Renamed => from == 1 && to == 1,
        MappingKind.Split => from == 1 && to >= 2,
        MappingKind.Merged => from >= 2 && to == 1,
        MappingKind.Removed => from >= 1 && to == 0,
        MappingKind.New => from == 0 && to >= 1,
        _ => false,
    };

    /// <summary>The counts <see cref="Fits"/> accepts, for a refusal.</summary>
    public static string Shape(this MappingKind kind) => kind switch
    {
        MappingKind.Same or MappingKind.Renamed => "from 与 to 各一个场景",
        MappingKind.Split => "from 一个场景、to 两个或更多场景",
        MappingKind.Merged => "from 两个或更多场景、to 一个场景",
        MappingKind.Removed => "from 至少一个场景、to 为空",
        MappingKind.New => "from 为空、to 至少一个场景",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses an English code or a Chinese name.</summary>
    public static bool TryParse(string? text, out MappingKind kind)
    {
        foreach (var candidate in All)
        {
            if (text == candidate.Code() || text == candidate.ChineseName())
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public const string AcceptedNames = "same、renamed、split、merged、removed、new 或 不变、更名、拆分、合并、删除、新增";
}

/// <summary>One change between editions: source scenario numbers, target scenario numbers, and why.</summary>
public sealed record MappingEntry
{
    public required MappingKind Kind { get; init; }
    public required IReadOnlyList<int> From { get; init; }
    public required IReadOnlyList<int> To { get; init; }
    public string? Note { get; init; }

    /// <summary>True for a scenario the file does not list, matched by its unchanged name.</summary>
    public bool ByName { get; init; }
}

/// <summary>
/// How the scenarios of catalog <see cref="From"/> became those of <see cref="To"/>. Every scenario of either edition
/// stands in exactly one entry, so the lookups are total for the numbers of their edition.
/// </summary>
public sealed partial class EditionMapping
{
    private readonly Dictionary<int, MappingEntry> _byFrom = [];
    private readonly Dictionary<int, MappingEntry> _byTo = [];

    internal EditionMapping(Catalog from, Catalog to, string title, IReadOnlyList<MappingEntry> entries)
    {
        From = from;
        To = to;
        Title = title;
        Entries = entries;
        foreach (var entry in entries)
        {
            foreach (var no in entry.From)
            {
                _byFrom.Add(no, entry);
            }
            foreach (var no in entry.To)
            {
                _byTo.Add(no, entry);
            }
        }
    }

    public Catalog From { get; }
    public Catalog To { get; }
    public string Title { get; }

    /// <summary>The entries the file lists, in its order, then those matched by name.</summary>
    public IReadOnlyList<MappingEntry> Entries { get; }

    /// <summary>A catalog to itself, every scenario unchanged: rounds of one edition compare through the same rows.</summary>
    public static EditionMapping Identity(Catalog catalog) => new(catalog, catalog, catalog.Title,
        catalog.Scenarios.Select(s => new MappingEntry { Kind = MappingKind.Same, From = [s.No], To = [s.No], ByName = true }).ToList());

    public MappingEntry? EntryFrom(int fromNo) => _byFrom.GetValueOrDefault(fromNo);

    public MappingEntry? EntryTo(int toNo) => _byTo.GetValueOrDefault(toNo);

    /// <summary>The later edition's scenarios that an earlier scenario became: empty when it was removed.</summary>
    public IReadOnlyList<int> ToEdition(int fromNo) => EntryFrom(fromNo)?.To ?? [];

    /// <summary>The earlier edition's scenarios that a later scenario came from: empty when it is new.</summary>
    public IReadOnlyList<int> FromEdition(int toNo) => EntryTo(toNo)?.From ?? [];
}
