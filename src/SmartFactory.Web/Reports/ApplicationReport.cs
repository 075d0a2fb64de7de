using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Issued;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Reports;

/// <summary>The 申报书 of a 省先进级 application: the enterprise, the submission it rests on, the conditions, the timeline.</summary>
public static class ApplicationReport
{
    public static byte[] Write(ApplicationRecord application, SubmissionView view, Regions regions, ApplicationRule rule)
    {
        var e = application.Enterprise!;
        var (s, r) = (view.Submission, view.Result);
        using var pdf = new PdfLayout($"{e.Name} 先进级智能工厂申报书", $"{e.Name} · 申报书 #{application.Id}");
        pdf.Title("江苏省先进级智能工厂申报书");
        pdf.Paragraph($"申报编号 {application.Id} · 当前状态：{application.State.ChineseName()}{(application.BatchYear is int y ? $"（{y} 年度批次认定）" : "")}", 10, align: PdfSharp.Drawing.XStringFormats.TopCenter);
        pdf.Heading("申报企业");
        pdf.Table([("项目", 0.25), ("内容", 0.75)],
        [
            ["企业名称", e.Name],
            ["统一社会信用代码", e.CreditCode],
            ["所在地区", regions.DivisionName(e.CountyCode)],
            ["所属行业", $"{e.IndustryCode} {regions.Industry(e.IndustryCode)?.Name}"],
            ["企业规模", $"{e.Size.ChineseName()}{(e.IsAboveScale ? "，规模以上" : "")}"],
            ["联系人 / 电话", $"{e.ContactName} / {e.ContactPhone}"],
            ["推荐路径", application.Flagship ? "筑峰强链企业，直接报省" : application.CountyReportsToProvince ? "区县直接报省" : "区县 → 设区市 → 省"],
        ]);
        pdf.Heading("申报依据的自评估");
        pdf.Table([("项目", 0.35), ("内容", 0.45), ("申报条件", 0.2)],
        [
            ["提交时间", $"{BeijingTime.Of(s.SubmittedAt!.Value):yyyy-MM-dd HH:mm}", ""],
            ["自评参考等级", SubmissionView.ReferenceLevelName(r.ReferenceLevel), $"≥ {rule.MinReferenceLevel.ChineseName()}"],
            ["数字化转型评估得分", $"{s.DtScore:0.##} 分；{AssessmentOrigins.Line(view.Origins.Dt)}", $"≥ {rule.MinDtScore:0.##} 分"],
            ["智能制造能力成熟度", $"{(s.CmmmLevel is null or 0 ? "未评估" : $"{s.CmmmLevel} 级")}；{AssessmentOrigins.Line(view.Origins.Cmmm)}", $"≥ {rule.MinCmmmLevel} 级"],
            ["人工智能场景应用等级", view.Origins.AiText, ""],
            ["基本要求", Drafts.ToAssessment(s, view.RuleSet).BasicRequirementsMet ? "已全部承诺满足" : "未全部承诺", "全部满足"],
            ["建设指数", $"{r.Index:0.0}", ""],
            ["场景目录 / 规则集", $"{r.Edition} / {r.RuleSet} {r.RuleSetVersion}", ""],
        ]);
        pdf.Heading("办理记录");
        pdf.Table([("时间", 0.2), ("办理人", 0.3), ("办理", 0.25), ("意见", 0.25)],
            application.Events.OrderBy(x => x.At).ThenBy(x => x.Id).Select(x => (IReadOnlyList<string>)[
                BeijingTime.Of(x.At).ToString("yyyy-MM-dd HH:mm"), $"{x.UserName}（{x.Role}）",
                $"{(x.Action is { } act ? act.ChineseName() : "提交申报")}：{x.To.ChineseName()}", x.Comment ?? ""]));
        pdf.Heading("真实性承诺");
        pdf.Paragraph(SubmitModel.PledgeText);
        pdf.Paragraph($"承诺人：{s.PledgeSignatory}（{s.PledgePosition}）　　承诺日期：{s.PledgeDate:yyyy-MM-dd}");
        pdf.Space(24);
        pdf.Paragraph("企业（盖章）：　　　　　　　　　　　　　　　　日期：");
        return pdf.Finish();
    }
}
