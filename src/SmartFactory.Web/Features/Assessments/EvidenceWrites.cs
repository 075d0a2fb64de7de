using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// Adding and deleting a draft's evidence, for the pages and the API alike. Each write first updates the draft row, and
/// only while it is still a draft, in the same transaction as the file: an upload or a deletion racing the submission of
/// the same draft (on any node) changes nothing, so a submission's files stay as they were submitted. A file's record and
/// its bytes are written together, so a request that fails half way leaves neither without the other.
/// </summary>
public static class EvidenceWrites
{
    /// <summary>Checks and stores an upload; the problem, in Chinese, when it is refused (then nothing is written).</summary>
    public static async Task<(EvidenceFile? Added, string? Problem)> AddAsync(AppDbContext db, EvidenceStore store, AssessmentRecord draft,
        IFormFile? file, int? scenarioNo, string purpose, int userId, DateTime now)
    {
        if (file is null)
        {
            return (null, "请选择要上传的文件。");
        }
        if (await store.ProblemAsync(file) is { } problem)
        {
            return (null, problem);
        }
        var added = await store.ReadAsync(file, draft.Id, scenarioNo, purpose, userId, now);
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await TouchOpenAsync(db, draft.Id, userId, now))
        {
            return (null, RatingWrites.NoLongerOpen);
        }
        db.EvidenceFiles.Add(added);
        db.Record(now, userId, draft.EnterpriseId, "evidence.uploaded", scenarioNo is { } no ? $"scenario {no} {added.FileName}" : $"{purpose} {added.FileName}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return (added, null);
    }

    /// <summary>Deletes a file of the open draft; the problem when it is not one (a submission's file, or another draft's).</summary>
    public static async Task<string?> DeleteAsync(AppDbContext db, AssessmentRecord draft, int fileId, int userId, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (!await TouchOpenAsync(db, draft.Id, userId, now))
        {
            return RatingWrites.NoLongerOpen;
        }
        if (await db.EvidenceFiles.Where(f => f.Id == fileId && f.AssessmentId == draft.Id).Select(f => f.FileName).FirstOrDefaultAsync() is not { } name)
        {
            return NotInDraft;
        }
        // A carried file shares the submission's bytes (ContentFileId) and has none of its own to delete.
        await db.EvidenceContents.Where(c => c.EvidenceFileId == fileId).ExecuteDeleteAsync();
        await db.EvidenceFiles.Where(f => f.Id == fileId).ExecuteDeleteAsync();
        db.Record(now, userId, draft.EnterpriseId, "evidence.deleted", $"file {fileId} “{name}” · assessment {draft.Id}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return null;
    }

    public const string NotInDraft = "该文件不在当前草稿中，无法删除；已提交的自评估的材料不能删除。";

    private static async Task<bool> TouchOpenAsync(AppDbContext db, int draftId, int userId, DateTime now) =>
        await db.Assessments.Where(a => a.Id == draftId && a.Status == AssessmentStatus.Draft)
            .ExecuteUpdateAsync(a => a.SetProperty(x => x.UpdatedAt, now).SetProperty(x => x.UpdatedBy, userId)) > 0;
}
