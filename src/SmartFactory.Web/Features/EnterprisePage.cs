using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features;

/// <summary>
/// A page about the enterprise the user works on — their own, or the one a service provider acts for.
/// Resolved before any handler runs; a revoked grant gets 403, so no handler can reach another enterprise.
/// </summary>
public abstract class EnterprisePage(AppDbContext db) : PageModel
{
    protected AppDbContext Db => db;
    protected int EnterpriseId { get; private set; }
    protected int UserId => User.UserId()!.Value;
    public bool IsProvider => User.IsInRole(nameof(Role.ServiceProvider));

    // Not a handler: Razor Pages would otherwise take any public On… method for one and run it for "PAGE ?handler=HandlerExecution".
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (await HttpContext.WorkingEnterpriseAsync(db) is not int enterprise)
        {
            context.Result = new ForbidResult();
            return;
        }
        EnterpriseId = enterprise;
        await next();
    }
}
