using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Applications;

/// <summary>What a submission needs to apply for 省先进级; the thresholds come from the rule set.</summary>
public sealed record ApplicationRule(decimal MinDtScore, int MinCmmmLevel, Tier MinReferenceLevel, Provenance Provenance = Provenance.Notice);

public static class Eligibility
{
    /// <summary>Why a submission may not apply, in Chinese; empty when it may.</summary>
    public static IReadOnlyList<string> Reasons(ApplicationRule rule, decimal dtScore, int cmmmLevel, Tier? referenceLevel, bool basicRequirementsMet, bool pledged)
    {
        var reasons = new List<string>();
        if (dtScore < rule.MinDtScore)
        {
            reasons.Add($"数字化转型评估得分需不低于 {Contracts.GateText.Number(rule.MinDtScore)} 分，当前 {Contracts.GateText.Number(dtScore)} 分。");
        }
        if (cmmmLevel < rule.MinCmmmLevel)
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
