using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;

namespace SmartFactory.Web.Infrastructure;

public static class Editions
{
    /// <summary>Loads and validates catalogs, rule sets and regions at start-up; a bad data file stops the start with its problems.</summary>
    public static void AddEditionsAndRegions(this WebApplicationBuilder builder)
    {
        var data = DataDirectory;
        var loaded = Load(data);
        if (!loaded.IsValid)
        {
            throw new InvalidOperationException("场景目录或规则集数据文件有误：\n" + string.Join("\n", loaded.Problems));
        }
        builder.Services.AddSingleton(loaded.Value!);
        builder.Services.AddSingleton(Regions.Parse(
            File.ReadAllText(Path.Combine(data, "regions", "jiangsu-divisions.json")),
            File.ReadAllText(Path.Combine(data, "regions", "industries-gbt4754.json")),
            ReportingLines(File.ReadAllText(Path.Combine(data, "regions", "reporting.json")))));
        builder.Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>The data files beside the program: data/catalogs, data/rulesets, data/regions.</summary>
    public static string DataDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>Reads every catalog and rule-set file under a data folder and validates them together.</summary>
    public static SmartFactory.Domain.Checked<EditionLibrary> Load(string dataDirectory) =>
        EditionLibrary.Load(Files(Path.Combine(dataDirectory, "catalogs")), Files(Path.Combine(dataDirectory, "rulesets")));

    /// <summary>The counties that report straight to the province (data/regions/reporting.json).</summary>
    private static HashSet<string> ReportingLines(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("reportToProvince").EnumerateArray().Select(e => e.GetString()!).ToHashSet();

    private static IEnumerable<(string, string)> Files(string dir) => Directory.Exists(dir)
        ? Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
        : [];
}
