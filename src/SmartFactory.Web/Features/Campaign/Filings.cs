using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>
/// 备案 (issue 13 part 7, decision 025): where its city requires it, an enterprise files its latest submission when
/// that reaches 智能车间 or 基础级 — the self-declared tiers — and its county acknowledges it. One filing per
/// submission (the unique index), so a newer submission is filed again.
/// </summary>
public static class Filings
{
    /// <summary>The reference levels that are self-declared and so filed: 智能车间 (1) and 基础级 (2).</summary>
    public static bool IsFiledLevel(int? level) => level is 1 or 2;

    /// <summary>What the enterprise's pages show about 备案 for one of its submissions.</summary>
    public sealed record Status(int AssessmentId, int? Level, bool IsLatest, bool CityRequires, DateTime? FiledAt, DateTime? AcknowledgedAt)
    {
        /// <summary>Null when the submission may be filed now, else why not, in Chinese.</summary>
        public string? Refusal => this switch
        {
            { FiledAt: { } at } => $"该次提交已于 {BeijingTime.Of(at):yyyy-MM-dd HH:mm} 备案，不能重复备案。",
            { CityRequires: false } => "所在设区市未要求备案，无需备案。",
            { IsLatest: false } => "只能备案最近一次提交的自评估结果。",
            _ when !IsFiledLevel(Level) => $"参考等级为{Tiers.ReferenceLevelName(Level)}：只有自评为智能车间或基础级的结果需要备案。",
            _ => null,
        };

        /// <summary>Whether the pages mention 备案 at all: the city requires it and the level is one that is filed, or it was filed.</summary>
        public bool Concerns => FiledAt is not null || CityRequires && IsFiledLevel(Level);
    }

    /// <summary>The status of the enterprise's submission <paramref name="assessmentId"/>; null when it is not a submission of this enterprise.</summary>
    public static Task<Status?> StatusAsync(AppDbContext db, int enterpriseId, int assessmentId) =>
        db.Assessments.AsNoTracking()
            .Where(a => a.Id == assessmentId && a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Submitted)
            .Select(a => new Status(a.Id, a.ReferenceLevel, a.IsLatest,
                db.CitySettings.Any(c => c.CityCode == a.Enterprise!.CityCode && c.RequiresFiling),
                db.Filings.Where(f => f.AssessmentId == a.Id).Select(f => (DateTime?)f.FiledAt).FirstOrDefault(),
                db.Filings.Where(f => f.AssessmentId == a.Id).Select(f => f.AcknowledgedAt).FirstOrDefault()))
            .FirstOrDefaultAsync();

    /// <summary>The enterprise's latest submission's status; null when it has submitted nothing.</summary>
    public static async Task<Status?> LatestAsync(AppDbContext db, int enterpriseId) =>
        await db.Assessments.Where(a => a.EnterpriseId == enterpriseId && a.IsLatest).Select(a => (int?)a.Id).FirstOrDefaultAsync() is int id
            ? await StatusAsync(db, enterpriseId, id)
            : null;

    /// <summary>Files the submission; null when done, else why not. Two requests at once: the unique index lets one through.</summary>
    public static async Task<string?> FileAsync(AppDbContext db, int enterpriseId, int assessmentId, int userId, DateTime now)
    {
        if (await StatusAsync(db, enterpriseId, assessmentId) is not { } status)
        {
            return "未找到该次提交。";
        }
        if (status.Refusal is { } refusal)
        {
            return refusal;
        }
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseId);
        db.Filings.Add(new Filing
        {
            EnterpriseId = enterpriseId, AssessmentId = assessmentId, Level = status.Level!.Value,
            CountyCode = enterprise.CountyCode, CityCode = enterprise.CityCode, FiledAt = now, FiledBy = userId,
        });
        db.Record(now, userId, enterpriseId, "filing.filed", $"assessment {assessmentId} level {status.Level}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return "该次提交刚刚已备案，不能重复备案。";
        }
        return null;
    }

    public enum Acknowledgement { Done, NotFound, AlreadyAcknowledged, NotTheCounty }

    /// <summary>
    /// The county acknowledges a filing of its county. A conditional update: of two officials at once, one acknowledges
    /// and the other is told it is done. A filing outside the official's scope is not found.
    /// </summary>
    public static async Task<Acknowledgement> AcknowledgeAsync(AppDbContext db, Official me, int filingId, int userId, DateTime now)
    {
        var filing = await db.Filings.InScope(me).AsNoTracking().Where(f => f.Id == filingId).Select(f => new { f.EnterpriseId, f.AssessmentId }).FirstOrDefaultAsync();
        if (filing is null)
        {
            return Acknowledgement.NotFound;
        }
        if (me.Level != OfficialLevel.County)
        {
            return Acknowledgement.NotTheCounty;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changed = await db.Filings.Where(f => f.Id == filingId && f.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AcknowledgedAt, now).SetProperty(f => f.AcknowledgedBy, userId));
        if (changed == 0)
        {
            return Acknowledgement.AlreadyAcknowledged;
        }
        db.Record(now, userId, filing.EnterpriseId, "filing.acknowledged", $"filing {filingId} assessment {filing.AssessmentId}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return Acknowledgement.Done;
    }

    /// <summary>Turns the city's requirement on or off; the caller has checked the city is the official's to set.</summary>
    public static async Task SetRequirementAsync(AppDbContext db, string cityCode, bool requires, int userId, DateTime now)
    {
        var setting = await db.CitySettings.FirstOrDefaultAsync(c => c.CityCode == cityCode);
        if (setting is null)
        {
            setting = new CitySetting { CityCode = cityCode };
            db.CitySettings.Add(setting);
        }
        (setting.RequiresFiling, setting.UpdatedAt, setting.UpdatedBy) = (requires, now, userId);
        db.Record(now, userId, null, "city-setting.changed", $"{cityCode} requires-filing {(requires ? "on" : "off")}");
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another official added the city's row at the same moment: write over it, as the later of the two.
            db.ChangeTracker.Clear();
            await db.CitySettings.Where(c => c.CityCode == cityCode)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.RequiresFiling, requires).SetProperty(c => c.UpdatedAt, now).SetProperty(c => c.UpdatedBy, userId));
            db.Record(now, userId, null, "city-setting.changed", $"{cityCode} requires-filing {(requires ? "on" : "off")}");
            await db.SaveChangesAsync();
        }
    }
}
