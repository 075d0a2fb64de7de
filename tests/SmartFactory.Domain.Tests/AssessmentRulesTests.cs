using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The content rules every input path shares, at their exact boundaries: null means accepted.</summary>
public class AssessmentRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    public static TheoryData<decimal?, string?> DtScores => new()
    {
        { null, null },
        { 0m, null },
        { 72.5m, null },
        { 100m, null },
        { 100.0000001m, "数字化转型评估得分应在 0–100 之间，实际为 100.0000001。" },
        { 100.5m, "数字化转型评估得分应在 0–100 之间，实际为 100.5。" },
        { -0.0001m, "数字化转型评估得分应在 0–100 之间，实际为 -0.0001。" },
    };

    [Theory, MemberData(nameof(DtScores))]
    public void AcceptsADtScoreFromZeroToAHundredExactly(decimal? score, string? problem) =>
        Assert.Equal(problem, AssessmentRules.DtScore(score));

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, null)]
    [InlineData(5, null)]
    [InlineData(6, "智能制造能力成熟度等级应为 0–5 的整数（0 表示未评估），实际为 6。")]
    [InlineData(-1, "智能制造能力成熟度等级应为 0–5 的整数（0 表示未评估），实际为 -1。")]
    public void AcceptsACmmmLevelFromZeroToFive(int? level, string? problem) =>
        Assert.Equal(problem, AssessmentRules.CmmmLevel(level));

    public static TheoryData<decimal?, string?> CmmmScores => new()
    {
        { null, null },
        { 0m, null },
        { 5m, null },
        { 5.0000001m, "智能制造能力成熟度得分应在 0–5 之间，实际为 5.0000001。" },
        { 5.5m, "智能制造能力成熟度得分应在 0–5 之间，实际为 5.5。" },
        { -0.0001m, "智能制造能力成熟度得分应在 0–5 之间，实际为 -0.0001。" },
    };

    [Theory, MemberData(nameof(CmmmScores))]
    public void AcceptsACmmmScoreFromZeroToFiveExactly(decimal? score, string? problem) =>
        Assert.Equal(problem, AssessmentRules.CmmmScore(score));

    [Theory]
    [InlineData(null, null)]
    [InlineData("2000-01-01", null)]
    [InlineData("2026-12-02", null)]
    [InlineData("1999-12-31", "数字化转型评估日期应在 2000-01-01 至今天（北京时间 2026-12-02）之间，实际为 1999-12-31。")]
    [InlineData("2026-12-03", "数字化转型评估日期应在 2000-01-01 至今天（北京时间 2026-12-02）之间，实际为 2026-12-03。")]
    public void AcceptsADtDateFromTwoThousandToToday(string? date, string? problem) =>
        Assert.Equal(problem, AssessmentRules.DtDate(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData("2000-01-01", null)]
    [InlineData("2026-12-02", null)]
    [InlineData("1999-12-31", "成熟度诊断日期应在 2000-01-01 至今天（北京时间 2026-12-02）之间，实际为 1999-12-31。")]
    [InlineData("2026-12-03", "成熟度诊断日期应在 2000-01-01 至今天（北京时间 2026-12-02）之间，实际为 2026-12-03。")]
    public void AcceptsACmmmDateFromTwoThousandToToday(string date, string? problem) =>
        Assert.Equal(problem, AssessmentRules.CmmmDate(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData("2026-12-01T15:59:59", "2026-12-01")]
    [InlineData("2026-12-01T16:00:00", "2026-12-02")]
    public void TodayIsTheBeijingDate(string utc, string today) =>
        Assert.Equal(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture),
            BeijingTime.Today(DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc)));

    [Theory]
    [InlineData(0, null)]
    [InlineData(4000, null)]
    [InlineData(4001, "说明文字不超过 4000 个字符，实际为 4001 个。")]
    public void AcceptsEvidenceUpToFourThousandCharacters(int length, string? problem) =>
        Assert.Equal(problem, AssessmentRules.EvidenceLength(new string('字', length)));

    [Fact]
    public void AcceptsNoEvidence() => Assert.Null(AssessmentRules.EvidenceLength(null));

    [Theory]
    [InlineData(1, null)]
    [InlineData(40, null)]
    [InlineData(0, "场景目录 JS-2026 中没有编号为 0 的场景（应为 1–40）。")]
    [InlineData(41, "场景目录 JS-2026 中没有编号为 41 的场景（应为 1–40）。")]
    public void AcceptsOnlyScenarioNumbersOfTheCatalog(int no, string? problem) =>
        Assert.Equal(problem, AssessmentRules.ScenarioExists(Bundled.Catalog, no));

    [Theory]
    [InlineData(1, null, false, null)]
    [InlineData(1, Tier.Advanced, true, null)]
    [InlineData(1, Tier.Basic, false, "场景“工厂数字化规划设计”在基础级没有定义（参考表中为“/”），可选等级：先进级、卓越级、领航级。")]
    [InlineData(4, null, true, "场景“产品数字化设计”未建设，不能标记为应用人工智能。")]
    [InlineData(4, Tier.Basic, true, null)]
    public void RatesOnlyAtADefinedTierAndFlagsAiOnlyOnABuiltScenario(int no, Tier? tier, bool ai, string? problem) =>
        Assert.Equal(problem, AssessmentRules.Rating(Bundled.Catalog.Find(no)!, tier, ai));
}
