using System.Globalization;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Assessments;

/// <summary>
/// The checks of an assessment's content, in one place for the file reader, the draft pages and API, and the providers'
/// import. Each returns why the value is refused, in Chinese, or null when it is acceptable (absent values are for the
/// caller's completeness check, not for these); each caller puts the message where its users look (a field, a JSON path,
/// a cell). Limits are exact: 100.0000001 is over 100.
/// </summary>
public static class AssessmentRules
{
    public const int MaxEvidenceLength = 4000;
    public const decimal MaxDtScore = 100;
    public const int MaxCmmmLevel = 5;
    public const decimal MaxCmmmScore = 5;

    /// <summary>No assessment or diagnosis this project grades was taken before this day.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    /// <summary>The catalog edition is named, since a number valid in one edition may not be in another.</summary>
    public static string? ScenarioExists(Catalog catalog, int no) =>
        catalog.Find(no) is null ? $"场景目录 {catalog.Edition} 中没有编号为 {no} 的场景（应为 1–{catalog.Scenarios.Count}）。" : null;

    /// <summary>A scenario may only be rated at a tier whose description exists ("/" in the reference table), or not built.</summary>
    public static string? TierDefined(Scenario scenario, Tier? tier)
    {
        if (tier is not { } t || scenario.IsDefined(t))
        {
            return null;
        }
        var defined = string.Join("、", Tiers.All.Where(scenario.IsDefined).Select(x => x.ChineseName()));
        return $"场景“{scenario.Name}”在{t.ChineseName()}没有定义（参考表中为“/”），可选等级：{defined}。";
    }

    /// <summary>"Applies AI" describes what was built, so a scenario not built cannot carry it.</summary>
    public static string? AiAllowed(Scenario scenario, Tier? tier, bool ai) =>
        tier is null && ai ? $"场景“{scenario.Name}”未建设，不能标记为应用人工智能。" : null;

    public static string? Rating(Scenario scenario, Tier? tier, bool ai) => TierDefined(scenario, tier) ?? AiAllowed(scenario, tier, ai);

    public static string? EvidenceLength(string? text) =>
        text?.Length > MaxEvidenceLength ? $"说明文字不超过 {MaxEvidenceLength} 个字符，实际为 {text.Length} 个。" : null;

    public static string? DtScore(decimal? score) =>
        score is < 0 or > MaxDtScore ? $"数字化转型评估得分应在 0–100 之间，实际为 {Number(score.Value)}。" : null;

    public static string? CmmmLevel(int? level) =>
        level is < 0 or > MaxCmmmLevel ? $"智能制造能力成熟度等级应为 0–5 的整数（0 表示未评估），实际为 {level}。" : null;

    /// <summary>The optional score of GB/T 39117, 0–5.</summary>
    public static string? CmmmScore(decimal? score) =>
        score is < 0 or > MaxCmmmScore ? $"智能制造能力成熟度得分应在 0–5 之间，实际为 {Number(score.Value)}。" : null;

    public static string? DtDate(DateOnly? date, DateOnly today) => Date("数字化转型评估日期", date, today);

    public static string? CmmmDate(DateOnly? date, DateOnly today) => Date("成熟度诊断日期", date, today);

    /// <summary>The date a platform issued a result (decision 039): the same window as the dates an enterprise types.</summary>
    public static string? IssuedDate(DateOnly? date, DateOnly today) => Date("出具日期", date, today);

    /// <summary>A result dated in the future has not been obtained yet; one before 2000 is a typing slip.</summary>
    private static string? Date(string field, DateOnly? date, DateOnly today) =>
        date is { } d && (d < EarliestDate || d > today)
            ? $"{field}应在 {Day(EarliestDate)} 至今天（北京时间 {Day(today)}）之间，实际为 {Day(d)}。"
            : null;

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
