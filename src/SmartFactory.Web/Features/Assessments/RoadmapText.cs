using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>The roadmap's words, the same on the result page and in the PDF.</summary>
public static class RoadmapText
{
    public static string Heading(Roadmap r) => $"发展路线图：{r.Year} 年达到{r.Target.ChineseName()}";

    public static string Summary(Roadmap r) => r.ScenariosReached
        ? $"本次提交的场景评价已满足{r.Target.ChineseName()}及以下各等级的场景门槛。"
        : $"从{(r.From is { } f ? f.ChineseName() : "未达到智能车间")}出发，按本企业的成本估计，最小总代价 {r.Cost}，分 {r.Milestones.Count} 个年度里程碑。";

    public static string MilestoneTitle(Milestone m) => $"{m.Year} 年：达到{m.Tier.ChineseName()}（本年代价 {m.Cost}）";

    public static IEnumerable<string> Items(Milestone m, Catalog catalog) =>
        m.Upgrades.Select(u => $"场景 {u.No}“{catalog.Find(u.No)?.Name}”：{u.From.ChineseName()} → {u.To.ChineseName()}（{u.Steps} 级）")
            .Concat(m.AiFlags.Select(no => $"场景 {no}“{catalog.Find(no)?.Name}”：应用人工智能技术"));

    public static string OtherAction(GateCheck c) => GateText.Describe(c.ToDto());
}
