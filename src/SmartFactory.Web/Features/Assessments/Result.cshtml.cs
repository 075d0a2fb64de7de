using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>A submitted assessment's frozen result, and how it compares with its peers.</summary>
public sealed class ResultModel(AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) : EnterprisePage(db)
{
    public SubmissionView View { get; private set; } = null!;
    public PeerBenchmark? Peers { get; private set; }

    /// <summary>备案 of this submission, shown when the city requires it (decision 025).</summary>
    public Campaign.Filings.Status? Filing { get; private set; }

    /// <summary>The roadmap to the enterprise's own target, and its form (decision 031).</summary>
    public RoadmapSection Roadmap { get; private set; } = null!;

    /// <summary>What changed since the previous submission.</summary>
    public ChangesSection Changes { get; private set; } = null!;

    private int ThisYear => SmartFactory.Domain.BeijingTime.Today(clock.GetUtcNow().UtcDateTime).Year;

    public async Task<IActionResult> OnGetAsync(int id, string? saved = null)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Roadmap = await RoadmapSection.LoadAsync(Db, EnterpriseId, View, ThisYear, saved == "roadmap");
        return await ShowAsync(id);
    }

    /// <summary>POST ?handler=Roadmap: saves the target tier, year and cost estimates; a refusal shows the form again with its messages.</summary>
    public async Task<IActionResult> OnPostRoadmapAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var form = Request.Form.Where(f => f.Key != "__RequestVerificationToken").ToDictionary(f => f.Key, f => (string?)f.Value.ToString());
        var (saved, section) = await RoadmapSection.SaveAsync(Db, EnterpriseId, UserId, View, form, ThisYear, clock.GetUtcNow().UtcDateTime);
        if (saved)
        {
            return Redirect($"/Assessments/Result/{id}?saved=roadmap#roadmap");
        }
        Roadmap = section;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(id);
    }

    private async Task<IActionResult> ShowAsync(int id)
    {
        Changes = await ChangesSection.LoadAsync(Db, View, editions);
        Filing = await Campaign.Filings.StatusAsync(Db, EnterpriseId, id);
        Peers = await PeerBenchmark.ForAsync(Db, View.Submission, View.Catalog, View.RuleSet.MinimumPeers.Value);
        return Page();
    }

    /// <summary>GET ?handler=Pdf: the submission as a PDF report.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        var roadmap = (await RoadmapSection.LoadAsync(Db, EnterpriseId, View, ThisYear)).Roadmap;
        var changes = await ChangesSection.LoadAsync(Db, View, editions);
        return File(SubmissionReport.Write(View, regions, roadmap, changes), ReportsSetup.PdfType, $"自评估报告-{View.Submission.Enterprise!.Name}-{View.Submission.Year}.pdf");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Enterprise).Include(a => a.Result)
            .FirstOrDefaultAsync(a => a.Id == id && a.EnterpriseId == EnterpriseId && a.Status == AssessmentStatus.Submitted);
        if (found?.Result is null)
        {
            return false;
        }
        View = await SubmissionView.WithOriginsAsync(Db, found, editions);
        return true;
    }
}
