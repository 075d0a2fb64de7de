using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Review;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Issued;

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
        flags.AddRange(await IssuedDifferencesAsync(db, submission));
        return flags;
    }

    /// <summary>
    /// issued-dt / issued-cmmm: the submission's DT score or CMMM level differs from the platform's current issued result
    /// for its credit code — entered by the enterprise although one was issued, or issued anew after it was submitted.
    /// </summary>
    private static async Task<IEnumerable<ConsistencyFlag>> IssuedDifferencesAsync(AppDbContext db, AssessmentRecord submission)
    {
        var creditCode = submission.Enterprise?.CreditCode ?? await db.Enterprises.Where(e => e.Id == submission.EnterpriseId).Select(e => e.CreditCode).SingleAsync();
        var current = (await IssuedValues.CurrentAsync(db, [creditCode])).GetValueOrDefault(creditCode);
        if (current is null)
        {
            return [];
        }
        var differences = new List<ConsistencyFlag>();
        void Check(IssuedKind kind, string code, int? takenFrom, string submitted, Func<IssuedResult, bool> differs)
        {
            if (current.TryGetValue(kind, out var issued) && differs(issued))
            {
                var how = takenFrom is null ? "企业自填" : "提交时取自平台的结果";
                differences.Add(new ConsistencyFlag(code,
                    $"{IssuedValues.Name(kind)}：{how}为 {submitted}，平台出具的为 {IssuedValues.ValueText(issued)}（{IssuedValues.Origin(issued)}），两者不一致。"));
            }
        }
        Check(IssuedKind.Dt, "issued-dt", submission.DtIssuedId, IssuedValues.DtText(submission.DtScore), i => i.Score != submission.DtScore);
        Check(IssuedKind.Cmmm, "issued-cmmm", submission.CmmmIssuedId, IssuedValues.LevelText(submission.CmmmLevel), i => i.Level != submission.CmmmLevel);
        return differences;
    }
}
