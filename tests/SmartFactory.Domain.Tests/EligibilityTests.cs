using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// Who may apply for 省先进级 (DOMAIN.md): DT score ≥ 60, CMMM ≥ 2, self-assessed reference level ≥ 先进级,
/// basic requirements and the truthfulness pledge. Every reason the enterprise is shown, at its boundary.
/// </summary>
public class EligibilityTests
{
    private static readonly ApplicationRule Rule = new(60m, 2, Tier.Advanced);

    private const string BasicReason = "基本要求未全部承诺满足。";
    private const string PledgeReason = "未签署真实性承诺。";

    private static IReadOnlyList<string> Reasons(decimal dt = 75m, int cmmm = 2, Tier? level = Tier.Advanced, bool basic = true, bool pledged = true) =>
        Eligibility.Reasons(Rule, dt, cmmm, level, basic, pledged);

    [Fact]
    public void ASubmissionMeetingEveryConditionMayApplyWithNoReasonsGiven()
    {
        Assert.Empty(Reasons());
    }

    [Theory]
    [InlineData("0", "数字化转型评估得分需不低于 60 分，当前 0 分。")]
    [InlineData("59", "数字化转型评估得分需不低于 60 分，当前 59 分。")]
    [InlineData("59.99", "数字化转型评估得分需不低于 60 分，当前 59.99 分。")]
    [InlineData("60", null)]
    [InlineData("60.00", null)]
    [InlineData("60.01", null)]
    [InlineData("100", null)]
    public void TheDtScoreMustBeAtLeastSixty(string dt, string? expected)
    {
        var reasons = Reasons(dt: decimal.Parse(dt, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected is null ? [] : [expected], reasons);
    }

    [Theory]
    [InlineData(0, "智能制造能力成熟度需达到 2 级及以上，当前未评估。")]
    [InlineData(1, "智能制造能力成熟度需达到 2 级及以上，当前 1 级。")]
    [InlineData(2, null)]
    [InlineData(3, null)]
    [InlineData(5, null)]
    public void TheMaturityLevelMustBeAtLeastTwo(int cmmm, string? expected)
    {
        Assert.Equal(expected is null ? [] : [expected], Reasons(cmmm: cmmm));
    }

    [Theory]
    [InlineData(null, "自评参考等级需达到先进级及以上，当前为未达到智能车间。")]
    [InlineData(Tier.Workshop, "自评参考等级需达到先进级及以上，当前为智能车间。")]
    [InlineData(Tier.Basic, "自评参考等级需达到先进级及以上，当前为基础级。")]
    [InlineData(Tier.Advanced, null)]
    [InlineData(Tier.Excellent, null)]
    [InlineData(Tier.Leading, null)]
    public void TheSelfAssessedReferenceLevelMustBeAtLeastAdvanced(Tier? level, string? expected)
    {
        Assert.Equal(expected is null ? [] : [expected], Reasons(level: level));
    }

    [Theory]
    [InlineData(false, BasicReason)]
    [InlineData(true, null)]
    public void TheBasicRequirementsMustAllBeAttested(bool basic, string? expected)
    {
        Assert.Equal(expected is null ? [] : [expected], Reasons(basic: basic));
    }

    [Theory]
    [InlineData(false, PledgeReason)]
    [InlineData(true, null)]
    public void TheTruthfulnessPledgeMustBeSigned(bool pledged, string? expected)
    {
        Assert.Equal(expected is null ? [] : [expected], Reasons(pledged: pledged));
    }

    [Fact]
    public void ASubmissionFailingEverythingIsGivenEveryReasonInTheOrderOfTheForm()
    {
        var reasons = Reasons(dt: 42.5m, cmmm: 1, level: null, basic: false, pledged: false);

        Assert.Equal(
            [
                "数字化转型评估得分需不低于 60 分，当前 42.5 分。",
                "智能制造能力成熟度需达到 2 级及以上，当前 1 级。",
                "自评参考等级需达到先进级及以上，当前为未达到智能车间。",
                BasicReason,
                PledgeReason,
            ],
            reasons);
    }

    [Theory]
    [InlineData("70", 3, Tier.Excellent, "自评参考等级需达到卓越级及以上，当前为先进级。")]
    [InlineData("80", 2, Tier.Basic, "数字化转型评估得分需不低于 80 分，当前 79.5 分。")]
    [InlineData("60", 4, Tier.Basic, "智能制造能力成熟度需达到 4 级及以上，当前 3 级。")]
    public void TheThresholdsComeFromTheRuleNotFromTheCode(string minDt, int minCmmm, Tier minLevel, string expected)
    {
        var rule = new ApplicationRule(decimal.Parse(minDt, System.Globalization.CultureInfo.InvariantCulture), minCmmm, minLevel);
        var (dt, cmmm, level) = expected switch
        {
            _ when expected.StartsWith("自评", StringComparison.Ordinal) => (90m, 5, Tier.Advanced),
            _ when expected.StartsWith("数字化", StringComparison.Ordinal) => (79.5m, 5, Tier.Leading),
            _ => (90m, 3, Tier.Leading),
        };

        Assert.Equal([expected], Eligibility.Reasons(rule, dt, cmmm, level, basicRequirementsMet: true, pledged: true));
    }

    [Theory]
    [InlineData("75", false, "数字化转型评估得分需由评估平台出具，当前 75 分为企业自填。")]
    [InlineData("75", true, null)]
    [InlineData("59", true, "数字化转型评估得分需不低于 60 分，当前 59 分。")]
    public void WhenTheRuleSetRequiresAnIssuedDtScoreATypedOneDoesNotPassTheGate(string dt, bool issued, string? expected)
    {
        var rule = Rule with { RequireIssuedDt = true };

        var reasons = Eligibility.Reasons(rule, decimal.Parse(dt, System.Globalization.CultureInfo.InvariantCulture), 3, Tier.Advanced, true, true, new IssuedNumbers(issued, false));

        Assert.Equal(expected is null ? [] : [expected], reasons);
    }

    [Fact]
    public void WhenTheRuleSetRequiresAnIssuedCmmmLevelATypedOneDoesNotPassTheGateButATypedDtScoreStillDoes()
    {
        var rule = Rule with { RequireIssuedCmmm = true };

        Assert.Equal(["智能制造能力成熟度等级需由评估平台出具，当前 3 级为企业自填。"], Eligibility.Reasons(rule, 75m, 3, Tier.Advanced, true, true, IssuedNumbers.None));
        Assert.Empty(Eligibility.Reasons(rule, 75m, 3, Tier.Advanced, true, true, new IssuedNumbers(false, true)));
    }

    [Fact]
    public void TheRuleSetFileSaysWhetherIssuedValuesAreRequiredAndByDefaultTheyAreNot()
    {
        Assert.False(BundledJs2026().Application!.RequireIssuedDt);
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "rulesets", "JS-2026.json"))
            .Replace("\"minReferenceLevel\": \"advanced\",", "\"minReferenceLevel\": \"advanced\", \"requireIssuedDt\": true, \"requireIssuedCmmm\": false,", StringComparison.Ordinal);
        var rule = BundledJs2026(json).Application!;

        Assert.True(rule.RequireIssuedDt);
        Assert.False(rule.RequireIssuedCmmm);
    }

    private static Rules.RuleSet BundledJs2026(string? ruleSetJson = null)
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        static IEnumerable<(string Name, string Json)> Files(string dir) =>
            Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)));
        var ruleSets = Files(Path.Combine(data, "rulesets")).Select(f => ruleSetJson is not null && f.Name == "JS-2026.json" ? (f.Name, ruleSetJson) : f);
        var library = EditionLibrary.Load(Files(Path.Combine(data, "catalogs")), ruleSets);

        Assert.True(library.IsValid, string.Join("\n", library.Problems));
        return library.Value!.RuleSetFor("JS-2026")!;
    }

    [Fact]
    public void TheJs2026RuleSetAsksForDtSixtyMaturityTwoAndReferenceLevelAdvanced()
    {
        Assert.Equal(new ApplicationRule(60m, 2, Tier.Advanced), BundledJs2026().Application);
    }

    [Theory]
    [InlineData("59.99", 2, Tier.Advanced, "数字化转型评估得分需不低于 60 分，当前 59.99 分。")]
    [InlineData("60", 1, Tier.Advanced, "智能制造能力成熟度需达到 2 级及以上，当前 1 级。")]
    [InlineData("60", 2, Tier.Basic, "自评参考等级需达到先进级及以上，当前为基础级。")]
    [InlineData("60", 2, Tier.Advanced, null)]
    public void UnderTheBundledRuleSetTheBoundariesFallWhereDomainSays(string dt, int cmmm, Tier level, string? expected)
    {
        var rule = BundledJs2026().Application!;

        var reasons = Eligibility.Reasons(rule, decimal.Parse(dt, System.Globalization.CultureInfo.InvariantCulture), cmmm, level, basicRequirementsMet: true, pledged: true);

        Assert.Equal(expected is null ? [] : [expected], reasons);
    }
}
