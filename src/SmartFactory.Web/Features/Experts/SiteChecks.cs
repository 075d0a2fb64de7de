using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Experts;

/// <summary>An expert of the pool as the province sees it.</summary>
public sealed record PoolExpert(int UserId, string DisplayName, string Login, string CityCode, IReadOnlyList<string> Industries, string? Unit, bool Pending);

/// <summary>An expert sent to an application, with the province's reason when the expert comes from the enterprise's own city.</summary>
public sealed record AssignedExpert(int AssignmentId, int UserId, string DisplayName, string CityCode, string? Unit, string? OverrideReason, DateTime AssignedAt);

/// <summary>One scenario of a site check: the self-assessed tier, and the tier the experts found (null when confirmed).</summary>
public sealed record FindingRow(int ScenarioNo, string ScenarioName, int SelfLevel, int? AdjustedLevel, string? Reason)
{
    public int ConfirmedLevel => AdjustedLevel ?? SelfLevel;
}

/// <summary>A recorded site check as the province and the experts see it.</summary>
public sealed record SiteCheckView(SiteCheck Check, IReadOnlyList<FindingRow> Findings, int? SelfLevel, string RecordedBy, Tier TierAppliedFor)
{
    public IEnumerable<FindingRow> Adjusted => Findings.Where(f => f.AdjustedLevel is not null);

    /// <summary>Why passing the site check would contradict the experts' record; null when it may pass.</summary>
    public string? Warning => SiteChecks.Warning(Check.Passed, Check.ConfirmedLevel, TierAppliedFor);
}

/// <summary>What an expert found for one scenario, as posted: null level = the self-assessed tier is confirmed.</summary>
public sealed record FindingInput(int ScenarioNo, int? AdjustedLevel, string? Reason);

/// <summary>
/// 现场核查 (decision 026): the expert pool, the province's assignments with the conflict rule, the experts' record and
/// the reference level recomputed from it. The callers save, except <see cref="RecordAsync"/>, which saves the record and
/// its report in one SaveChanges so that two experts at once leave one record.
/// </summary>
public static class SiteChecks
{
    public const string ReportPurpose = "site-check-report";

    public static IReadOnlyList<string> IndustriesOf(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<List<PoolExpert>> PoolAsync(AppDbContext db, string? city = null, string? industry = null)
    {
        var query = db.ExpertProfiles.AsNoTracking().Where(p => p.User!.Role == Role.Expert);
        if (!string.IsNullOrEmpty(city))
        {
            query = query.Where(p => p.CityCode == city);
        }
        var rows = await query.OrderBy(p => p.CityCode).ThenBy(p => p.UserId)
            .Select(p => new { p.UserId, p.User!.DisplayName, p.User.Login, p.CityCode, p.Industries, p.Unit, Pending = p.User.PasswordHash == null })
            .ToListAsync();
        return rows.Select(r => new PoolExpert(r.UserId, r.DisplayName, r.Login, r.CityCode, IndustriesOf(r.Industries), r.Unit, r.Pending))
            .Where(r => string.IsNullOrEmpty(industry) || r.Industries.Contains(industry))
            .ToList();
    }

    public static Task<List<AssignedExpert>> AssignedAsync(AppDbContext db, int applicationId) =>
        db.ExpertAssignments.AsNoTracking().Where(a => a.ApplicationId == applicationId).OrderBy(a => a.Id)
            .Join(db.ExpertProfiles, a => a.ExpertUserId, p => p.UserId, (a, p) => new AssignedExpert(a.Id, a.ExpertUserId, a.Expert!.DisplayName, p.CityCode, p.Unit, a.OverrideReason, a.AssignedAt))
            .ToListAsync();

    /// <summary>Assigns an expert to an application the province holds for its site check; null when done (not yet saved), else why not.</summary>
    public static async Task<string?> AssignAsync(AppDbContext db, ApplicationRecord application, int expertUserId, string? overrideReason, int userId, DateTime now)
    {
        if (application.State != ApplicationState.PreliminaryPassed)
        {
            return $"该申报当前为“{application.State.ChineseName()}”，只有“{ApplicationState.PreliminaryPassed.ChineseName()}”的申报可以指派专家。";
        }
        if (await db.SiteChecks.AnyAsync(s => s.ApplicationId == application.Id))
        {
            return "该申报的现场核查已记录，不能再指派专家。";
        }
        var profile = await db.ExpertProfiles.AsNoTracking().Where(p => p.UserId == expertUserId && p.User!.Role == Role.Expert)
            .Select(p => new { p.CityCode, p.User!.DisplayName }).FirstOrDefaultAsync();
        if (profile is null)
        {
            return "请选择专家库中的专家。";
        }
        if (await db.ExpertAssignments.AnyAsync(a => a.ApplicationId == application.Id && a.ExpertUserId == expertUserId))
        {
            return $"专家 {profile.DisplayName} 已指派到该申报，不能重复指派。";
        }
        var reason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        if (profile.CityCode != application.CityCode)
        {
            reason = null;
        }
        else if (reason is null)
        {
            return $"专家 {profile.DisplayName} 来自企业所在的设区市，按回避规则不能指派；确需指派的，请填写指派理由。";
        }
        else if (reason.Length > 500)
        {
            return "指派理由不能超过 500 字。";
        }
        db.ExpertAssignments.Add(new ExpertAssignment { ApplicationId = application.Id, ExpertUserId = expertUserId, AssignedAt = now, AssignedBy = userId, OverrideReason = reason });
        db.Record(now, userId, application.EnterpriseId, reason is null ? "expert.assigned" : "expert.assigned.override",
            $"application {application.Id}: expert {expertUserId}{(reason is null ? "" : $" 理由：{reason}")}");
        return null;
    }

    /// <summary>Removes an assignment before the site check is recorded; null when done (not yet saved), else why not.</summary>
    public static async Task<string?> RemoveAsync(AppDbContext db, ApplicationRecord application, int assignmentId, int userId, DateTime now)
    {
        var assignment = await db.ExpertAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId && a.ApplicationId == application.Id);
        if (assignment is null)
        {
            return "该专家未指派到该申报，或已被移除。";
        }
        if (await db.SiteChecks.AnyAsync(s => s.ApplicationId == application.Id))
        {
            return "该申报的现场核查已记录，不能再移除专家。";
        }
        db.ExpertAssignments.Remove(assignment);
        db.Record(now, userId, application.EnterpriseId, "expert.unassigned", $"application {application.Id}: expert {assignment.ExpertUserId}");
        return null;
    }

    /// <summary>The tier the application is for: its round's, or 先进级 for one made before rounds.</summary>
    public static Tier TierOf(AppDbContext db, ApplicationRecord application) =>
        application.RoundId is int round ? db.Rounds.Where(r => r.Id == round).Select(r => r.Tier).First() : Tier.Advanced;

    public static string? Warning(bool passed, int confirmedLevel, Tier tier) =>
        !passed ? "专家现场核查结论为“不通过”，应退回该申报。"
        : confirmedLevel < (int)tier ? $"按专家核定的场景等级重新计算，参考等级为{Tiers.ReferenceLevelName(confirmedLevel)}，低于申报的{tier.ChineseName()}，应退回该申报。"
        : null;

    /// <summary>
    /// Why the province may not pass the site check (hooked into <see cref="Applications.ApplicationCommands.Act"/>): no
    /// record yet, a failed check, or a recomputed level below the tier applied for (decision 026).
    /// </summary>
    public static string? PassRefusal(AppDbContext db, ApplicationRecord application)
    {
        var check = db.SiteChecks.AsNoTracking().Where(s => s.ApplicationId == application.Id).Select(s => new { s.Passed, s.ConfirmedLevel }).FirstOrDefault();
        if (check is null)
        {
            return "该申报尚未记录现场核查结果，不能“现场核查通过”：请先指派专家，待专家提交现场核查记录。";
        }
        return Warning(check.Passed, check.ConfirmedLevel, TierOf(db, application)) is { } warning ? $"不能“现场核查通过”：{warning}" : null;
    }

    /// <summary>The reference level (0 … 5) of a frozen submission graded again with the experts' tiers in place of the self-assessed ones.</summary>
    public static int ConfirmedLevel(AssessmentRecord submission, IReadOnlyDictionary<int, int> adjusted, EditionLibrary editions)
    {
        var ruleSet = Drafts.RuleSetOf(submission, editions);
        var assessment = Drafts.ToAssessment(submission, ruleSet);
        var ratings = assessment.Ratings.ToDictionary(r => r.Key, r => adjusted.TryGetValue(r.Key, out var level)
            ? new ScenarioRating(Tiers.FromOrdinal(level), level > 0 && r.Value.Ai)
            : r.Value);
        return Grader.ReferenceLevel(assessment with { Ratings = ratings }, editions.Catalog(submission.Edition)!, ruleSet).Ordinal();
    }

    /// <summary>The problems of a posted site check, in Chinese; empty when it can be recorded.</summary>
    public static List<string> Problems(AssessmentRecord submission, Catalog catalog, IReadOnlyList<FindingInput> findings, DateOnly? visitedOn, DateOnly today,
        string? members, string? opinion, bool? passed)
    {
        var problems = new List<string>();
        if (visitedOn is null)
        {
            problems.Add("请填写核查日期。");
        }
        else if (visitedOn > today)
        {
            problems.Add("核查日期不能晚于今天。");
        }
        if (string.IsNullOrWhiteSpace(members))
        {
            problems.Add("请填写核查组成员。");
        }
        else if (members.Trim().Length > 1000)
        {
            problems.Add("核查组成员不能超过 1000 字。");
        }
        if (string.IsNullOrWhiteSpace(opinion))
        {
            problems.Add("请填写核查意见。");
        }
        else if (opinion.Trim().Length > 4000)
        {
            problems.Add("核查意见不能超过 4000 字。");
        }
        if (passed is null)
        {
            problems.Add("请选择核查结论（通过或不通过）。");
        }
        var rated = submission.Ratings.ToDictionary(r => r.ScenarioNo);
        foreach (var f in findings)
        {
            if (!rated.TryGetValue(f.ScenarioNo, out var rating))
            {
                problems.Add($"场景 {f.ScenarioNo} 不在该申报所依据的自评估中。");
                continue;
            }
            if (f.AdjustedLevel is not int level || level == rating.Level)
            {
                continue;
            }
            var scenario = catalog.Find(f.ScenarioNo)!;
            if (level is < 0 or > Tiers.Count || (level > 0 && !scenario.IsDefined((Tier)level)))
            {
                problems.Add($"场景 {scenario.No}. {scenario.Name}：该场景没有“{(level is >= 0 and <= Tiers.Count ? Tiers.RatingName(level) : level.ToString())}”这一等级。");
            }
            else if (string.IsNullOrWhiteSpace(f.Reason))
            {
                problems.Add($"场景 {scenario.No}. {scenario.Name}：调整等级时必须填写理由。");
            }
            else if (f.Reason.Trim().Length > 1000)
            {
                problems.Add($"场景 {scenario.No}. {scenario.Name}：理由不能超过 1000 字。");
            }
        }
        if (findings.GroupBy(f => f.ScenarioNo).Any(g => g.Count() > 1))
        {
            problems.Add("同一场景只能有一条核查结果。");
        }
        return problems;
    }

    /// <summary>
    /// Records the site check with its findings for every rated scenario (an absent or unchanged one is confirmed) and
    /// its report, in one SaveChanges; null when recorded, else why not. The unique index on the application refuses a
    /// second record, however many experts submit at once.
    /// </summary>
    public static async Task<string?> RecordAsync(AppDbContext db, EditionLibrary editions, ApplicationRecord application, AssessmentRecord submission,
        IReadOnlyList<FindingInput> findings, DateOnly visitedOn, string members, string opinion, bool passed, CampaignFile report, int userId, DateTime now)
    {
        var given = findings.ToDictionary(f => f.ScenarioNo);
        var check = new SiteCheck
        {
            ApplicationId = application.Id, VisitedOn = visitedOn, Members = members.Trim(), Opinion = opinion.Trim(), Passed = passed,
            Report = report, RecordedAt = now, RecordedBy = userId,
        };
        foreach (var rating in submission.Ratings.OrderBy(r => r.ScenarioNo))
        {
            var adjusted = given.TryGetValue(rating.ScenarioNo, out var f) && f.AdjustedLevel is int level && level != rating.Level ? level : (int?)null;
            check.Findings.Add(new SiteCheckFinding { ScenarioNo = rating.ScenarioNo, AdjustedLevel = adjusted, Reason = adjusted is null ? null : f!.Reason!.Trim() });
        }
        check.ConfirmedLevel = ConfirmedLevel(submission, check.Findings.Where(x => x.AdjustedLevel is not null).ToDictionary(x => x.ScenarioNo, x => x.AdjustedLevel!.Value), editions);
        db.SiteChecks.Add(check);
        db.Record(now, userId, application.EnterpriseId, "sitecheck.recorded",
            $"application {application.Id}: {(passed ? "通过" : "不通过")}, 核定参考等级 {check.ConfirmedLevel}（自评 {submission.ReferenceLevel}），调整 {check.Findings.Count(x => x.AdjustedLevel is not null)} 个场景");
        try
        {
            await db.SaveChangesAsync();
            return null;
        }
        catch (DbUpdateException)
        {
            // UX on SiteChecks.ApplicationId: another expert's record came first, on this node or another. Without one
            // the failure was something else, and stays that error.
            db.ChangeTracker.Clear();
            if (await db.SiteChecks.AnyAsync(s => s.ApplicationId == application.Id))
            {
                return "该申报的现场核查记录已由其他专家提交，请刷新后查看。";
            }
            throw;
        }
    }

    /// <summary>The report as a campaign file with its bytes, to be saved with the record; the upload is checked first by <see cref="ReportProblemAsync"/>.</summary>
    public static async Task<CampaignFile> ReportAsync(IFormFile file, int userId, DateTime now)
    {
        var upload = await EvidenceStore.UploadAsync(file);
        return new CampaignFile
        {
            Purpose = ReportPurpose,
            FileName = upload.FileName,
            ContentType = upload.ContentType,
            Size = upload.Bytes.Length,
            Sha256 = upload.Sha256,
            UploadedAt = now,
            UploadedBy = userId,
            Content = new CampaignFileContent { Bytes = upload.Bytes },
        };
    }

    /// <summary>The bytes of a site-check report; null when the database lists it without them.</summary>
    public static Task<byte[]?> ReportBytesAsync(AppDbContext db, int fileId) =>
        db.CampaignFileContents.Where(c => c.CampaignFileId == fileId).Select(c => c.Bytes).FirstOrDefaultAsync<byte[]?>();

    private static readonly string[] ReportExtensions = [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx"];

    public const string ReportAccept = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx";

    /// <summary>Null when the report may be stored: a PDF or Office document within the evidence size limit whose content matches its extension.</summary>
    public static async Task<string?> ReportProblemAsync(EvidenceStore store, IFormFile? file)
    {
        if (file is null)
        {
            return "请上传现场核查报告（PDF 或 Office 文档）。";
        }
        if (!ReportExtensions.Contains(Path.GetExtension(file.FileName), StringComparer.OrdinalIgnoreCase))
        {
            return "现场核查报告只能是 PDF 或 Office 文档（Word、Excel、PowerPoint）。";
        }
        return await store.ProblemAsync(file) is { } problem ? $"现场核查报告：{problem}" : null;
    }

    /// <summary>A recorded site check with its findings beside the self-assessed tiers; null when none is recorded.</summary>
    public static async Task<SiteCheckView?> ViewAsync(AppDbContext db, EditionLibrary editions, ApplicationRecord application)
    {
        var check = await db.SiteChecks.AsNoTracking().Include(s => s.Findings).Include(s => s.Report)
            .FirstOrDefaultAsync(s => s.ApplicationId == application.Id);
        if (check is null)
        {
            return null;
        }
        var submission = await db.Assessments.AsNoTracking().Include(a => a.Ratings).SingleAsync(a => a.Id == application.AssessmentId);
        var catalog = editions.Catalog(submission.Edition)!;
        var self = submission.Ratings.ToDictionary(r => r.ScenarioNo, r => r.Level);
        var findings = check.Findings.OrderBy(f => f.ScenarioNo)
            .Select(f => new FindingRow(f.ScenarioNo, catalog.Find(f.ScenarioNo)?.Name ?? "", self.GetValueOrDefault(f.ScenarioNo), f.AdjustedLevel, f.Reason)).ToList();
        var by = await db.Users.Where(u => u.Id == check.RecordedBy).Select(u => u.DisplayName).FirstOrDefaultAsync() ?? "";
        return new SiteCheckView(check, findings, submission.ReferenceLevel, by, TierOf(db, application));
    }
}

/// <summary>The findings partial's model: the record, and where its report is served to the viewer (null: not to them).</summary>
public sealed record FindingsModel(SiteCheckView View, string? ReportUrl);
