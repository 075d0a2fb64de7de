using Microsoft.AspNetCore.Antiforgery;

namespace SmartFactory.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// POST /Account/Logout, antiforgery-checked like every form post: checked here, because a minimal endpoint that
    /// binds no form is not rejected by the antiforgery middleware on its own.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (HttpContext http, IAntiforgery antiforgery, SmartFactory.Web.Data.AppDbContext db) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }
            await SmartFactory.Web.Infrastructure.Sessions.SignOutAsync(http, db);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
}
