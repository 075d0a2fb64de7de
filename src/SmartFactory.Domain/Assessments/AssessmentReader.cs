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
    private static readonly string[] Fields = ["edition", "dtScore", "cmmmLevel", "basicRequirementsMet", "scenarios"];
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
        var edition = read.String(e, "edition", path, required: false) ?? editions.CurrentEdition;
        var catalog = editions.Catalog(edition);
        if (catalog is null)
        {
            read.Fail($"{path}.edition", $"未知的场景目录版本“{edition}”，可用：{string.Join("、", editions.Catalogs.Select(c => c.Edition))}。");
        }
        var dt = read.Number(e, "dtScore", path, required: true);
        if (dt is < 0 or > 100)
        {
            read.Fail($"{path}.dtScore", $"数字化转型评估得分应在 0–100 之间，实际为 {dt}。");
        }
        var cmmm = read.Integer(e, "cmmmLevel", path, required: true);
        if (cmmm is < 0 or > 5)
        {
            read.Fail($"{path}.cmmmLevel", $"智能制造能力成熟度等级应为 0–5 的整数（0 表示未评估），实际为 {cmmm}。");
        }
        var basic = read.Boolean(e, "basicRequirementsMet", path) ?? false;
        var ratings = catalog is null ? null : ReadRatings(read, e, path, catalog);
        if (read.Problems.Count > before || dt is null || cmmm is null || ratings is null)
        {
            return null;
        }
        return new Assessment { Edition = edition, DtScore = dt.Value, CmmmLevel = cmmm.Value, BasicRequirementsMet = basic, Ratings = ratings };
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
            var scenario = catalog.Find(no.Value);
            var place = $"{p}（场景 {no}）";
            if (scenario is null)
            {
                read.Fail(place, $"场景目录 {catalog.Edition} 中没有编号为 {no} 的场景（应为 1–{catalog.Scenarios.Count}）。");
                continue;
            }
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
            if (level is { } tier && !scenario.IsDefined(tier))
            {
                var defined = string.Join("、", Tiers.All.Where(scenario.IsDefined).Select(t => t.ChineseName()));
                read.Fail($"{place}.level", $"场景“{scenario.Name}”在{tier.ChineseName()}没有定义（参考表中为“/”），可选等级：{defined}。");
                continue;
            }
            if (level is null && ai)
            {
                read.Fail($"{place}.ai", $"场景“{scenario.Name}”未建设，不能标记为应用人工智能。");
                continue;
            }
            ratings[no.Value] = new ScenarioRating(level, ai);
        }
        return ratings;
    }
}
