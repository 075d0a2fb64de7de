using System.Text.Json;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;

namespace SmartFactory.DataFiles;

/// <summary>
/// Reads the versioned data files shipped beside the program (data/catalogs, data/rulesets, data/regions) and hands
/// them to the domain's validating parsers. The one place that knows the folder's layout: the web, the CLI, the tests
/// and the benchmarks all load through it.
/// </summary>
public static class DataFolder
{
    /// <summary>The data folder beside the running program, where building or publishing any project that references this one puts it.</summary>
    public static string Beside => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Every catalog and rule-set file under <paramref name="folder"/>, validated together; any problem refuses them all.</summary>
    public static Checked<EditionLibrary> LoadEditions(string folder)
    {
        var files = EditionFiles(folder);
        return EditionLibrary.Load(files.Catalogs, files.RuleSets);
    }

    /// <summary>The catalog and rule-set texts (file name, JSON), for a library that adds versions loaded later.</summary>
    public static (IReadOnlyList<(string Name, string Json)> Catalogs, IReadOnlyList<(string Name, string Json)> RuleSets) EditionFiles(string folder) =>
        (JsonFiles(Path.Combine(folder, "catalogs")).ToList(), JsonFiles(Path.Combine(folder, "rulesets")).ToList());

    /// <summary>The editions, or an exception listing every problem: for programs that cannot start without them.</summary>
    public static EditionLibrary RequireEditions(string folder)
    {
        var loaded = LoadEditions(folder);
        return loaded.IsValid
            ? loaded.Value!
            : throw new InvalidOperationException($"场景目录或规则集数据文件有误（{folder}）：\n" + string.Join("\n", loaded.Problems));
    }

    /// <summary>Cities, counties and industries, and the counties that report straight to the province (data/regions/reporting.json).</summary>
    public static Regions LoadRegions(string folder)
    {
        var regions = Path.Combine(folder, "regions");
        return Regions.Parse(
            File.ReadAllText(Path.Combine(regions, "jiangsu-divisions.json")),
            File.ReadAllText(Path.Combine(regions, "industries-gbt4754.json")),
            ReportingLines(File.ReadAllText(Path.Combine(regions, "reporting.json"))));
    }

    private static HashSet<string> ReportingLines(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("reportToProvince").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
    }

    private static IEnumerable<(string Name, string Json)> JsonFiles(string folder) => Directory.Exists(folder)
        ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
        : [];
}
