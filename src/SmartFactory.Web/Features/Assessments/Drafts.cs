using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>What the enterprise pages do with a draft: find or start it, grade it, list what is missing, submit it.</summary>
public static class Drafts
{
    /// <summary>The enterprise's open draft, with ratings and files; starts one (copied from the last submission) if there is none.</summary>
    public static async Task<AssessmentRecord> GetOrStartAsync(AppDbContext db, EditionLibrary editions, int enterpriseId, int userId, DateTime now)
    {
        var draft = await FindDraftAsync(db, enterpriseId);
        if (draft is not null)
        {
            return draft;
        }
        var last = await db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files)
            .Where(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Submitted)
            .OrderByDescending(a => a.SubmittedAt).FirstOrDefaultAsync();
        var year = BeijingTime.Of(now).Year;
        var ruleSet = editions.InForce(year)!;
        draft = new AssessmentRecord
        {
            EnterpriseId = enterpriseId,
            Year = year,
            Status = AssessmentStatus.Draft,
            Edition = ruleSet.CatalogEdition,
            RuleSetId = ruleSet.Id,
            RuleSetVersion = ruleSet.Version,
            CreatedAt = now,
            CreatedBy = userId,
            UpdatedAt = now,
            UpdatedBy = userId,
        };
        if (last is not null && editions.Mapping(last.Edition, draft.Edition) is { } mapping)
        {
            CopyAnswers(last, draft);
            draft.Ratings = EditionMove.Ratings(last.Ratings, mapping, userId, now);
            draft.Files = EditionMove.Files(last.Files, mapping);
        }
        var creditCode = await db.Enterprises.Where(e => e.Id == enterpriseId).Select(e => e.CreditCode).SingleAsync();
        Issued.IssuedValues.Apply(draft, (await Issued.IssuedValues.CurrentAsync(db, [creditCode])).GetValueOrDefault(creditCode), await Issued.IssuedValues.NamedByAsync(db, [draft]));
        db.Assessments.Add(draft);
        db.Record(now, userId, enterpriseId, "assessment.started", last is null ? null : $"copied from {last.Id}");
        try
        {
            await db.SaveChangesAsync();
            return draft;
        }
        catch (DbUpdateException)
        {
            // Another request (on any node) started the enterprise's draft first: UX_Assessments_OneDraft refused the
            // second. Work on that one; without it the failure was something else, and stays that error.
            db.ChangeTracker.Clear();
            if (await FindDraftAsync(db, enterpriseId) is { } started)
            {
                return started;
            }
            throw;
        }
    }

    /// <summary>
    /// The open draft; or the first one, started, for an enterprise that has never submitted; null once it has submitted
    /// and not yet asked for the next round (the pages then say so rather than open a pre-filled draft unasked).
    /// </summary>
    public static async Task<AssessmentRecord?> FindOrStartFirstAsync(AppDbContext db, EditionLibrary editions, int enterpriseId, int userId, DateTime now) =>
        await FindDraftAsync(db, enterpriseId)
        ?? (await db.Assessments.AnyAsync(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Submitted)
            ? null
            : await GetOrStartAsync(db, editions, enterpriseId, userId, now));

    public static Task<AssessmentRecord?> FindDraftAsync(AppDbContext db, int enterpriseId) =>
        db.Assessments.Include(a => a.Ratings).Include(a => a.Files)
            .FirstOrDefaultAsync(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Draft);

    private static void CopyAnswers(AssessmentRecord from, AssessmentRecord to)
    {
        to.DtScore = from.DtScore;
        to.DtDate = from.DtDate;
        to.CmmmLevel = from.CmmmLevel;
        to.CmmmScore = from.CmmmScore;
        to.CmmmDate = from.CmmmDate;
        to.CmmmSource = from.CmmmSource;
        to.DtIssuedId = from.DtIssuedId;
        to.CmmmIssuedId = from.CmmmIssuedId;
        to.AiIssuedId = from.AiIssuedId;
        to.BasicRequirements = from.BasicRequirements;
        to.BasicEvidence = from.BasicEvidence;
    }

    /// <summary>
    /// The rule set a submission was graded with; for a draft, the one in force for its round (decision 019) — a draft's
    /// own RuleSetId names the version its enterprise was last shown, see <see cref="ShownRuleSet"/>.
    /// </summary>
    public static RuleSet RuleSetOf(AssessmentRecord a, EditionLibrary editions) =>
        (a.Status == AssessmentStatus.Submitted && a.RuleSetId is { } id ? editions.RuleSet(id, a.RuleSetVersion!) : null)
        ?? editions.ForDraft(a.Year, a.Edition)!;

    /// <summary>The version a draft's enterprise was last shown, when a publication or withdrawal has since changed it.</summary>
    public static RuleSet? ShownRuleSet(AssessmentRecord draft, EditionLibrary editions) =>
        draft.Status == AssessmentStatus.Draft && draft.RuleSetId is { } id && editions.RuleSet(id, draft.RuleSetVersion!) is { } shown
        && RuleSetOf(draft, editions) is var now && (shown.Id, shown.Version) != (now.Id, now.Version) ? shown : null;

    /// <summary>
    /// The draft as the grader sees it: an absent DT score or CMMM level counts as 0 until entered; the basic requirements
    /// are met when every item of the rule set's list is attested.
    /// </summary>
    public static Assessment ToAssessment(AssessmentRecord a, RuleSet ruleSet) => new()
    {
        Edition = a.Edition,
        DtScore = a.DtScore ?? 0,
        CmmmLevel = a.CmmmLevel ?? 0,
        BasicRequirementsMet = ruleSet.BasicRequirements.AllMet(a.AttestedKeys),
        Ratings = RatingsOf(a.Ratings),
    };

    /// <summary>Stored rating rows as the grader and the edition mappings read them.</summary>
    public static Dictionary<int, ScenarioRating> RatingsOf(IEnumerable<RatingRecord> ratings) =>
        ratings.ToDictionary(r => r.ScenarioNo, r => new ScenarioRating(Tiers.FromOrdinal(r.Level), r.Ai));

    public static GradeResult Grade(AssessmentRecord a, EditionLibrary editions)
    {
        var ruleSet = RuleSetOf(a, editions);
        return Grader.Grade(ToAssessment(a, ruleSet), editions.Catalog(a.Edition)!, ruleSet);
    }

    /// <summary>What must still be filled in before submission, in Chinese; empty when it can be submitted.</summary>
    public static List<string> Missing(AssessmentRecord a, Catalog catalog)
    {
        var missing = new List<string>();
        if (a.DtScore is null)
        {
            missing.Add("数字化转型评估得分未填写。");
        }
        if (a.DtDate is null)
        {
            missing.Add("数字化转型评估日期未填写。");
        }
        // An issued score needs no report uploaded beside it: the platform's reference stands for it.
        if (a.DtIssuedId is null && !a.Files.Any(f => f.Purpose == EvidencePurposes.DtScore))
        {
            missing.Add("数字化转型评估的证明材料未上传。");
        }
        if (a.CmmmLevel is null)
        {
            missing.Add("智能制造能力成熟度等级未填写（未评估请选择“未评估”）。");
        }
        var rated = a.Ratings.Select(r => r.ScenarioNo).ToHashSet();
        var unrated = catalog.Scenarios.Where(s => !rated.Contains(s.No)).ToList();
        if (unrated.Count > 0)
        {
            missing.Add($"还有 {unrated.Count} 个场景未评价（未建设的请选择“未建设”）：{string.Join("、", unrated.Take(10).Select(s => $"{s.No}. {s.Name}"))}{(unrated.Count > 10 ? " 等" : "")}。");
        }
        return missing;
    }

    /// <summary>The draft in the CLI input format, as frozen at submission; not indented, since simulations scan it (~1.5 KB, not ~3).</summary>
    public static string SnapshotJson(AssessmentRecord a, RuleSet ruleSet)
    {
        var assessment = ToAssessment(a, ruleSet);
        return JsonSerializer.Serialize(new
        {
            edition = a.Edition,
            dtScore = assessment.DtScore,
            cmmmLevel = assessment.CmmmLevel,
            basicRequirementsMet = assessment.BasicRequirementsMet,
            scenarios = a.Ratings.OrderBy(r => r.ScenarioNo).Select(r => new
            {
                no = r.ScenarioNo,
                level = Tiers.RatingCode(r.Level),
                ai = r.Ai,
            }),
        }, Wire.Compact);
    }

    public static void Freeze(AssessmentRecord a, EditionLibrary editions, int userId, DateTime now)
    {
        var result = Grade(a, editions);
        a.Status = AssessmentStatus.Submitted;
        a.SubmittedAt = now;
        a.SubmittedBy = userId;
        a.RuleSetId = result.RuleSetId;
        a.RuleSetVersion = result.RuleSetVersion;
        a.ReferenceLevel = result.ReferenceLevel.Ordinal();
        a.Index = (double)result.Index;
        a.IsLatest = true;
        a.Figures = Figures(result).ToList();
        var ruleSet = RuleSetOf(a, editions);
        a.SnapshotJson = SnapshotJson(a, ruleSet);
        a.GradingInput = GradingInput.Write(ToAssessment(a, ruleSet));
        a.Result = new AssessmentResult { Json = JsonSerializer.Serialize(result.ToDto(), Wire.Options) };
        a.UpdatedAt = now;
        a.UpdatedBy = userId;
    }

    /// <summary>
    /// Latest submissions from before <see cref="AssessmentRecord.GradingInput"/> get it from their snapshot, in batches;
    /// "" where the snapshot cannot be read (a simulation counts that one unreadable, as it did the snapshot). Only the
    /// latest: simulations read no other, and an earlier submission never becomes the latest again. At migration, and
    /// again before every simulation (a node of the release before the column leaves it null during a rolling upgrade);
    /// with nothing to fill it is one look at the narrow index.
    /// </summary>
    public static async Task FillGradingInputsAsync(AppDbContext db)
    {
        while (await db.Assessments.Latest().Where(a => a.GradingInput == null).OrderBy(a => a.Id).Take(1000).ToListAsync() is { Count: > 0 } batch)
        {
            foreach (var a in batch)
            {
                a.GradingInput = a.SnapshotJson is { } json && SnapshotReader.Read(json) is { } snapshot ? GradingInput.Write(snapshot) : "";
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>What dashboards aggregate: stage indexes, and what stands between the enterprise and its next tier.</summary>
    private static IEnumerable<SubmissionFigure> Figures(GradeResult result)
    {
        for (var i = 0; i < result.StageIndexes.Count; i++)
        {
            yield return new SubmissionFigure { Kind = FigureKinds.Stage, Code = (i + 1).ToString(), Value = (double)result.StageIndexes[i].Index };
        }
        if (result.NextTier is { } next)
        {
            foreach (var gate in result.Tiers[(int)next - 1].Checks.Where(c => !c.Passed))
            {
                yield return new SubmissionFigure { Kind = FigureKinds.Gate, Code = gate.Gate.Code(), Value = 1 };
            }
        }
        foreach (var upgrade in result.Plan?.Upgrades ?? [])
        {
            yield return new SubmissionFigure { Kind = FigureKinds.Scenario, Code = upgrade.No.ToString(), Value = upgrade.Steps };
        }
    }

    /// <summary>
    /// Marks earlier submissions of the enterprise as no longer the latest, and saves that on its own (inside the caller's
    /// transaction): the rollups then take the old submission out before the new one comes in, and the one-latest index
    /// never sees two.
    /// </summary>
    public static async Task ClearLatestAsync(AppDbContext db, int enterpriseId)
    {
        foreach (var earlier in await db.Assessments.Latest().Where(a => a.EnterpriseId == enterpriseId).ToListAsync())
        {
            earlier.IsLatest = false;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>A fingerprint of evidence text that ignores white space, so copies across enterprises can be found.</summary>
    public static string? EvidenceHash(string? evidence)
    {
        if (string.IsNullOrWhiteSpace(evidence))
        {
            return null;
        }
        var normalised = string.Concat(evidence.Where(c => !char.IsWhiteSpace(c)));
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalised)));
    }
}

public static class FigureKinds
{
    public const string Stage = "stage";
    public const string Gate = "gate";
    public const string Scenario = "scenario";
}

public static class EvidencePurposes
{
    public const string DtScore = "dt";
    public const string Cmmm = "cmmm";
    public const string Scenario = "scenario";
}
