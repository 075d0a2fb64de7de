using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Cli;

/// <summary>Reads the bundled catalog and rule-set files (data/catalogs, data/rulesets) beside the program.</summary>
public static class EditionFiles
{
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    public static Checked<EditionLibrary> Load(string dataDirectory)
    {
        static IEnumerable<(string, string)> Files(string dir) => Directory.Exists(dir)
            ? Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            : [];
        return EditionLibrary.Load(Files(Path.Combine(dataDirectory, "catalogs")), Files(Path.Combine(dataDirectory, "rulesets")));
    }
}
