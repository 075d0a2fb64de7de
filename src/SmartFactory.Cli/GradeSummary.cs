using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Cli;

/// <summary>The readable Chinese summary of one grade: level, every gate with its reason, and the plan.</summary>
public static class GradeSummary
{
    public static void Write(TextWriter o, GradeResult r, Catalog catalog, RuleSet ruleSet, int? number)
    {
        var heading = number is { } n ? $"第 {n} 条评估" : "评估结果";
        o.WriteLine($"{heading}（场景目录 {r.Edition}，规则集 {r.RuleSetId} 版本 {r.RuleSetVersion}）");
        o.WriteLine($"  参考等级：{r.ReferenceLevel?.ChineseName() ?? "未达到智能车间"}");
        o.WriteLine($"  建议评价等级：{r.RecommendedTier?.ChineseName() ?? "无（数字化转型评估得分不足）"}");
        o.WriteLine($"  建设指数：{r.Index:0.0}（{string.Join("，", r.StageIndexes.Select(s => $"{s.Stage} {s.Index:0.0}"))}）");
        foreach (var tier in r.Tiers)
        {
            o.WriteLine($"  {tier.Tier.ChineseName()}：{(tier.Passed ? "✓ 各项门槛均满足" : "✗ 未满足")}");
            foreach (var check in tier.Checks)
            {
                o.WriteLine($"    {(check.Passed ? "✓" : "✗")} {Describe(check, tier.Tier, ruleSet)}");
            }
        }
        if (r.Plan is not { } plan)
        {
            o.WriteLine("  已达到最高等级领航级。");
            o.WriteLine();
            return;
        }
        o.WriteLine($"  升级到{plan.Target.ChineseName()}的最小代价方案（代价 {plan.Cost}）：");
        foreach (var u in plan.Upgrades)
        {
            var s = catalog.Find(u.No)!;
            o.WriteLine($"    · 场景 {u.No}“{s.Name}”：{u.From.ChineseName()} → {u.To.ChineseName()}（{u.Steps} 级）");
        }
        foreach (var no in plan.AiFlags)
        {
            o.WriteLine($"    · 场景 {no}“{catalog.Find(no)!.Name}”应用人工智能");
        }
        foreach (var action in plan.OtherActions)
        {
            o.WriteLine($"    · 另需：{Describe(action, plan.Target, ruleSet)}");
        }
        if (plan.Cost == 0 && plan.OtherActions.Count == 0)
        {
            o.WriteLine("    · 场景已满足要求。");
        }
        o.WriteLine();
    }

    public static string Describe(GateCheck c, Tier tier, RuleSet ruleSet) => $"{GateText.Describe(c.ToDto(), tier.Code())} 〔{ruleSet.Label(c.Provenance)}〕";
}
