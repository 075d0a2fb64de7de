using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>Every submission of the enterprise, and the way to start the next round.</summary>
public sealed class HistoryModel(AppDbContext db, EditionLibrary editions, TimeProvider clock) : EnterprisePage(db)
{
    public sealed record Row(int Id, int Year, AssessmentStatus Status, DateTime UpdatedAt, DateTime? SubmittedAt, int? ReferenceLevel, double? Index);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var enterprise = EnterpriseId;
        Rows = await Db.Assessments.AsNoTracking()
            .Where(a => a.EnterpriseId == enterprise)
            .OrderByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.Year, a.Status, a.UpdatedAt, a.SubmittedAt, a.ReferenceLevel, a.Index))
            .ToListAsync();
    }

    /// <summary>Starts a new round as a draft copied from the last submission (or opens the draft already open).</summary>
    public async Task<IActionResult> OnPostNewRoundAsync()
    {
        await Drafts.GetOrStartAsync(Db, editions, EnterpriseId, UserId, clock.GetUtcNow().UtcDateTime);
        return Redirect("/Assessments");
    }
}
