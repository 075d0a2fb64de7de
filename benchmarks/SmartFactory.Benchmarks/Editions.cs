using SmartFactory.DataFiles;
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

    public static EditionLibrary LoadLibrary() => DataFolder.RequireEditions(DataFolder.Beside);
}
