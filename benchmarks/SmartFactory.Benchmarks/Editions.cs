using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Benchmarks;

/// <summary>The bundled catalog and rule set (data/ copied beside the program), loaded as the CLI loads them.</summary>
public static class Editions
{
    public static (Catalog Catalog, RuleSet RuleSet) LoadCurrent()
    {
        var library = LoadLibrary();
        var catalog = library.Current;
        var ruleSet = library.RuleSetFor(catalog.Edition)
            ?? throw new InvalidOperationException($"No rule set for catalog edition {catalog.Edition}.");
        return (catalog, ruleSet);
    }

    public static EditionLibrary LoadLibrary()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        static IEnumerable<(string, string)> Files(string dir) => Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            : [];
        var loaded = EditionLibrary.Load(Files(Path.Combine(data, "catalogs")), Files(Path.Combine(data, "rulesets")));
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException($"Cannot load the data files under {data}: {string.Join("; ", loaded.Problems)}");
        }
        return loaded.Value!;
    }
}
