using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>备案 in the official's division: the county acknowledges, the city and the province follow (decision 025).</summary>
public sealed class FilingsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public const int PageSize = 50;

    /// <summary>Everything filed, not only what waits for acknowledgment.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNo { get; set; } = 1;

    public sealed record Row(int Id, int EnterpriseId, string Enterprise, string CountyCode, int AssessmentId, int Level, DateTime FiledAt, DateTime? AcknowledgedAt);

    public List<Row> Rows { get; private set; } = [];
    public int Waiting { get; private set; }
    public int Total { get; private set; }
    public string? Done { get; private set; }

    public bool MayAcknowledge => Me.Level == OfficialLevel.County;

    public async Task OnGetAsync()
    {
        var inScope = Db.Filings.InScope(Me).AsNoTracking();
        Waiting = await inScope.CountAsync(f => f.AcknowledgedAt == null);
        var shown = All ? inScope : inScope.Where(f => f.AcknowledgedAt == null);
        Total = All ? await shown.CountAsync() : Waiting;
        PageNo = Math.Clamp(PageNo, 1, Math.Max(1, (Total + PageSize - 1) / PageSize));
        // Waiting: oldest first, as a queue; everything: the newest first.
        var ordered = All ? shown.OrderByDescending(f => f.FiledAt).ThenByDescending(f => f.Id) : shown.OrderBy(f => f.FiledAt).ThenBy(f => f.Id);
        Rows = await ordered.Skip((PageNo - 1) * PageSize).Take(PageSize)
            .Select(f => new Row(f.Id, f.EnterpriseId, f.Enterprise!.Name, f.CountyCode, f.AssessmentId, f.Level, f.FiledAt, f.AcknowledgedAt))
            .ToListAsync();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(int id)
    {
        var result = await Filings.AcknowledgeAsync(Db, Me, id, UserId, clock.GetUtcNow().UtcDateTime);
        if (result == Filings.Acknowledgement.NotFound)
        {
            return NotFound();
        }
        if (result == Filings.Acknowledgement.Done)
        {
            return Redirect("/Officials/Filings");
        }
        ModelState.AddModelError("", result == Filings.Acknowledgement.NotTheCounty ? "备案由企业所在区县确认，设区市和省只能查看。" : "该备案已被确认，无需重复确认。");
        await OnGetAsync();
        return Page();
    }

    public string PageLink(int page) => $"/Officials/Filings?p={page}" + (All ? "&All=true" : "");
}
