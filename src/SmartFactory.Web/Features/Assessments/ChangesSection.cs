using Microsoft.EntityFrameworkCore;
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
