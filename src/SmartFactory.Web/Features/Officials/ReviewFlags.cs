using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Review;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The consistency flags a reviewer sees on a submission: the domain's checks plus evidence copied across enterprises.</summary>
public static class ReviewFlags
{
    public static async Task<IReadOnlyList<ConsistencyFlag>> ForAsync(AppDbContext db, AssessmentRecord submission, EditionLibrary editions)
    {
        var previous = await db.Assessments.AsNoTracking()
            .Where(a => a.EnterpriseId == submission.EnterpriseId && a.Status == AssessmentStatus.Submitted && a.SubmittedAt < submission.SubmittedAt)
            .OrderByDescending(a => a.SubmittedAt).Select(a => a.ReferenceLevel).FirstOrDefaultAsync();
        var ruleSet = Drafts.RuleSetOf(submission, editions);
        var assessment = Drafts.ToAssessment(submission, ruleSet);
        var evidenced = submission.Ratings.Where(r => r.Evidence is not null).Select(r => r.ScenarioNo)
            .Concat(submission.Files.Where(f => f.ScenarioNo is not null).Select(f => f.ScenarioNo!.Value)).ToHashSet();
        var flags = ConsistencyChecks.Check(assessment, Tiers.FromOrdinal(submission.ReferenceLevel ?? 0), Tiers.FromOrdinal(previous ?? 0), editions.Catalog(submission.Edition)!, ruleSet.ReviewFlags, evidenced.Contains).ToList();

        var hashes = submission.Ratings.Where(r => r.EvidenceHash != null).Select(r => r.EvidenceHash!).Distinct().ToList();
        var copies = await db.Ratings.AsNoTracking()
            .Where(r => hashes.Contains(r.EvidenceHash!))
            .Join(db.Assessments.Where(a => a.Status == AssessmentStatus.Submitted && a.EnterpriseId != submission.EnterpriseId), r => r.AssessmentId, a => a.Id, (r, a) => new { r.EvidenceHash, a.EnterpriseId })
            .Distinct().ToListAsync();
        if (copies.Count > 0)
        {
            var scenarios = submission.Ratings.Where(r => copies.Any(c => c.EvidenceHash == r.EvidenceHash)).Select(r => r.ScenarioNo).Order().ToList();
            flags.Add(new ConsistencyFlag("copied-evidence",
                $"{scenarios.Count} 个场景的建设说明与其他 {copies.Select(c => c.EnterpriseId).Distinct().Count()} 家企业的说明完全相同：场景 {string.Join("、", scenarios.Take(10))}{(scenarios.Count > 10 ? " 等" : "")}。"));
        }
        return flags;
    }
}
