using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Experts;

/// <summary>
/// A page for an expert (专家): the Expert policy guarantees the role. Every query starts from <see cref="Assigned"/>,
/// so an expert reaches no application, submission or file but those of the applications assigned to them (decision 026).
/// </summary>
public abstract class ExpertPage(AppDbContext db) : PageModel
{
    protected AppDbContext Db => db;

    protected int UserId => User.UserId()!.Value;

    /// <summary>The applications the province assigned to this expert.</summary>
    protected IQueryable<ApplicationRecord> Assigned =>
        db.Applications.Where(a => db.ExpertAssignments.Any(x => x.ApplicationId == a.Id && x.ExpertUserId == UserId));

    /// <summary>Records that this expert opened or downloaded something of an enterprise, as officials' views are.</summary>
    protected Task AuditViewAsync(int enterpriseId, string action, string? detail = null) =>
        db.RecordViewAsync(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, UserId, enterpriseId, action, detail);

    protected Task<ApplicationRecord?> FindAsync(int id) =>
        Assigned.AsNoTracking().Include(a => a.Enterprise).FirstOrDefaultAsync(a => a.Id == id);
}
