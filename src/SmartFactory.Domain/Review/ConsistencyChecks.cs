using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Review;

/// <summary>Something a reviewer should look at twice; not a verdict.</summary>
public sealed record ConsistencyFlag(string Code, string Message);

/// <summary>Plausibility checks on a submission for reviewers (the cross-enterprise evidence check needs the database and lives at the edge).</summary>
public static class ConsistencyChecks
{
    /// <summary>A CMMM level n suggests scenarios around tier n + 1 (一级 ≈ 基础级 … 四级 ≈ 领航级); how far above is far, and what is a jump, is rule-set data.</summary>
    public static IReadOnlyList<ConsistencyFlag> Check(Assessment current, Tier? level, Tier? previousLevel, Catalog catalog, ReviewThresholds thresholds, Func<int, bool> hasEvidence)
    {
        var (farAboveCmmm, jumpTiers) = (thresholds.FarAboveCmmm.Value, thresholds.JumpTiers.Value);
        var flags = new List<ConsistencyFlag>();
        var suggested = current.CmmmLevel + 1;
        var farAbove = catalog.Scenarios.Where(s => current.RatingOf(s.No).Level.Ordinal() >= suggested + farAboveCmmm).Select(s => s.No).ToList();
        if (farAbove.Count > 0)
        {
            flags.Add(new ConsistencyFlag("above-cmmm",
                $"{farAbove.Count} 个场景的评价高出成熟度等级（{(current.CmmmLevel == 0 ? "未评估" : $"{current.CmmmLevel} 级")}）对应水平 {farAboveCmmm} 级及以上：场景 {string.Join("、", farAbove.Take(10))}{(farAbove.Count > 10 ? " 等" : "")}。"));
        }
        if (previousLevel is not null || level is not null)
        {
            var jump = level.Ordinal() - previousLevel.Ordinal();
            if (previousLevel is not null && jump >= jumpTiers)
            {
                flags.Add(new ConsistencyFlag("jump", $"参考等级较上次提交跃升 {jump} 级（{previousLevel.ChineseName()} → {level.ChineseName()}）。"));
            }
        }
        var topWithout = catalog.Scenarios
            .Where(s => current.RatingOf(s.No).Level == Tier.Leading && !hasEvidence(s.No))
            .Select(s => s.No).ToList();
        if (topWithout.Count > 0)
        {
            flags.Add(new ConsistencyFlag("top-without-evidence", $"{topWithout.Count} 个场景评为领航级却没有任何说明或附件：场景 {string.Join("、", topWithout)}。"));
        }
        return flags;
    }
}
