using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>Policy names, in one place; pages and folders are bound to them in <see cref="Auth.AddAuth"/>.</summary>
public static class Policies
{
    public const string Enterprise = nameof(Enterprise);
    public const string EnterpriseAdmin = nameof(EnterpriseAdmin);
}

public static class ClaimNames
{
    public const string Enterprise = "enterprise";
    public const string Stamp = "stamp";
}

public static class Auth
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.AccessDeniedPath = "/Error";
            o.Cookie.Name = "sf.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = ValidateStampAsync;
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Enterprise, p => p.RequireClaim(ClaimNames.Enterprise).RequireRole(nameof(Role.EnterpriseUser), nameof(Role.EnterpriseAdmin)))
            .AddPolicy(Policies.EnterpriseAdmin, p => p.RequireClaim(ClaimNames.Enterprise).RequireRole(nameof(Role.EnterpriseAdmin)));
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
    }

    /// <summary>Which page folders need which policy: the one place pages are bound to policies.</summary>
    public static void AuthorizePages(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions o)
    {
        o.Conventions.AuthorizeFolder("/Assessments", Policies.Enterprise);
        o.Conventions.AuthorizeFolder("/Team", Policies.EnterpriseAdmin);
        o.Conventions.AuthorizePage("/Account/Password");
    }

    public static ClaimsPrincipal Principal(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.Role.ToString()),
            new(ClaimNames.Stamp, user.SecurityStamp),
        };
        if (user.EnterpriseId is int enterprise)
        {
            claims.Add(new Claim(ClaimNames.Enterprise, enterprise.ToString()));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>Ends a session whose user changed password (or was removed) since it signed in.</summary>
    private static async Task ValidateStampAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.UserId();
        var stamp = context.Principal?.FindFirstValue(ClaimNames.Stamp);
        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var current = id is null ? null : await db.Users.Where(u => u.Id == id).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (current is null || current != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int? EnterpriseId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimNames.Enterprise), out var id) ? id : null;

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
