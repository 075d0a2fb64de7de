using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>The illustrative JS-2027 edition in examples/editions, beside the bundled JS-2026, and the mapping between them.</summary>
internal static class ExampleEditions
{
    private static readonly Lazy<EditionLibrary> Loaded = new(() =>
    {
        var loaded = LoadLibrary();
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        return loaded.Value!;
    });

    private static readonly Lazy<EditionMapping> LoadedMapping = new(() =>
    {
        var loaded = ParseMapping(File.ReadAllText(MappingPath));
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        return loaded.Value!;
    });

    public static string Folder => Path.Combine(Bundled.RepositoryRoot, "examples", "editions");

    public static string CatalogPath => Path.Combine(Folder, "JS-2027.json");

    public static string RuleSetPath => Path.Combine(Folder, "JS-2027-rules.json");

    public static string MappingPath => Path.Combine(Folder, "JS-2026-to-JS-2027.json");

    public static EditionLibrary Library => Loaded.Value;

    public static EditionMapping Mapping => LoadedMapping.Value;

    /// <summary>Both editions and both rule sets, as a deployment holding the example would load them.</summary>
    public static Checked<EditionLibrary> LoadLibrary() => EditionLibrary.Load(
        [("JS-2026.json", File.ReadAllText(Bundled.CatalogPath)), ("JS-2027.json", File.ReadAllText(CatalogPath))],
        [("JS-2026.json", File.ReadAllText(Bundled.RuleSetPath)), ("JS-2027-rules.json", File.ReadAllText(RuleSetPath))]);

    /// <summary>A mapping file read against both editions (or against <paramref name="catalogs"/>), named m.json in its problems.</summary>
    public static Checked<EditionMapping> ParseMapping(string json, Func<string, Catalog?>? catalogs = null) =>
        EditionMappingLoader.Parse(json, "m.json", catalogs ?? Library.Catalog);
}
