using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Review;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>A submission of an enterprise in the official's division, as the enterprise sees it, with review flags.</summary>
public sealed class SubmissionModel(AppDbContext db, Regions regions, EditionLibrary editions) : OfficialPage(db, regions)
{
    public SubmissionView View { get; private set; } = null!;
    public IReadOnlyList<ConsistencyFlag> Flags { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Flags = await ReviewFlags.ForAsync(Db, View.Submission, editions);
        await AuditViewAsync(View.Submission.EnterpriseId, "submission.viewed", $"assessment {id}");
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await AuditViewAsync(View.Submission.EnterpriseId, "report.downloaded", $"assessment {id}");
        return File(SubmissionReport.Write(View, Regions), ReportsSetup.PdfType, $"自评估报告-{View.Submission.Enterprise!.Name}-{View.Submission.Year}.pdf");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await Db.Assessments.InScope(Me).AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Enterprise).Include(a => a.Result)
            .FirstOrDefaultAsync(a => a.Id == id && a.Status == AssessmentStatus.Submitted);
        if (found?.Result is null)
        {
            return false;
        }
        View = await SubmissionView.WithOriginsAsync(Db, found, editions);
        return true;
    }
}
