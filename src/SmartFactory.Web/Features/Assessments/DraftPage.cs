using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// What the pages that edit a draft share: the draft of the signed-in user's enterprise (never another's),
/// its live grade, and the answer to an autosave (JSON for the script, a redirect without it).
/// </summary>
public abstract class DraftPage(AppDbContext db, EditionLibrary editions, TimeProvider clock) : EnterprisePage(db)
{
    protected EditionLibrary Editions => editions;
    protected DateTime Now => clock.GetUtcNow().UtcDateTime;

    public AssessmentRecord Draft { get; private set; } = null!;
    public Catalog Catalog { get; private set; } = null!;
    public GradeResult Preview { get; private set; } = null!;

    /// <summary>What a rule change since the enterprise last looked did to this draft; null when nothing changed.</summary>
    public RuleSetNotice? RuleSetNotice { get; private set; }

    /// <summary>
    /// Loads the open draft (the first one is started unasked); false once the enterprise has submitted and not started the
    /// next round, which only the user does (<see cref="NoDraft"/>).
    /// </summary>
    protected async Task<bool> LoadAsync()
    {
        if (await Drafts.FindOrStartFirstAsync(Db, editions, EnterpriseId, UserId, Now) is not { } draft)
        {
            return false;
        }
        Draft = draft;
        Catalog = editions.Catalog(Draft.Edition)!;
        Preview = Drafts.Grade(Draft, editions);
        RuleSetNotice = RuleSetNotice.For(Draft, editions, Preview);
        return true;
    }

    /// <summary>The draft with its ratings only, untracked: what an autosave of one rating reads (see <see cref="RatingWrites"/>).</summary>
    protected async Task<bool> LoadForRatingAsync()
    {
        if ((await RatingWrites.FindDraftAsync(Db, EnterpriseId, withRatings: true) ?? await Drafts.FindOrStartFirstAsync(Db, editions, EnterpriseId, UserId, Now)) is not { } draft)
        {
            return false;
        }
        Draft = draft;
        Catalog = editions.Catalog(Draft.Edition)!;
        return true;
    }

    /// <summary>
    /// No open draft since the last submission: an edit from a page opened before it is refused (it would otherwise start
    /// a pre-filled draft nobody asked for); a page goes to the overview, which says what was submitted.
    /// </summary>
    protected IActionResult NoDraft() => WantsJson
        ? new JsonResult(new { saved = false, message = RatingWrites.NoLongerOpen }) { StatusCode = StatusCodes.Status409Conflict }
        : Redirect("/Assessments");

    protected void Touch()
    {
        Draft.UpdatedAt = Now;
        Draft.UpdatedBy = UserId;
    }

    protected bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    /// <summary>After a save: the new preview as JSON for the autosave script, or back to the page.</summary>
    protected IActionResult Saved(string anchor = "", object? file = null)
    {
        Preview = Drafts.Grade(Draft, editions);
        return WantsJson ? new JsonResult(PreviewBody("已保存", file)) : Redirect($"{Request.Path}{anchor}");
    }

    /// <summary>Adds an uploaded file to the draft; the script gets it back to list it, without a reload.</summary>
    protected async Task<IActionResult> UploadAsync(EvidenceStore store, IFormFile? file, int? scenarioNo, string purpose, string anchor)
    {
        if (file is null)
        {
            return Refused("请选择要上传的文件。");
        }
        if (await store.ProblemAsync(file) is { } problem)
        {
            return Refused(problem);
        }
        var added = await store.ReadAsync(file, Draft.Id, scenarioNo, purpose, UserId, Now);
        Draft.Files.Add(added);
        Db.Record(Now, UserId, EnterpriseId, "evidence.uploaded", scenarioNo is { } no ? $"scenario {no} {added.FileName}" : $"{purpose} {added.FileName}");
        Touch();
        await Db.SaveChangesAsync();
        return Saved(anchor, new { id = added.Id, name = added.FileName, kb = (added.Size + 1023) / 1024 });
    }

    /// <summary>
    /// Deletes a file of the open draft. Checked on the server: a file of a submission is not in the draft, and a draft
    /// submitted meanwhile (on any node) is no longer open, so its files stay as they were submitted.
    /// </summary>
    protected async Task<IActionResult> DeleteFileAsync(int id, string anchor)
    {
        if (Draft.Files.FirstOrDefault(f => f.Id == id) is not { } file)
        {
            return Refused("该文件不在当前草稿中，无法删除；已提交的自评估的材料不能删除。");
        }
        using (var writer = await Db.OneWriterAsync())
        {
            await using var transaction = await Db.Database.BeginTransactionAsync();
            var open = await Db.Assessments.Where(a => a.Id == Draft.Id && a.Status == AssessmentStatus.Draft)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.UpdatedAt, Now).SetProperty(x => x.UpdatedBy, UserId));
            if (open == 0)
            {
                return Refused(RatingWrites.NoLongerOpen);
            }
            // A carried file shares the submission's bytes (ContentFileId) and has none of its own to delete.
            await Db.EvidenceContents.Where(c => c.EvidenceFileId == id).ExecuteDeleteAsync();
            await Db.EvidenceFiles.Where(f => f.Id == id).ExecuteDeleteAsync();
            Db.Entry(file).State = EntityState.Detached;
            Draft.Files.Remove(file);
            Db.Record(Now, UserId, EnterpriseId, "evidence.deleted", $"file {id} “{file.FileName}” · assessment {Draft.Id}");
            await Db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        return Saved(anchor);
    }

    /// <summary>A refused save changes nothing: 400 with the reason for the script, or the page with the message.</summary>
    protected IActionResult Refused(string message)
    {
        if (WantsJson)
        {
            return new JsonResult(new { saved = false, message }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        ModelState.AddModelError("", message);
        ShowSaved();
        return Page();
    }

    /// <summary>Before a refused upload or delete shows the page again: the forms show what is saved.</summary>
    protected virtual void ShowSaved()
    {
    }

    /// <summary>
    /// Refused with a message per field: beside the field on the page, and named by its form field for the script
    /// (places are properties of <paramref name="model"/>).
    /// </summary>
    protected IActionResult Refused(IReadOnlyList<Problem> problems, string model)
    {
        if (WantsJson)
        {
            var fields = problems.Select(p => new { field = p.Place.Length == 0 ? "" : $"{model}.{p.Place}", message = p.Message });
            return new JsonResult(new { saved = false, message = string.Join(" ", problems.Select(p => p.Message)), problems = fields }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Place.Length == 0 ? "" : $"{model}.{problem.Place}", problem.Message);
        }
        return Page();
    }

    protected object PreviewBody(string message, object? file = null) => new
    {
        saved = true,
        message,
        file,
        rated = Draft.Ratings.Count,
        total = Catalog.Scenarios.Count,
        recommendedTier = Preview.RecommendedTier?.ChineseName() ?? "—",
        referenceLevel = Preview.ReferenceLevel.ReferenceLevelName(),
        index = Preview.Index.ToString("0.0"),
    };
}
