namespace SmartFactory.Web.Infrastructure;

public static class ErrorPages
{
    /// <summary>Errors as a Chinese page for people, as ProblemDetails under /api; never a stack trace.</summary>
    public static void UseErrorPages(this WebApplication app)
    {
        static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
    }
}
