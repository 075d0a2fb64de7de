using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Providers;

/// <summary>
/// "正在代 XX 填报" on every page while a provider acts for an enterprise: the enterprise is the one
/// <see cref="Auth.WorkingEnterpriseAsync"/> resolves (so a revoked grant shows no name), with the way back to the provider's own list.
/// </summary>
public sealed class ActingBannerViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!HttpContext.User.IsInRole(nameof(Role.ServiceProvider)) || !HttpContext.User.HasClaim(c => c.Type == ClaimNames.Acting))
        {
            return Content("");
        }
        try
        {
            var name = await HttpContext.WorkingEnterpriseAsync(db) is int id
                ? await db.Enterprises.Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync(HttpContext.RequestAborted)
                : null;
            return View("/Features/Providers/_ActingBanner.cshtml", name);
        }
        catch (System.Data.Common.DbException)
        {
            return Content(""); // the database is away: the page (often the error page saying so) is shown without the banner
        }
    }
}
