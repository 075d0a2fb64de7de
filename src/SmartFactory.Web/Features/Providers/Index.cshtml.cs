using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Providers;

/// <summary>A service provider's enterprises: those whose grant is in force; choosing one opens its draft.</summary>
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int EnterpriseId, string Name, string CreditCode, DateTime GrantedAt);

    public List<Row> Enterprises { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.UserId();
        Enterprises = await db.ProviderGrants.AsNoTracking().InForce()
            .Where(g => g.ProviderUserId == me)
            .Join(db.Enterprises, g => g.EnterpriseId, e => e.Id, (g, e) => new { e.Id, e.Name, e.CreditCode, g.GrantedAt })
            .OrderBy(r => r.Name) // before projecting to the record: EF cannot sort on a constructor argument
            .Select(r => new Row(r.Id, r.Name, r.CreditCode, r.GrantedAt)).ToListAsync();
    }

    public async Task<IActionResult> OnPostActAsync(int enterpriseId)
    {
        var me = await db.Users.SingleAsync(u => u.Id == User.UserId());
        if (!await db.ProviderGrants.InForce(me.Id, enterpriseId).AnyAsync())
        {
            return NotFound();
        }
        await Sessions.SignInAsync(HttpContext, db, me, actingFor: enterpriseId);
        return Redirect("/Assessments");
    }
}
