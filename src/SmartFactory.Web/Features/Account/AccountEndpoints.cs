using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SmartFactory.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>
    /// POST /Account/Logout, antiforgery-checked like every form post: checked here, because a minimal endpoint that
    /// binds no form is not rejected by the antiforgery middleware on its own.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/Account/Logout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        });
}
