using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Catalogs;

/// <summary>The catalogs and rule sets in force, loaded from data files and validated together.</summary>
public sealed class EditionLibrary
{
    private readonly Dictionary<string, Catalog> _catalogs;
    private readonly List<RuleSet> _ruleSets;

    private EditionLibrary(Dictionary<string, Catalog> catalogs, List<RuleSet> ruleSets)
    {
        _catalogs = catalogs;
        _ruleSets = ruleSets;
        CurrentEdition = catalogs.Keys.Order(StringComparer.Ordinal).Last();
    }

    /// <summary>The newest catalog edition: the default when an assessment names none.</summary>
    public string CurrentEdition { get; }

    public IEnumerable<Catalog> Catalogs => _catalogs.Values.OrderBy(c => c.Edition, StringComparer.Ordinal);

    public IEnumerable<RuleSet> RuleSets => _ruleSets;

    public Catalog? Catalog(string edition) => _catalogs.GetValueOrDefault(edition);

    public Catalog Current => _catalogs[CurrentEdition];

    /// <summary>The newest rule-set version for a catalog edition.</summary>
    public RuleSet? RuleSetFor(string edition) => _ruleSets
        .Where(r => r.CatalogEdition == edition)
        .OrderBy(r => System.Version.TryParse(r.Version, out var v) ? v : new System.Version())
        .LastOrDefault();

    public RuleSet? RuleSet(string id, string version) => _ruleSets.FirstOrDefault(r => r.Id == id && r.Version == version);

    /// <summary>Builds the library from file contents (name, text). Any problem in any file refuses the whole library.</summary>
    public static Checked<EditionLibrary> Load(IEnumerable<(string Name, string Json)> catalogFiles, IEnumerable<(string Name, string Json)> ruleSetFiles)
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
        var ruleSets = new List<RuleSet>();
        foreach (var (name, json) in ruleSetFiles)
        {
            var ruleSet = RuleSetLoader.Parse(json, name, catalogs.GetValueOrDefault);
            problems.AddRange(ruleSet.Problems);
            if (ruleSet.Value is { } r)
            {
                if (ruleSets.Any(x => x.Id == r.Id && x.Version == r.Version))
                {
                    problems.Add(new Problem(name, $"规则集“{r.Id}” 版本 {r.Version} 重复。"));
                }
                ruleSets.Add(r);
            }
        }
        if (catalogs.Count == 0)
        {
            problems.Add(new Problem("", "没有任何场景目录数据文件。"));
        }
        foreach (var edition in catalogs.Keys.Where(e => ruleSets.All(r => r.CatalogEdition != e)))
        {
            problems.Add(new Problem(edition, $"场景目录“{edition}”没有对应的规则集。"));
        }
        return problems.Count > 0
            ? Checked<EditionLibrary>.Invalid(problems)
            : Checked<EditionLibrary>.Valid(new EditionLibrary(catalogs, ruleSets));
    }
}
