using Microsoft.AspNetCore.Mvc;
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

    protected async Task LoadAsync()
    {
        Draft = await Drafts.GetOrStartAsync(Db, editions, EnterpriseId, UserId, Now);
        Catalog = editions.Catalog(Draft.Edition)!;
        Preview = Drafts.Grade(Draft, editions);
        RuleSetNotice = RuleSetNotice.For(Draft, editions, Preview);
    }

    /// <summary>The draft with its ratings only, untracked: what an autosave of one rating reads (see <see cref="RatingWrites"/>).</summary>
    protected async Task LoadForRatingAsync()
    {
        Draft = await RatingWrites.OpenDraftAsync(Db, editions, EnterpriseId, UserId, Now, withRatings: true);
        Catalog = editions.Catalog(Draft.Edition)!;
    }

    protected void Touch()
    {
        Draft.UpdatedAt = Now;
        Draft.UpdatedBy = UserId;
    }

    protected bool WantsJson => Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal);

    /// <summary>After a save: the new preview as JSON for the autosave script, or back to the page.</summary>
    protected IActionResult Saved(string anchor = "")
    {
        Preview = Drafts.Grade(Draft, editions);
        return WantsJson ? new JsonResult(PreviewBody("已保存")) : Redirect($"{Request.Path}{anchor}");
    }

    /// <summary>A refused save changes nothing: 400 with the reason for the script, or the page with the message.</summary>
    protected IActionResult Refused(string message)
    {
        if (WantsJson)
        {
            return new JsonResult(new { saved = false, message }) { StatusCode = StatusCodes.Status400BadRequest };
        }
        ModelState.AddModelError("", message);
        return Page();
    }

    /// <summary>Refused with a message per field: beside the field on the page (places are properties of <paramref name="model"/>).</summary>
    protected IActionResult Refused(IReadOnlyList<Problem> problems, string model)
    {
        if (WantsJson)
        {
            return Refused(string.Join(" ", problems.Select(p => p.Message)));
        }
        foreach (var problem in problems)
        {
            ModelState.AddModelError(problem.Place.Length == 0 ? "" : $"{model}.{problem.Place}", problem.Message);
        }
        return Page();
    }

    protected object PreviewBody(string message) => new
    {
        saved = true,
        message,
        rated = Draft.Ratings.Count,
        total = Catalog.Scenarios.Count,
        recommendedTier = Preview.RecommendedTier?.ChineseName() ?? "—",
        referenceLevel = Preview.ReferenceLevel.ReferenceLevelName(),
        index = Preview.Index.ToString("0.0"),
    };
}
