using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// What changed since the enterprise's previous submission: the reference level, each scenario whose rating or AI flag
/// moved, and each stage's index and highest rating. Null <see cref="Previous"/> is a first submission.
/// </summary>
public sealed record ChangesSection(
    Catalog Catalog,
    AssessmentRecord? Previous,
    int? ReferenceBefore,
    int? ReferenceAfter,
    IReadOnlyList<ScenarioChange> Scenarios,
    IReadOnlyList<StageChange> Stages)
{
    /// <summary>The previous submission used another catalog edition, so its scenarios are not compared one by one.</summary>
    public bool OtherEdition => Previous is not null && Previous.Edition != Catalog.Edition;

    // The sentences of the section, the same on the result page and in its PDF.
    public const string FirstText = "这是本企业的首次提交，暂无可比较的上次结果。";
    public const string SameText = "各场景的等级和人工智能应用与上次相同。";

    public string ReferenceLine => Previous is { } p
        ? $"上次提交：{p.Year} 年度，{BeijingTime.Of(p.SubmittedAt!.Value):yyyy-MM-dd}。参考等级 {Tiers.ReferenceLevelName(ReferenceBefore)} → {Tiers.ReferenceLevelName(ReferenceAfter)}。"
        : FirstText;

    public string OtherEditionLine => $"上次提交使用场景目录 {Previous?.Edition}，与本次（{Catalog.Edition}）不同，不逐个场景比较。";

    public string ScenarioName(ScenarioChange c) => $"{c.No}. {Catalog.Find(c.No)?.Name}";

    public static string Rating(ScenarioRating r) => $"{r.Level.ChineseName()}{(r.Ai ? "（AI）" : "")}";

    public static string Move(ScenarioChange c) => $"{Rating(c.Before)} → {Rating(c.After)}";

    public static string Index(StageChange st) => $"{st.IndexBefore:0.0} → {st.IndexAfter:0.0}";

    public static string Top(StageChange st) => $"{st.TopBefore.ChineseName()} → {st.TopAfter.ChineseName()}";

    public static async Task<ChangesSection> LoadAsync(AppDbContext db, SubmissionView view, EditionLibrary editions)
    {
        var s = view.Submission;
        var previous = await db.Assessments.AsNoTracking().Include(a => a.Ratings)
            .Where(a => a.EnterpriseId == s.EnterpriseId && a.Status == AssessmentStatus.Submitted && a.Id != s.Id && a.SubmittedAt < s.SubmittedAt)
            .OrderByDescending(a => a.SubmittedAt).ThenByDescending(a => a.Id)
            .FirstOrDefaultAsync();
        if (previous is null || previous.Edition != s.Edition)
        {
            return new ChangesSection(view.Catalog, previous, previous?.ReferenceLevel, s.ReferenceLevel, [], []);
        }
        var before = Drafts.ToAssessment(previous, Drafts.RuleSetOf(previous, editions));
        var after = Drafts.ToAssessment(s, view.RuleSet);
        return new ChangesSection(view.Catalog, previous, previous.ReferenceLevel, s.ReferenceLevel,
            SubmissionChanges.Scenarios(before, after, view.Catalog), SubmissionChanges.Stages(before, after, view.Catalog));
    }
}
