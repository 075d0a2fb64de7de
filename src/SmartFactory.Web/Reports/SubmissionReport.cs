using SmartFactory.Domain;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Issued;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Reports;

/// <summary>The PDF of one submission: enterprise, dates, versions, level with every gate, radar, plan, roadmap, changes since the previous submission, ratings by stage, pledge.</summary>
public static class SubmissionReport
{
    public static byte[] Write(SubmissionView view, Regions regions, Domain.Grading.Roadmap? roadmap = null, ChangesSection? changes = null)
    {
        var (s, r, catalog) = (view.Submission, view.Result, view.Catalog);
        var e = s.Enterprise!;
        using var pdf = new PdfLayout($"{e.Name} 智能工厂自评估报告", $"{e.Name} · 自评估报告 #{s.Id}");
        pdf.Title("智能工厂等级水平自评估报告");
        pdf.Paragraph($"{e.Name}（统一社会信用代码 {e.CreditCode}）", 11, bold: true, align: PdfSharp.Drawing.XStringFormats.TopCenter);
        pdf.Space(6);
        pdf.Table([("项目", 0.25), ("内容", 0.75)],
        [
            ["所在地区", regions.DivisionName(e.CountyCode)],
            ["所属行业", $"{e.IndustryCode} {regions.Industry(e.IndustryCode)?.Name}"],
            ["企业规模", $"{e.Size.ChineseName()}{(e.IsAboveScale ? "，规模以上" : "")}{(e.IsFlagshipChain ? "，筑峰强链企业" : "")}"],
            ["评估年度 / 提交时间", $"{s.Year} 年度 / {BeijingTime.Of(s.SubmittedAt!.Value):yyyy-MM-dd HH:mm}（北京时间）"],
            ["数字化转型评估", $"{s.DtScore:0.##} 分（{s.DtDate:yyyy-MM-dd}）；{AssessmentOrigins.Line(view.Origins.Dt)}"],
            ["智能制造能力成熟度", s.CmmmLevel is null or 0 ? "未评估" : $"{s.CmmmLevel} 级{(s.CmmmScore is { } sc ? $"，得分 {GateText.Number(sc)}" : "")}{(s.CmmmDate is { } d ? $"（{d:yyyy-MM-dd}）" : "")}{(s.CmmmSource is { } src ? $"，{src}" : "")}；{AssessmentOrigins.Line(view.Origins.Cmmm)}"],
            ["人工智能场景应用等级", view.Origins.AiText],
            ["场景目录 / 规则集", $"{r.Edition} / {r.RuleSet} 版本 {r.RuleSetVersion}"],
        ]);

        pdf.Heading("评估结论");
        pdf.Paragraph($"参考等级：{SubmissionView.ReferenceLevelName(r.ReferenceLevel)}　　建议评价等级：{SubmissionView.TierName(r.RecommendedTier)}　　建设指数：{r.Index:0.0}", 12, bold: true);
        foreach (var tier in r.Tiers)
        {
            pdf.Paragraph($"{SubmissionView.TierName(tier.Tier)}：{(tier.Passed ? "各项门槛均满足" : "未全部满足")}", 10, bold: true);
            pdf.Table([("门槛", 0.2), ("要求", 0.32), ("本企业", 0.2), ("结果", 0.07), ("依据", 0.21)],
                tier.Checks.Select(c => (IReadOnlyList<string>)[c.Label, GateText.Required(c, tier.Tier), GateText.Actual(c), c.Passed ? "✓" : "×", view.RuleSet.Label(c.Provenance)]));
        }

        pdf.Heading("各环节建设指数");
        pdf.Radar(r.StageIndex.Select(x => (x.Stage, (double)x.Index)).ToList());

        pdf.Heading(r.Plan is { } p ? $"升级到{SubmissionView.TierName(p.Tier)}的最小代价路径（代价 {p.Cost}）" : "升级路径");
        if (r.Plan is not { } plan)
        {
            pdf.Paragraph("已达到最高等级领航级。");
        }
        else
        {
            foreach (var u in plan.Upgrades)
            {
                pdf.Paragraph($"· 场景 {u.No}“{catalog.Find(u.No)?.Name}”：{SubmissionView.TierName(u.From)} → {SubmissionView.TierName(u.To)}（{u.Steps} 级）");
            }
            foreach (var f in plan.AiFlags)
            {
                pdf.Paragraph($"· 场景 {f.No}“{catalog.Find(f.No)?.Name}”：应用人工智能技术");
            }
            foreach (var a in plan.OtherActions)
            {
                var label = r.Tiers.SelectMany(t => t.Checks).First(c => c.Gate == a.Gate).Label;
                pdf.Paragraph($"· 另需满足：{GateText.Describe(new CheckDto(a.Gate, label, a.Required, a.Actual, false, ""))}");
            }
        }

        if (roadmap is not null)
        {
            RoadmapReport.Write(pdf, roadmap, catalog);
        }
        if (changes is not null)
        {
            ChangesReport.Write(pdf, changes);
        }

        pdf.Heading("场景评价");
        foreach (var stage in catalog.Stages)
        {
            pdf.Paragraph(stage, 10, bold: true);
            pdf.Table([("场景", 0.3), ("等级", 0.12), ("AI", 0.06), ("建设情况说明", 0.42), ("附件", 0.1)],
                catalog.InStage(stage).Select(sc =>
                {
                    var rating = s.Ratings.FirstOrDefault(x => x.ScenarioNo == sc.No);
                    var files = s.Files.Count(f => f.ScenarioNo == sc.No);
                    return (IReadOnlyList<string>)[$"{sc.No}. {sc.Name}", Tiers.RatingName(rating?.Level ?? 0),
                        rating?.Ai == true ? "是" : "", Summary(rating?.Evidence), files == 0 ? "" : $"{files} 个"];
                }));
        }

        pdf.Heading("真实性承诺");
        pdf.Paragraph(SubmitModel.PledgeText);
        pdf.Paragraph($"承诺人：{s.PledgeSignatory}（{s.PledgePosition}）　　承诺日期：{s.PledgeDate:yyyy-MM-dd}");
        return pdf.Finish();
    }

    /// <summary>The first 120 characters of an evidence text.</summary>
    public static string Summary(string? text) => text is null ? "" : text.Length <= 120 ? text : text[..120] + "…";
}
