using System.Text.Json;

namespace SmartFactory.Domain;

/// <summary>Typed reads from a parsed JSON document that report, rather than throw, what is wrong.</summary>
internal sealed class JsonRead(List<Problem> problems)
{
    public List<Problem> Problems { get; } = problems;

    public static JsonDocument? Parse(string json, string place, List<Problem> problems)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is long line ? $"第 {line + 1} 行第 {e.BytePositionInLine + 1} 字节附近" : "未知位置";
            problems.Add(new Problem(place, $"JSON 格式错误（{where}），无法解析。"));
            return null;
        }
    }

    public void Fail(string path, string message) => Problems.Add(new Problem(path, message));

    public bool Object(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            return true;
        }
        Fail(path, $"应为对象，实际为{KindName(e.ValueKind)}。");
        return false;
    }

    public void OnlyKnownFields(JsonElement e, string path, params string[] known)
    {
        var seen = new HashSet<string>();
        foreach (var property in e.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Fail($"{path}.{property.Name}", $"字段“{property.Name}”重复出现，只能填写一次。");
            }
            else if (!known.Contains(property.Name))
            {
                Fail($"{path}.{property.Name}", $"未知字段“{property.Name}”，可用字段：{string.Join("、", known)}。");
            }
        }
    }

    public JsonElement? Field(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public string? String(JsonElement e, string name, string path, bool required)
    {
        if (Field(e, name) is not { } v)
        {
            if (required)
            {
                Fail($"{path}.{name}", "缺少必填字段。");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.String)
        {
            Fail($"{path}.{name}", $"应为字符串，实际为{KindName(v.ValueKind)}。");
            return null;
        }
        return v.GetString();
    }

    public decimal? Number(JsonElement e, string name, string path, bool required)
    {
        if (Field(e, name) is not { } v)
        {
            if (required)
            {
                Fail($"{path}.{name}", "缺少必填字段。");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDecimal(out var d))
        {
            Fail($"{path}.{name}", $"应为数字，实际为{KindName(v.ValueKind)}。");
            return null;
        }
        return d;
    }

    public int? Integer(JsonElement e, string name, string path, bool required)
    {
        var number = Number(e, name, path, required);
        if (number is null)
        {
            return null;
        }
        if (number != decimal.Truncate(number.Value) || number < int.MinValue || number > int.MaxValue)
        {
            Fail($"{path}.{name}", $"应为整数，实际为 {number}。");
            return null;
        }
        return (int)number.Value;
    }

    public bool? Boolean(JsonElement e, string name, string path)
    {
        if (Field(e, name) is not { } v)
        {
            return null;
        }
        if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail($"{path}.{name}", $"应为 true 或 false，实际为{KindName(v.ValueKind)}。");
            return null;
        }
        return v.GetBoolean();
    }

    public JsonElement? Array(JsonElement e, string name, string path, bool required)
    {
        if (Field(e, name) is not { } v)
        {
            if (required)
            {
                Fail($"{path}.{name}", "缺少必填字段。");
            }
            return null;
        }
        if (v.ValueKind != JsonValueKind.Array)
        {
            Fail($"{path}.{name}", $"应为数组，实际为{KindName(v.ValueKind)}。");
            return null;
        }
        return v;
    }

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "对象",
        JsonValueKind.Array => "数组",
        JsonValueKind.String => "字符串",
        JsonValueKind.Number => "数字",
        JsonValueKind.True or JsonValueKind.False => "布尔值",
        JsonValueKind.Null => "null",
        _ => "未知类型",
    };
}
