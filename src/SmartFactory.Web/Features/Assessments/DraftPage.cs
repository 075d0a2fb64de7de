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

    protected bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    /// <summary>After a save: the new preview as JSON for the autosave script, or back to the page.</summary>
    protected IActionResult Saved(string anchor = "", object? file = null)
    {
        Preview = Drafts.Grade(Draft, editions);
        return WantsJson ? new JsonResult(PreviewBody("已保存", file)) : Redirect($"{Request.Path}{anchor}");
    }

    /// <summary>Adds an uploaded file to the draft (<see cref="EvidenceWrites.AddAsync"/>); the script gets it back to list it, without a reload.</summary>
    protected async Task<IActionResult> UploadAsync(EvidenceStore store, IFormFile? file, int? scenarioNo, string purpose, string anchor)
    {
        var (added, problem) = await EvidenceWrites.AddAsync(Db, store, Draft, file, scenarioNo, purpose, UserId, Now);
        return added is null
            ? Refused(problem!)
            : Saved(anchor, new { id = added.Id, name = added.FileName, kb = (added.Size + 1023) / 1024 });
    }

    /// <summary>Deletes a file of the open draft (<see cref="EvidenceWrites.DeleteAsync"/>), checked on the server, not by what the page lists.</summary>
    protected async Task<IActionResult> DeleteFileAsync(int id, string anchor)
    {
        if (await EvidenceWrites.DeleteAsync(Db, Draft, id, UserId, Now) is { } problem)
        {
            return Refused(problem);
        }
        if (Draft.Files.FirstOrDefault(f => f.Id == id) is { } file)
        {
            Db.Entry(file).State = EntityState.Detached;
            Draft.Files.Remove(file);
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
