using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Experts;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// The 现场核查 of one application (decision 026): the province assigns and removes experts here and opens the report; the
/// panel is shown on the application page, and here again with the problems when an assignment is refused.
/// </summary>
public sealed class SiteCheckModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public ApplicationRecord Application { get; private set; } = null!;
    public List<string> Problems { get; } = [];

    [BindProperty]
    public int? ExpertUserId { get; set; }

    [BindProperty]
    public string? OverrideReason { get; set; }

    [BindProperty]
    public int AssignmentId { get; set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "sitecheck.viewed", $"application {id}");
        return Page();
    }

    /// <summary>GET ?handler=Report: the experts' report, to the province only; anyone else gets 404.</summary>
    public async Task<IActionResult> OnGetReportAsync(int id)
    {
        if (Me.Level != OfficialLevel.Province || !await LoadAsync(id))
        {
            return NotFound();
        }
        var file = await Db.SiteChecks.Where(s => s.ApplicationId == id && s.Report != null).Select(s => s.Report!).FirstOrDefaultAsync();
        var bytes = file is null ? null : await SiteChecks.ReportBytesAsync(Db, file.Id);
        if (file is null || bytes is null)
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "sitecheck.report.downloaded", $"application {id}: file {file.Id}");
        return File(bytes, file.ContentType, file.FileName);
    }

    public Task<IActionResult> OnPostAssignAsync(int id) => ActAsync(id, (application, now) =>
        ExpertUserId is int expert ? SiteChecks.AssignAsync(Db, application, expert, OverrideReason, UserId, now) : Task.FromResult<string?>("请选择要指派的专家。"));

    public Task<IActionResult> OnPostRemoveAsync(int id) => ActAsync(id, (application, now) => SiteChecks.RemoveAsync(Db, application, AssignmentId, UserId, now));

    private async Task<IActionResult> ActAsync(int id, Func<ApplicationRecord, DateTime, Task<string?>> command)
    {
        if (Me.Level != OfficialLevel.Province || !await LoadAsync(id))
        {
            return NotFound();
        }
        var refusal = await command(Application, clock.GetUtcNow().UtcDateTime);
        if (refusal is null)
        {
            try
            {
                await Db.SaveChangesAsync();
                return Redirect($"/Officials/Application/{id}#site-check");
            }
            catch (DbUpdateException)
            {
                // UX_ExpertAssignments (application, expert): the same expert assigned twice at once, on any node.
                Db.ChangeTracker.Clear();
                refusal = "该专家刚刚已被指派到该申报，不能重复指派。";
            }
        }
        Problems.Add(refusal);
        return Page();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await Db.Applications.InScope(Me).AsNoTracking().Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == id);
        if (found is null)
        {
            return false;
        }
        Application = found;
        return true;
    }
}
