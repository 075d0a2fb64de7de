using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmartFactory.Domain.Rules;

/// <summary>The loader's checks on what <see cref="Apply"/> wrote, its places (<c>$.tiers[2].minScenarios.value</c>) named by the entries' labels.</summary>
public static partial class RuleSetEntries
{
    /// <summary>The loader's place for the file while <see cref="Apply"/> checks its result.</summary>
    private const string Source = "$";

    /// <summary>The loader's checks on the result, its places turned into labels; the catalog's checks are the caller's, who has the catalogs.</summary>
    private static Checked<string> CheckedByLoader(JsonObject root)
    {
        var json = root.ToJsonString(Written);
        var problems = RuleSetLoader.Parse(json, Source, _ => null).Problems
            .Where(p => p.Place != $"{Source}.catalogEdition")
            .Select(p => p with { Place = Locate(p.Place, root) })
            .ToList();
        return problems.Count > 0 ? Checked<string>.Invalid(problems) : Checked<string>.Valid(json);
    }

    [GeneratedRegex(@"^tiers\[(\d+)\](.*)$")]
    private static partial Regex TierAt();

    [GeneratedRegex(@"^basicRequirements\.items\[(\d+)\]\.(key|text)$")]
    private static partial Regex ItemAt();

    /// <summary>The loader's place (<c>$.tiers[2].minScenarios.value</c>) as the entry's label, or the section's, else as it was.</summary>
    private static string Locate(string place, JsonObject root)
    {
        if (!place.StartsWith(Source + ".", StringComparison.Ordinal))
        {
            return place;
        }
        var path = place[(Source.Length + 1)..];
        path = path.EndsWith(".value", StringComparison.Ordinal) ? path[..^".value".Length]
            : path.EndsWith(".provenance", StringComparison.Ordinal) ? path[..^".provenance".Length]
            : path;
        if (TierAt().Match(path) is { Success: true } t && At(root["tiers"], t.Groups[1].Value) is { } tier && Text(tier["tier"]) is { } code)
        {
            path = $"tiers.{code}{t.Groups[2].Value}";
        }
        else if (ItemAt().Match(path) is { Success: true } m && At((root[BasicRequirements.Name] as JsonObject)?["items"], m.Groups[1].Value) is { } item)
        {
            path = m.Groups[2].Value == "key" || Text(item["key"]) is not { } key ? KeysPath : ItemsPrefix + key;
        }
        else if (path == "basicRequirements.items")
        {
            path = KeysPath;
        }
        return Label(path) ?? AllSections.FirstOrDefault(s => s.Name == path)?.Label ?? place;
    }

    private static JsonObject? At(JsonNode? array, string index) =>
        array is JsonArray a && int.TryParse(index, out var i) && i < a.Count ? a[i] as JsonObject : null;
}
