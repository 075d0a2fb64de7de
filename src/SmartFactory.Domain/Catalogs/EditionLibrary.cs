using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Catalogs;

/// <summary>Where a rule-set version stands: loaded for review, in force from a round, or taken back before use.</summary>
public enum Publication
{
    Draft = 1,
    Published = 2,
    Withdrawn = 3,
}

/// <summary>A rule-set text as loaded: a data file (published from the first round) or a version an administrator loaded.</summary>
public sealed record RuleSetSource(string Name, string Json, Publication State = Publication.Published, int? AppliesFrom = null, int Order = 0);

/// <summary>A rule-set version with its standing in the library and the text it was read from (for diffs and downloads).</summary>
public sealed record RuleSetStanding(RuleSet RuleSet, Publication State, int? AppliesFrom, int Order, string Json)
{
    public string Key => RuleSetKeys.Of(RuleSet.Id, RuleSet.Version);
}

public static class RuleSetKeys
{
    /// <summary>How a version is named in the API, the CLI and links: "JS-2026@2026.1".</summary>
    public static string Of(string id, string version) => $"{id}@{version}";

    public static bool TryParse(string? key, out string id, out string version)
    {
        var at = key?.LastIndexOf('@') ?? -1;
        id = at > 0 ? key![..at] : "";
        version = at > 0 ? key![(at + 1)..] : "";
        return at > 0 && version.Length > 0;
    }
}

/// <summary>
/// The catalogs and rule-set versions known to the system, validated together. Which version grades a round is a
/// question of publication: the published version with the latest first round at or before it (decision 019).
/// </summary>
public sealed class EditionLibrary
{
    private readonly Dictionary<string, Catalog> _catalogs;
    private readonly List<RuleSetStanding> _entries;
    private readonly List<RuleSetStanding> _published;
    private readonly List<EditionMapping> _mappings;

    // Built once: a simulation or the officials' scenario view asks for the mapping of every row it reads.
    private readonly Dictionary<string, EditionMapping> _identities;

    private EditionLibrary(Dictionary<string, Catalog> catalogs, List<RuleSetStanding> entries, List<EditionMapping> mappings, int? year)
    {
        _catalogs = catalogs;
        _entries = entries;
        _mappings = mappings;
        _identities = catalogs.ToDictionary(c => c.Key, c => EditionMapping.Identity(c.Value));
        // Oldest first: data files (no first round) in edition and version order, then publications by round and order.
        _published = entries.Where(e => e.State == Publication.Published)
            .OrderBy(e => e.AppliesFrom ?? int.MinValue)
            .ThenBy(e => e.Order)
            .ThenBy(e => e.RuleSet.CatalogEdition, StringComparer.Ordinal)
            .ThenBy(e => System.Version.TryParse(e.RuleSet.Version, out var v) ? v : new System.Version())
            .ToList();
        Year = year;
        CurrentEdition = _published.Count > 0 ? CurrentRuleSet.CatalogEdition : catalogs.Keys.Order(StringComparer.Ordinal).Last();
    }

    /// <summary>The round this library was built for (null: no round, the newest publication counts).</summary>
    public int? Year { get; }

    /// <summary>The catalog edition of the rule set in force: the default when an assessment names none.</summary>
    public string CurrentEdition { get; }

    public IEnumerable<Catalog> Catalogs => _catalogs.Values.OrderBy(c => c.Edition, StringComparer.Ordinal);

    /// <summary>The published versions, oldest first.</summary>
    public IEnumerable<RuleSet> RuleSets => _published.Select(e => e.RuleSet);

    /// <summary>Every version with its standing, drafts and withdrawn ones included: for administrators.</summary>
    public IReadOnlyList<RuleSetStanding> Entries => _entries;

    public Catalog? Catalog(string edition) => _catalogs.GetValueOrDefault(edition);

    /// <summary>How the scenarios of one edition become those of another: the identity within an edition, a loaded mapping across two.</summary>
    public EditionMapping? Mapping(string from, string to) =>
        from == to ? _identities.GetValueOrDefault(from)
        : _mappings.FirstOrDefault(m => m.From.Edition == from && m.To.Edition == to);

    public IReadOnlyList<EditionMapping> Mappings => _mappings;

    public static string MappingKey(string from, string to) => $"{from}→{to}";

    public Catalog Current => _catalogs[CurrentEdition];

    /// <summary>The rule set in force for <see cref="Year"/> (the newest publication without a year): what new work is graded with.</summary>
    public RuleSet CurrentRuleSet => (Year is { } y ? InForce(y) : null) ?? _published[^1].RuleSet;

    /// <summary>The version that grades the given round: published, and the latest to apply from that round or before.</summary>
    public RuleSet? InForce(int year) =>
        _published.LastOrDefault(e => (e.AppliesFrom ?? int.MinValue) <= year)?.RuleSet;

    /// <summary>The newest published version for a catalog edition.</summary>
    public RuleSet? RuleSetFor(string edition) => _published.LastOrDefault(e => e.RuleSet.CatalogEdition == edition)?.RuleSet;

    /// <summary>The rule set for a draft of the given round and edition: the one in force if it is of that edition, else its edition's newest.</summary>
    public RuleSet? ForDraft(int year, string edition) =>
        InForce(year) is { } inForce && inForce.CatalogEdition == edition ? inForce : RuleSetFor(edition);

    /// <summary>What grades a stateless assessment (API, CLI): the version it names, or the one in force for its edition.</summary>
    public RuleSet? RuleSetFor(Assessments.Assessment assessment) =>
        assessment.RuleSetKey is { } key && RuleSetKeys.TryParse(key, out var id, out var version)
            ? RuleSet(id, version)
            : ForDraft(Year ?? int.MaxValue, assessment.Edition);

    /// <summary>Any version by id and version, drafts included (a submission names the version it was graded with).</summary>
    public RuleSet? RuleSet(string id, string version) => Entry(id, version)?.RuleSet;

    public RuleSetStanding? Entry(string id, string version) =>
        _entries.FirstOrDefault(e => e.RuleSet.Id == id && e.RuleSet.Version == version);

    /// <summary>A version by its key ("JS-2026@2026.1"); null for a key that does not parse or is not loaded.</summary>
    public RuleSetStanding? Entry(string key) => RuleSetKeys.TryParse(key, out var id, out var version) ? Entry(id, version) : null;

    /// <summary>The standing (and text) of a rule set of this library.</summary>
    public RuleSetStanding Entry(RuleSet ruleSet) => Entry(ruleSet.Id, ruleSet.Version)!;

    /// <summary>What a version is compared with: the one in force for the round it applies from (a draft: the current round).</summary>
    public RuleSetStanding Baseline(RuleSetStanding version) => Entry(InForce(version.AppliesFrom ?? Year ?? int.MaxValue)!);

    /// <summary>The data files alone: every rule set published from the first round.</summary>
    public static Checked<EditionLibrary> Load(IEnumerable<(string Name, string Json)> catalogFiles, IEnumerable<(string Name, string Json)> ruleSetFiles)
    {
        var library = Load(catalogFiles, ruleSetFiles.Select(f => new RuleSetSource(f.Name, f.Json)), null);
        // A catalog file without a rule set is a forgotten file; a catalog an administrator loaded waits for its rule set.
        var orphans = library.Value?.Catalogs.Where(c => library.Value.RuleSetFor(c.Edition) is null)
            .Select(c => new Problem(c.Edition, $"场景目录“{c.Edition}”没有对应的规则集。")).ToList() ?? [];
        return orphans.Count > 0 ? Checked<EditionLibrary>.Invalid(orphans) : library;
    }

    public static Checked<EditionLibrary> Load(IEnumerable<(string Name, string Json)> catalogFiles, IEnumerable<RuleSetSource> ruleSetSources, int? year) =>
        Load(catalogFiles, ruleSetSources, [], year);

    /// <summary>Builds the library from texts (name, JSON), mappings between editions included. Any problem in any text refuses the whole library.</summary>
    public static Checked<EditionLibrary> Load(IEnumerable<(string Name, string Json)> catalogFiles, IEnumerable<RuleSetSource> ruleSetSources,
        IEnumerable<(string Name, string Json)> mappingSources, int? year)
    {
        var problems = new List<Problem>();
        var catalogs = new Dictionary<string, Catalog>();
        foreach (var (name, json) in catalogFiles)
        {
            var catalog = CatalogLoader.Parse(json, name);
            problems.AddRange(catalog.Problems);
            if (catalog.Value is { } c && !catalogs.TryAdd(c.Edition, c))
            {
                problems.Add(new Problem(name, $"场景目录版本“{c.Edition}”重复。"));
            }
        }
        var entries = new List<RuleSetStanding>();
        foreach (var source in ruleSetSources)
        {
            var ruleSet = RuleSetLoader.Parse(source.Json, source.Name, catalogs.GetValueOrDefault);
            problems.AddRange(ruleSet.Problems);
            if (ruleSet.Value is { } r)
            {
                if (entries.Any(x => x.RuleSet.Id == r.Id && x.RuleSet.Version == r.Version))
                {
                    problems.Add(new Problem(source.Name, $"规则集“{r.Id}” 版本 {r.Version} 重复。"));
                }
                entries.Add(new RuleSetStanding(r, source.State, source.AppliesFrom, source.Order, source.Json));
            }
        }
        var mappings = new List<EditionMapping>();
        foreach (var (name, json) in mappingSources)
        {
            var mapping = EditionMappingLoader.Parse(json, name, catalogs.GetValueOrDefault);
            problems.AddRange(mapping.Problems);
            if (mapping.Value is { } m)
            {
                if (mappings.Any(x => x.From.Edition == m.From.Edition && x.To.Edition == m.To.Edition))
                {
                    problems.Add(new Problem(name, $"目录对照表 {MappingKey(m.From.Edition, m.To.Edition)} 重复。"));
                }
                mappings.Add(m);
            }
        }
        if (catalogs.Count == 0)
        {
            problems.Add(new Problem("", "没有任何场景目录数据文件。"));
        }
        if (problems.Count == 0 && entries.All(e => e.State != Publication.Published))
        {
            problems.Add(new Problem("", "没有已发布的规则集。"));
        }
        return problems.Count > 0
            ? Checked<EditionLibrary>.Invalid(problems)
            : Checked<EditionLibrary>.Valid(new EditionLibrary(catalogs, entries, mappings, year));
    }
}
