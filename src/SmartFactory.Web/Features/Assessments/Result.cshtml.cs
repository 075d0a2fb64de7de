using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>A submitted assessment's frozen result, and how it compares with its peers.</summary>
public sealed class ResultModel(AppDbContext db, EditionLibrary editions, Regions regions) : EnterprisePage(db)
{
    public SubmissionView View { get; private set; } = null!;
    public PeerBenchmark? Peers { get; private set; }

    /// <summary>备案 of this submission, shown when the city requires it (decision 025).</summary>
    public Campaign.Filings.Status? Filing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Filing = await Campaign.Filings.StatusAsync(Db, EnterpriseId, id);
        Peers = await PeerBenchmark.ForAsync(Db, View.Submission, View.Catalog, View.RuleSet.MinimumPeers.Value);
        return Page();
    }

    /// <summary>GET ?handler=Pdf: the submission as a PDF report.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id) => await LoadAsync(id)
        ? File(SubmissionReport.Write(View, regions), ReportsSetup.PdfType, $"自评估报告-{View.Submission.Enterprise!.Name}-{View.Submission.Year}.pdf")
        : NotFound();

    private async Task<bool> LoadAsync(int id)
    {
        var found = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Enterprise).Include(a => a.Result)
            .FirstOrDefaultAsync(a => a.Id == id && a.EnterpriseId == EnterpriseId && a.Status == AssessmentStatus.Submitted);
        if (found?.Result is null)
        {
            return false;
        }
        View = SubmissionView.Of(found, editions);
        return true;
    }
}
