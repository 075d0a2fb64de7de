using Microsoft.AspNetCore.Mvc;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>备案: the enterprise files its latest 智能车间/基础级 submission where its city requires it (decision 025).</summary>
public sealed class FilingModel(AppDbContext db, TimeProvider clock) : EnterprisePage(db)
{
    public Filings.Status? Latest { get; private set; }

    /// <summary>The submission filed; the form sends the one it showed, so a submission made meanwhile is not filed unseen.</summary>
    [BindProperty]
    public int AssessmentId { get; set; }

    public async Task OnGetAsync() => Latest = await Filings.LatestAsync(Db, EnterpriseId);

    public async Task<IActionResult> OnPostAsync()
    {
        if (await Filings.FileAsync(Db, EnterpriseId, AssessmentId, UserId, clock.GetUtcNow().UtcDateTime) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            await OnGetAsync();
            return Page();
        }
        return Redirect("/Assessments/Filing");
    }
}
