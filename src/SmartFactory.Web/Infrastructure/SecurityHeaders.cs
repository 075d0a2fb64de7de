namespace SmartFactory.Web.Infrastructure;

public static class SecurityHeaders
{
    /// <summary>
    /// Pages answer GET, HEAD and POST only. Razor Pages would otherwise run a page for any method without a handler of its
    /// own — TRACE and OPTIONS, which antiforgery lets through as safe, rendered the page without its OnGet (a 500).
    /// </summary>
    public static void AnswerOnlyPageMethods(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions o) =>
        o.Conventions.AddFolderApplicationModelConvention("/", page => page.EndpointMetadata.Add(new HttpMethodMetadata(["GET", "HEAD", "POST"])));

    /// <summary>Conservative headers for every response: no framing, no sniffing, scripts and styles from this site only.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // The API reference page (Scalar) needs its own inline configuration script and styles.
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference")
            ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; font-src 'self' data:; frame-ancestors 'none'"
            : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
        await next();
    });
}

public static class PrivateResponses
{
    /// <summary>
    /// Placed after the static files: every response past them — pages, PDFs, evidence, exports, API JSON — may be
    /// someone's private data, so no browser or proxy cache may keep it (decision 020). Set as the response starts, so a
    /// re-executed error page and a file result carry it too.
    /// </summary>
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
