using System.Text.Json;

namespace SmartFactory.Domain.Catalogs;

/// <summary>Reads a mapping file between two catalog editions and checks it against both; a mapping with any problem is not returned.</summary>
public static partial class EditionMappingLoader
{
    /// <summary>An entry as the file writes it: numbers that read as integers, the kind if it parsed.</summary>
    private sealed record Written(string Path, string Label, MappingKind? Kind, List<int>? From, List<int>? To, string? Note);

    public static Checked<EditionMapping> Parse(string json, string source, Func<string, Catalog?> catalogs)
    {
        var problems = new List<Problem>();
        using var doc = JsonRead.Parse(json, source, problems);
        if (doc is null)
        {
            return Checked<EditionMapping>.Invalid(problems);
        }
        var read = new JsonRead(problems);
        var root = doc.RootElement;
        if (!read.Object(root, source))
        {
            return Checked<EditionMapping>.Invalid(problems);
        }
        read.OnlyKnownFields(root, source, "from", "to", "title", "scenarios");
        var from = Edition(read, root, "from", source, catalogs);
        var to = Edition(read, root, "to", source, catalogs);
        var title = read.String(root, "title", source, required: false);
        if (from is not null && from.Edition == to?.Edition)
        {
            read.Fail($"{source}.to", $"from 与 to 都是“{to.Edition}”，对照表应连接两个不同的版本。");
            return Checked<EditionMapping>.Invalid(problems);
        }
        var written = ReadEntries(read, root, source);
        if (from is null || to is null || written is null)
        {
            return Checked<EditionMapping>.Invalid(problems);
        }
        var entries = CheckEntries(read, source, written, from, to);
        return problems.Count > 0
            ? Checked<EditionMapping>.Invalid(problems)
            : Checked<EditionMapping>.Valid(new EditionMapping(from, to, string.IsNullOrWhiteSpace(title) ? $"{from.Edition} → {to.Edition}" : title, entries));
    }

    private static Catalog? Edition(JsonRead read, JsonElement root, string name, string source, Func<string, Catalog?> catalogs)
    {
        if (read.String(root, name, source, required: true) is not { } edition)
        {
            return null;
        }
        var catalog = catalogs(edition);
        if (catalog is null)
        {
            read.Fail($"{source}.{name}", $"找不到场景目录版本“{edition}”。");
        }
        return catalog;
    }

    /// <summary>The entries, or null when the array is missing.</summary>
    private static List<Written>? ReadEntries(JsonRead read, JsonElement root, string source)
    {
        if (read.Array(root, "scenarios", source, required: true) is not { } array)
        {
            return null;
        }
        var entries = new List<Written>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var label = $"scenarios[{i++}]";
            var path = $"{source}.{label}";
            if (!read.Object(item, path))
            {
                entries.Add(new Written(path, label, null, null, null, null));
                continue;
            }
            read.OnlyKnownFields(item, path, "from", "to", "kind", "note");
            var kindText = read.String(item, "kind", path, required: true);
            MappingKind? kind = null;
            if (MappingKinds.TryParse(kindText, out var parsed))
            {
                kind = parsed;
            }
            else if (kindText is not null)
            {
                read.Fail($"{path}.kind", $"未知的对应类型“{kindText}”，可用：{MappingKinds.AcceptedNames}。");
            }
            var note = read.String(item, "note", path, required: false);
            entries.Add(new Written(path, label, kind, Numbers(read, item, "from", path), Numbers(read, item, "to", path),
                string.IsNullOrWhiteSpace(note) ? null : note));
        }
        return entries;
    }

    /// <summary>The scenario numbers of one side, or null when any of them (or the array) does not read.</summary>
    private static List<int>? Numbers(JsonRead read, JsonElement item, string name, string path)
    {
        if (read.Array(item, name, path, required: true) is not { } array)
        {
            return null;
        }
        var numbers = new List<int>();
        var whole = true;
        var j = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var no))
            {
                numbers.Add(no);
            }
            else
            {
                read.Fail($"{path}.{name}[{j}]", $"场景编号应为整数，实际为 {element.GetRawText()}。");
                whole = false;
            }
            j++;
        }
        return whole ? numbers : null;
    }
}
