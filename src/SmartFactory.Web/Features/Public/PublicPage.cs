using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Public;

/// <summary>
/// A page anyone may open without signing in (certificate verification, 公示), so it shows only what is public by
/// design. Counted per client address like anonymous grading (RateLimits:PublicPagePerMinute): a 429 past the limit.
/// </summary>
[AllowAnonymous]
public abstract class PublicPage(AppDbContext db) : PageModel
{
    protected AppDbContext Db => db;

    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var services = HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var count = await RateLimits.CountAsync(db, $"public:{Network.ClientAddress(HttpContext)}", now, 60);
        if (count > services.GetRequiredService<IOptions<RateLimits.Options>>().Value.PublicPagePerMinute)
        {
            Response.Headers.RetryAfter = "60";
            context.Result = new StatusCodeResult(StatusCodes.Status429TooManyRequests);
            return;
        }
        await next();
    }
}
