using System.Text.Json.Nodes;
using SmartFactory.DataFiles;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>The data files shipped with the product, as the tests' output folder holds them.</summary>
internal static class Bundled
{
    private static readonly Lazy<EditionLibrary> Loaded = new(() =>
    {
        var loaded = DataFolder.LoadEditions(DataDirectory);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        return loaded.Value!;
    });

    public static string DataDirectory => DataFolder.Beside;

    public static string CatalogPath => Path.Combine(DataDirectory, "catalogs", "JS-2026.json");

    public static string RuleSetPath => Path.Combine(DataDirectory, "rulesets", "JS-2026.json");

    public static string ReferenceTablePath => Path.Combine(DataDirectory, "reference", "jiangsu-scenario-reference-2026.txt");

    public static EditionLibrary Library => Loaded.Value;

    public static Catalog Catalog => Library.Catalog("JS-2026")!;

    public static RuleSet RuleSet => Library.RuleSetFor("JS-2026")!;

    /// <summary>The bundled file as an editable JSON tree, for breaking one thing at a time.</summary>
    public static JsonObject Json(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    /// <summary>The repository root: the folder holding SmartFactory.slnx, above the test output.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmartFactory.slnx")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("SmartFactory.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>Scenario numbers defined at <paramref name="tier"/>, in catalog order, optionally only in some stages.</summary>
    public static int[] DefinedAt(Tier tier, params string[] stages) => Catalog.Scenarios
        .Where(s => s.IsDefined(tier) && (stages.Length == 0 || stages.Contains(s.Stage)))
        .Select(s => s.No)
        .ToArray();
}
