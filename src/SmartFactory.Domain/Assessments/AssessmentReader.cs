using System.Text.Json;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Assessments;

/// <summary>What was read from an assessment file: one assessment or an array of them, or the problems found.</summary>
public sealed record AssessmentBatch(IReadOnlyList<Assessment> Assessments, bool IsArray, IReadOnlyList<Problem> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads the assessment input format (docs/assessment-format.md). Every problem is reported with its place;
/// if there is any, no assessment is returned, so nothing is graded from an invalid file.
/// </summary>
public static class AssessmentReader
{
    private static readonly string[] Fields = ["edition", "ruleSet", "dtScore", "cmmmLevel", "basicRequirementsMet", "scenarios"];
    private static readonly string[] ScenarioFields = ["no", "level", "ai"];

    public static AssessmentBatch Read(string json, EditionLibrary editions)
    {
        var problems = new List<Problem>();
        using var doc = JsonRead.Parse(json, "$", problems);
        if (doc is null)
        {
            return new AssessmentBatch([], false, problems);
        }
        var read = new JsonRead(problems);
        var root = doc.RootElement;
        var assessments = new List<Assessment>();
        var isArray = root.ValueKind == JsonValueKind.Array;
        if (isArray)
        {
            if (root.GetArrayLength() == 0)
            {
                read.Fail("$", "数组为空，没有可评估的记录。");
            }
            var i = 0;
            foreach (var item in root.EnumerateArray())
            {
                if (ReadOne(read, item, $"第 {i + 1} 条 $[{i}]", editions) is { } a)
                {
                    assessments.Add(a);
                }
                i++;
            }
        }
        else if (ReadOne(read, root, "$", editions) is { } a)
        {
            assessments.Add(a);
        }
        return problems.Count > 0 ? new AssessmentBatch([], isArray, problems) : new AssessmentBatch(assessments, isArray, []);
    }

    private static Assessment? ReadOne(JsonRead read, JsonElement e, string path, EditionLibrary editions)
    {
        if (!read.Object(e, path))
        {
            return null;
        }
        var before = read.Problems.Count;
        read.OnlyKnownFields(e, path, Fields);
        var ruleSetKey = read.String(e, "ruleSet", path, required: false);
        var ruleSet = ruleSetKey is null ? null : RuleSetNamed(read, editions, ruleSetKey, $"{path}.ruleSet");
        var named = read.String(e, "edition", path, required: false);
        var edition = named ?? ruleSet?.CatalogEdition ?? editions.CurrentEdition;
        if (ruleSet is not null && ruleSet.CatalogEdition != edition)
        {
            read.Fail($"{path}.ruleSet", $"规则集 {ruleSetKey} 适用于场景目录“{ruleSet.CatalogEdition}”，与本条的目录“{edition}”不符。");
        }
        var catalog = editions.Catalog(edition);
        if (catalog is null)
        {
            read.Fail($"{path}.edition", $"未知的场景目录版本“{edition}”，可用：{string.Join("、", editions.Catalogs.Select(c => c.Edition))}。");
        }
        var dt = read.Number(e, "dtScore", path, required: true);
        if (AssessmentRules.DtScore(dt) is { } dtProblem)
        {
            read.Fail($"{path}.dtScore", dtProblem);
        }
        var cmmm = read.Integer(e, "cmmmLevel", path, required: true);
        if (AssessmentRules.CmmmLevel(cmmm) is { } cmmmProblem)
        {
            read.Fail($"{path}.cmmmLevel", cmmmProblem);
        }
        var basic = read.Boolean(e, "basicRequirementsMet", path) ?? false;
        var ratings = catalog is null ? null : ReadRatings(read, e, path, catalog);
        if (read.Problems.Count > before || dt is null || cmmm is null || ratings is null)
        {
            return null;
        }
        return new Assessment { Edition = edition, RuleSetKey = ruleSetKey, DtScore = dt.Value, CmmmLevel = cmmm.Value, BasicRequirementsMet = basic, Ratings = ratings };
    }

    private static Rules.RuleSet? RuleSetNamed(JsonRead read, EditionLibrary editions, string key, string place)
    {
        var found = RuleSetKeys.TryParse(key, out var id, out var version) ? editions.RuleSet(id, version) : null;
        if (found is null)
        {
            read.Fail(place, $"未知的规则集版本“{key}”（写作 规则集@版本，如 JS-2026@2026.1），可用：{string.Join("、", editions.RuleSets.Select(r => RuleSetKeys.Of(r.Id, r.Version)))}。");
        }
        return found;
    }

    private static Dictionary<int, ScenarioRating>? ReadRatings(JsonRead read, JsonElement e, string path, Catalog catalog)
    {
        var ratings = new Dictionary<int, ScenarioRating>();
        if (read.Array(e, "scenarios", path, required: false) is not { } array)
        {
            return ratings;
        }
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var p = $"{path}.scenarios[{i++}]";
            if (!read.Object(item, p))
            {
                continue;
            }
            read.OnlyKnownFields(item, p, ScenarioFields);
            var no = read.Integer(item, "no", p, required: true);
            var levelText = read.String(item, "level", p, required: true);
            var ai = read.Boolean(item, "ai", p) ?? false;
            if (no is null)
            {
                continue;
            }
            var place = $"{p}（场景 {no}）";
            if (AssessmentRules.ScenarioExists(catalog, no.Value) is { } missing)
            {
                read.Fail(place, missing);
                continue;
            }
            var scenario = catalog.Find(no.Value)!;
            if (ratings.ContainsKey(no.Value))
            {
                read.Fail(place, $"场景 {no}“{scenario.Name}”重复出现，每个场景只能评价一次。");
                continue;
            }
            if (levelText is null)
            {
                continue;
            }
            if (!Tiers.TryParseRating(levelText, out var level))
            {
                read.Fail($"{place}.level", $"无法识别的等级“{levelText}”，可用：{Tiers.AcceptedNames}。");
                continue;
            }
            if (AssessmentRules.TierDefined(scenario, level) is { } undefined)
            {
                read.Fail($"{place}.level", undefined);
                continue;
            }
            if (AssessmentRules.AiAllowed(scenario, level, ai) is { } notBuilt)
            {
                read.Fail($"{place}.ai", notBuilt);
                continue;
            }
            ratings[no.Value] = new ScenarioRating(level, ai);
        }
        return ratings;
    }
}
