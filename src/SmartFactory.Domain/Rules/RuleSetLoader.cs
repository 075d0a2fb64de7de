using System.Text.Json;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Rules;

/// <summary>Reads a rule-set data file and checks it against its catalog; a rule set with any problem is not returned.</summary>
public static partial class RuleSetLoader
{
    public static Checked<RuleSet> Parse(string json, string source, Func<string, Catalog?> catalogs)
    {
        var problems = new List<Problem>();
        using var doc = JsonRead.Parse(json, source, problems);
        if (doc is null)
        {
            return Checked<RuleSet>.Invalid(problems);
        }
        var read = new JsonRead(problems);
        var root = doc.RootElement;
        if (!read.Object(root, source))
        {
            return Checked<RuleSet>.Invalid(problems);
        }
        var id = read.String(root, "id", source, required: true);
        var version = read.String(root, "version", source, required: true);
        var edition = read.String(root, "catalogEdition", source, required: true);
        var title = read.String(root, "title", source, required: false) ?? id ?? "";
        var catalog = edition is null ? null : catalogs(edition);
        if (edition is not null && catalog is null)
        {
            read.Fail($"{source}.catalogEdition", $"找不到场景目录版本“{edition}”。");
        }
        var tiers = ReadTiers(read, root, source);
        var application = ReadApplication(read, root, source);
        var policy = ReadPolicy(read, root, source);
        var texts = ReadProvenanceTexts(read, root, source);
        if (catalog is not null && tiers.Count == Tiers.Count)
        {
            CheckAgainstCatalog(read, source, tiers, catalog);
        }
        return problems.Count > 0 || !policy.Complete || texts is null
            ? Checked<RuleSet>.Invalid(problems)
            : Checked<RuleSet>.Valid(new RuleSet
            {
                Id = id!, Version = version!, CatalogEdition = edition!, Title = title, Tiers = tiers, Application = application,
                BasicRequirements = policy.Basics!, AboveScaleGoal = policy.Goal!, ReviewFlags = policy.Review!, MinimumPeers = policy.MinimumPeers!,
                ProvenanceTexts = texts!,
            });
    }

    private static List<TierRule> ReadTiers(JsonRead read, JsonElement root, string source)
    {
        var rules = new List<TierRule>();
        if (read.Array(root, "tiers", source, required: true) is not { } array)
        {
            return rules;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{source}.tiers[{i}]";
            var expected = (Tier)(i + 1);
            i++;
            if (!read.Object(item, path))
            {
                continue;
            }
            var tierText = read.String(item, "tier", path, required: true);
            if (i > Tiers.Count || !Tiers.TryParse(tierText, out var tier) || tier != expected)
            {
                read.Fail($"{path}.tier", "tiers 应依次为 workshop、basic、advanced、excellent、leading 五个等级。");
                continue;
            }
            var recommend = Sourced(read, item, "recommendFromDtScore", path, Decimal(0, 100), "应为 0–100 之间的数字。");
            var rule = new TierRule
            {
                Tier = tier,
                RecommendFromDtScore = recommend ?? new Sourced<decimal>(0, Provenance.Placeholder),
                MinDtScore = Sourced(read, item, "minDtScore", path, Decimal(0, 100), "应为 0–100 之间的数字。"),
                MinCmmmLevel = Sourced(read, item, "minCmmmLevel", path, Int(0, 5), "应为 0–5 之间的整数。"),
                BasicRequirements = Sourced<bool>(read, item, "basicRequirements", path, Bool, "应为 true 或 false。"),
                MinScenarios = Sourced(read, item, "minScenarios", path, Int(0, 1000), "应为非负整数。"),
                RequiredStages = Sourced<IReadOnlyList<string>>(read, item, "requiredStages", path, Stages, "应为环节名称的数组。"),
                MinStagesCovered = Sourced(read, item, "minStagesCovered", path, Int(0, 100), "应为非负整数。"),
                MinAiShare = Sourced(read, item, "minAiShare", path, Decimal(0, 1), "应为 0–1 之间的比例。"),
            };
            if (recommend is null)
            {
                read.Fail($"{path}.recommendFromDtScore", "缺少建议评价等级的 DT 得分下限。");
            }
            rules.Add(rule);
        }
        if (i != Tiers.Count)
        {
            read.Fail($"{source}.tiers", $"应有 5 个等级，实际 {i} 个。");
        }
        return rules;
    }

    private static Applications.ApplicationRule? ReadApplication(JsonRead read, JsonElement root, string source)
    {
        var path = $"{source}.application";
        if (read.Field(root, "application") is not { } a || !read.Object(a, path))
        {
            return null;
        }
        var dt = read.Number(a, "minDtScore", path, required: true);
        var cmmm = read.Integer(a, "minCmmmLevel", path, required: true);
        var level = read.String(a, "minReferenceLevel", path, required: true);
        if (!Tiers.TryParse(level, out var tier))
        {
            read.Fail($"{path}.minReferenceLevel", "应为等级名称，如 advanced。");
            return null;
        }
        if (dt is null || cmmm is null)
        {
            return null;
        }
        if (dt is not (>= 0 and <= 100) || cmmm is not (>= 0 and <= 5))
        {
            read.Fail(path, "DT 得分下限应为 0–100，成熟度等级下限应为 0–5。");
            return null;
        }
        var (issuedDt, issuedCmmm) = (read.Boolean(a, "requireIssuedDt", path) ?? false, read.Boolean(a, "requireIssuedCmmm", path) ?? false);
        return ReadProvenance(read, a, path) is { } provenance
            ? new Applications.ApplicationRule(dt.Value, cmmm.Value, tier, provenance) { RequireIssuedDt = issuedDt, RequireIssuedCmmm = issuedCmmm }
            : null;
    }

    private readonly record struct Raw(JsonElement Value, string Path);

    private delegate bool TryRead<T>(Raw raw, out T value);

    private static Sourced<T>? Sourced<T>(JsonRead read, JsonElement item, string name, string path, TryRead<T> tryRead, string expected)
    {
        var p = $"{path}.{name}";
        if (read.Field(item, name) is not { } field)
        {
            return null;
        }
        if (!read.Object(field, p) || !field.TryGetProperty("value", out var v))
        {
            read.Fail(p, "应为 {\"value\": …, \"provenance\": …}。");
            return null;
        }
        var provenance = ReadProvenance(read, field, p) ?? Provenance.Placeholder;
        if (!tryRead(new Raw(v, $"{p}.value"), out var value))
        {
            read.Fail($"{p}.value", expected);
            return null;
        }
        return new Sourced<T>(value, provenance);
    }

    private static TryRead<decimal> Decimal(decimal min, decimal max) => (Raw raw, out decimal d) =>
    {
        d = 0;
        return raw.Value.ValueKind == JsonValueKind.Number && raw.Value.TryGetDecimal(out d) && d >= min && d <= max;
    };

    private static TryRead<int> Int(int min, int max) => (Raw raw, out int n) =>
    {
        n = 0;
        return raw.Value.ValueKind == JsonValueKind.Number && raw.Value.TryGetInt32(out n) && n >= min && n <= max;
    };

    private static bool Bool(Raw raw, out bool b)
    {
        b = raw.Value.ValueKind == JsonValueKind.True;
        return raw.Value.ValueKind is JsonValueKind.True or JsonValueKind.False;
    }

    private static bool Stages(Raw raw, out IReadOnlyList<string> stages)
    {
        var ok = raw.Value.ValueKind == JsonValueKind.Array && raw.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String);
        stages = ok ? raw.Value.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return ok;
    }

    /// <summary>Every stage named must exist, and every tier must be reachable with this catalog.</summary>
    private static void CheckAgainstCatalog(JsonRead read, string source, List<TierRule> tiers, Catalog catalog)
    {
        foreach (var rule in tiers)
        {
            var place = $"{source} {rule.Tier.ChineseName()}";
            var reachable = catalog.Scenarios.Where(s => s.LowestDefinedAtOrAbove(rule.Tier) is not null).ToList();
            foreach (var stage in rule.RequiredStages?.Value ?? [])
            {
                if (catalog.StageIndex(stage) < 0)
                {
                    read.Fail(place, $"必须覆盖的环节“{stage}”不在场景目录 {catalog.Edition} 中。");
                }
                else if (reachable.All(s => s.Stage != stage))
                {
                    read.Fail(place, $"环节“{stage}”没有任何场景能达到{rule.Tier.ChineseName()}，该门槛无法满足。");
                }
            }
            if (rule.MinScenarios?.Value > reachable.Count)
            {
                read.Fail(place, $"要求 {rule.MinScenarios.Value} 个场景，但目录中只有 {reachable.Count} 个场景能达到该等级。");
            }
            var stages = reachable.Select(s => s.Stage).Distinct().Count();
            if (rule.MinStagesCovered?.Value > stages)
            {
                read.Fail(place, $"要求覆盖 {rule.MinStagesCovered.Value} 个环节，但目录中只有 {stages} 个环节能达到该等级。");
            }
        }
    }
}
