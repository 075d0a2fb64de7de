using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Applications;

/// <summary>What a submission needs to apply for 省先进级; the thresholds come from the rule set.</summary>
public sealed record ApplicationRule(decimal MinDtScore, int MinCmmmLevel, Tier MinReferenceLevel, Provenance Provenance = Provenance.Notice)
{
    /// <summary>Only a DT score issued by the platform counts toward the gate (rule-set data <c>requireIssuedDt</c>, default false).</summary>
    public bool RequireIssuedDt { get; init; }

    /// <summary>Only a CMMM level issued by the platform counts toward the gate (<c>requireIssuedCmmm</c>, default false).</summary>
    public bool RequireIssuedCmmm { get; init; }
}

/// <summary>Which of a submission's numbers came from the issuing platforms rather than the enterprise's own entry.</summary>
public sealed record IssuedNumbers(bool Dt, bool Cmmm)
{
    public static readonly IssuedNumbers None = new(false, false);
}

public static class Eligibility
{
    /// <summary>Why a submission may not apply, in Chinese; empty when it may.</summary>
    /// <param name="issued">Which numbers were issued; only read when the rule requires issued values (none when not given).</param>
    public static IReadOnlyList<string> Reasons(ApplicationRule rule, decimal dtScore, int cmmmLevel, Tier? referenceLevel, bool basicRequirementsMet, bool pledged, IssuedNumbers? issued = null)
    {
        var reasons = new List<string>();
        issued ??= IssuedNumbers.None;
        if (rule.RequireIssuedDt && !issued.Dt)
        {
            reasons.Add($"数字化转型评估得分需由评估平台出具，当前 {Contracts.GateText.Number(dtScore)} 分为企业自填。");
        }
        else if (dtScore < rule.MinDtScore)
        {
            reasons.Add($"数字化转型评估得分需不低于 {Contracts.GateText.Number(rule.MinDtScore)} 分，当前 {Contracts.GateText.Number(dtScore)} 分。");
        }
        if (rule.RequireIssuedCmmm && !issued.Cmmm)
        {
            reasons.Add($"智能制造能力成熟度等级需由评估平台出具，当前{(cmmmLevel == 0 ? "未评估" : $" {cmmmLevel} 级为企业自填")}。");
        }
        else if (cmmmLevel < rule.MinCmmmLevel)
        {
            reasons.Add($"智能制造能力成熟度需达到 {rule.MinCmmmLevel} 级及以上，当前{(cmmmLevel == 0 ? "未评估" : $" {cmmmLevel} 级")}。");
        }
        if (referenceLevel.Ordinal() < (int)rule.MinReferenceLevel)
        {
            reasons.Add($"自评参考等级需达到{rule.MinReferenceLevel.ChineseName()}及以上，当前为{referenceLevel.ReferenceLevelName()}。");
        }
        if (!basicRequirementsMet)
        {
            reasons.Add("基本要求未全部承诺满足。");
        }
        if (!pledged)
        {
            reasons.Add("未签署真实性承诺。");
        }
        return reasons;
    }
}
