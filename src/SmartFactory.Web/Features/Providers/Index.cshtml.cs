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

    /// <summary>Acts for the enterprise; without one (the banner's 结束代填), acts for none and comes back to this list.</summary>
    public async Task<IActionResult> OnPostActAsync(int? enterpriseId)
    {
        if (!ModelState.IsValid)
        {
            return NotFound();
        }
        var me = await db.Users.SingleAsync(u => u.Id == User.UserId());
        if (enterpriseId is not int enterprise)
        {
            await Sessions.SignInAsync(HttpContext, db, me);
            return Redirect("/Providers");
        }
        if (!await db.ProviderGrants.InForce(me.Id, enterprise).AnyAsync())
        {
            return NotFound();
        }
        await Sessions.SignInAsync(HttpContext, db, me, actingFor: enterprise);
        return Redirect("/Assessments");
    }
}
