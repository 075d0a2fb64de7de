using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>Policy names, in one place; pages and folders are bound to them in <see cref="Auth.AuthorizePages"/>.</summary>
public static class Policies
{
    /// <summary>A user of an enterprise (its administrator or a colleague).</summary>
    public const string Enterprise = nameof(Enterprise);
    public const string EnterpriseAdmin = nameof(EnterpriseAdmin);

    /// <summary>May edit an enterprise's draft: its own users, or a service provider acting for it.</summary>
    public const string DraftEditor = nameof(DraftEditor);
    public const string Provider = nameof(Provider);

    /// <summary>A county, city or province official bound to a division.</summary>
    public const string Official = nameof(Official);
    public const string ProvinceOfficial = nameof(ProvinceOfficial);

    /// <summary>专家: sees only the applications the province assigned them (decision 026); no official, no enterprise.</summary>
    public const string Expert = nameof(Expert);

    /// <summary>A platform's machine client (decision 039): pushes issued results, and may do nothing else.</summary>
    public const string PlatformClient = nameof(PlatformClient);

    /// <summary>Loads, simulates, publishes and withdraws catalog editions and rule-set versions.</summary>
    public const string SystemAdmin = nameof(SystemAdmin);

    /// <summary>Unlocks accounts and revokes tokens.</summary>
    public const string SecurityAdmin = nameof(SecurityAdmin);

    /// <summary>Reads the audit log.</summary>
    public const string AuditAdmin = nameof(AuditAdmin);
}

public static class ClaimNames
{
    public const string Enterprise = "enterprise";
    public const string Acting = "acting";
    public const string Division = "division";
    public const string Stamp = "stamp";

    /// <summary>The <see cref="Data.Session"/> row the cookie belongs to.</summary>
    public const string Session = "sid";

    /// <summary>Added on each request (never stored) while the user's role requires a second factor the user has not set up.</summary>
    public const string MustEnrol = "must-enrol";

    /// <summary>
    /// In the cookie of a session opened through a second channel — an invitation, a reset link, a 两步验证设置链接, a
    /// temporary password, a registration (decision 046): only such a session may set up a second factor its role requires.
    /// </summary>
    public const string MayEnrol = "may-enrol";

    /// <summary>In the cookie of a sign-in with a temporary password (decision 033): only the password page opens until it is changed.</summary>
    public const string MustChangePassword = "must-change-password";
}

public static class Auth
{
    /// <summary>The short-lived cookie between a right password and the second factor: it names the user, and signs nobody in.</summary>
    public const string SecondFactorScheme = "SecondFactor";

    /// <summary>The security settings, validated, and the sealer of authenticator keys: what the nodes and the operator's commands share.</summary>
    public static OptionsBuilder<SecurityOptions> AddSecuritySettings(this IServiceCollection services)
    {
        services.AddSingleton<SecretSealer>();
        return services.AddOptions<SecurityOptions>().BindConfiguration("Security").ValidateDataAnnotations()
            .Validate(o => System.ComponentModel.DataAnnotations.Validator.TryValidateObject(o.LoginThrottle, new(o.LoginThrottle), null, validateAllProperties: true),
                "Security:LoginThrottle: a limit is out of range (see SecurityOptions).");
    }

    public static void AddAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSecuritySettings().ValidateOnStart();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.Cookie.Name = "sf.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = Sessions.CookieLifetime;
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = Sessions.ValidateAsync;
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized, context.RedirectUri);
            // The error page says "no permission" only when told the code; without it, it would report an unexpected error.
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden, "/Error?code=403");
        }).AddCookie(SecondFactorScheme, o =>
        {
            o.Cookie.Name = "sf.2fa";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.SlidingExpiration = false;
        }).AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Enterprise, p => p.RequireClaim(ClaimNames.Enterprise).RequireRole(nameof(Role.EnterpriseUser), nameof(Role.EnterpriseAdmin)))
            .AddPolicy(Policies.EnterpriseAdmin, p => p.RequireClaim(ClaimNames.Enterprise).RequireRole(nameof(Role.EnterpriseAdmin)))
            .AddPolicy(Policies.Provider, p => p.RequireRole(nameof(Role.ServiceProvider)))
            .AddPolicy(Policies.DraftEditor, p => p.RequireAssertion(c =>
                c.User.HasClaim(x => x.Type == ClaimNames.Enterprise) || (c.User.IsInRole(nameof(Role.ServiceProvider)) && c.User.HasClaim(x => x.Type == ClaimNames.Acting))))
            .AddPolicy(Policies.Official, p => p.RequireClaim(ClaimNames.Division).RequireRole(nameof(Role.CountyOfficial), nameof(Role.CityOfficial), nameof(Role.ProvinceOfficial)))
            .AddPolicy(Policies.ProvinceOfficial, p => p.RequireClaim(ClaimNames.Division).RequireRole(nameof(Role.ProvinceOfficial)))
            .AddPolicy(Policies.Expert, p => p.RequireRole(nameof(Role.Expert)))
            .AddPolicy(Policies.PlatformClient, p => p.RequireRole(nameof(Role.PlatformClient)))
            .AddPolicy(Policies.SystemAdmin, p => p.RequireRole(nameof(Role.SystemAdmin)))
            .AddPolicy(Policies.SecurityAdmin, p => p.RequireRole(nameof(Role.SecurityAdmin)))
            .AddPolicy(Policies.AuditAdmin, p => p.RequireRole(nameof(Role.AuditAdmin)));
        builder.Services.AddAntiforgery(o => o.HeaderName = "X-CSRF-TOKEN");
    }

    /// <summary>Which page folders need which policy: the one place pages are bound to policies.</summary>
    public static void AuthorizePages(this Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions o)
    {
        o.Conventions.AuthorizeFolder("/Assessments", Policies.DraftEditor);
        o.Conventions.AuthorizePage("/Assessments/Submit", Policies.Enterprise);
        o.Conventions.AuthorizePage("/Assessments/Apply", Policies.Enterprise);
        o.Conventions.AuthorizePage("/Assessments/Filing", Policies.Enterprise);
        o.Conventions.AuthorizePage("/Assessments/Certificate", Policies.Enterprise);
        o.Conventions.AuthorizeFolder("/Team", Policies.EnterpriseAdmin);
        o.Conventions.AuthorizeFolder("/Providers", Policies.Provider);
        o.Conventions.AuthorizeFolder("/Pool", Policies.Enterprise);
        o.Conventions.AuthorizeFolder("/Officials", Policies.Official);
        o.Conventions.AuthorizePage("/Officials/Targets", Policies.ProvinceOfficial);
        o.Conventions.AuthorizePage("/Campaign/Rounds", Policies.ProvinceOfficial);
        o.Conventions.AuthorizePage("/Campaign/Round", Policies.ProvinceOfficial);
        o.Conventions.AuthorizePage("/Officials/Experts", Policies.ProvinceOfficial);
        o.Conventions.AuthorizeFolder("/Experts", Policies.Expert);
        o.Conventions.AuthorizePage("/Officials/Publicity", Policies.ProvinceOfficial);
        o.Conventions.AuthorizePage("/Officials/Recoveries", Policies.ProvinceOfficial);
        o.Conventions.AuthorizeFolder("/Admin", Policies.SystemAdmin);
        o.Conventions.AuthorizeFolder("/Issued", Policies.ProvinceOfficial);
        o.Conventions.AuthorizeFolder("/Security", Policies.SecurityAdmin);
        o.Conventions.AuthorizeFolder("/Audit", Policies.AuditAdmin);
        o.Conventions.AuthorizePage("/Account/Password");
        o.Conventions.AuthorizePage("/Account/Tokens");
        o.Conventions.AuthorizePage("/Account/TwoFactor");
        o.Conventions.AuthorizeFolder("/Notices");
    }

    /// <summary>
    /// A user whose role requires a second factor and who has none works on nothing until it is set up: every page but the
    /// set-up page, logout and the error page redirects there — and only a session opened by a second channel gets this
    /// far (decision 046; <see cref="Sessions.ValidateAsync"/> ends any other, and the token handler refuses such a user's
    /// API tokens). So does a user signed in with a temporary password, to the password page (decision 033).
    /// </summary>
    public static void UseTwoFactorEnrolment(this WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value.SecretKey))
        {
            app.Logger.LogWarning("Security:SecretKey is not set: authenticator keys are sealed with the data-protection key ring, which a full copy of the database holds too (decision 041).");
        }
        app.Use(EnrolFirstAsync);
    }

    private static async Task EnrolFirstAsync(HttpContext http, RequestDelegate next)
    {
        // A temporary password is changed first; the second factor's set-up follows on the next request.
        var step = http.User.HasClaim(c => c.Type == ClaimNames.MustChangePassword) ? "/Account/Password"
            : http.User.HasClaim(c => c.Type == ClaimNames.MustEnrol) ? "/Account/TwoFactor" : null;
        if (step is null || http.Request.Path.StartsWithSegments(step)
            || http.Request.Path.StartsWithSegments("/Account/Logout") || http.Request.Path.StartsWithSegments("/Error"))
        {
            await next(http);
            return;
        }
        http.Response.Redirect(step);
    }

    /// <summary>The claims of a signed-in user; <paramref name="session"/> only for a cookie session.</summary>
    public static ClaimsPrincipal Principal(User user, int? actingFor = null, string? session = null, bool mustChangePassword = false, bool mayEnrol = false)
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
        if (user.DivisionCode is { } division)
        {
            claims.Add(new Claim(ClaimNames.Division, division));
        }
        if (actingFor is int acting)
        {
            claims.Add(new Claim(ClaimNames.Acting, acting.ToString()));
        }
        if (session is not null)
        {
            claims.Add(new Claim(ClaimNames.Session, session));
        }
        if (mustChangePassword)
        {
            claims.Add(new Claim(ClaimNames.MustChangePassword, "true"));
        }
        if (mayEnrol)
        {
            claims.Add(new Claim(ClaimNames.MayEnrol, "true"));
        }
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>
    /// The autosave script asks for JSON: it gets a status and a message it can show (a redirect to an HTML page would read
    /// as "保存失败"); an ordinary page request is redirected to <paramref name="page"/>.
    /// </summary>
    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status, string page)
    {
        if (context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new { saved = false, message = status == 401 ? "登录已失效，请重新登录后再修改（已保存的内容不会丢失）。" : "您没有权限执行该操作。" });
        }
        context.Response.Redirect(page);
        return Task.CompletedTask;
    }

    public static int? UserId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static int? EnterpriseId(this ClaimsPrincipal principal) =>
        int.TryParse(principal.FindFirstValue(ClaimNames.Enterprise), out var id) ? id : null;

    /// <summary>The enterprise whose data the user works on: their own, or the one a provider acts for while the grant lasts.</summary>
    public static async Task<int?> WorkingEnterpriseAsync(this HttpContext http, AppDbContext db)
    {
        if (http.User.EnterpriseId() is int own)
        {
            return own;
        }
        var userId = http.User.UserId();
        if (!http.User.IsInRole(nameof(Role.ServiceProvider)) || !int.TryParse(http.User.FindFirstValue(ClaimNames.Acting), out var acting))
        {
            return null;
        }
        var granted = await db.ProviderGrants.InForce(userId, acting).AnyAsync();
        return granted ? acting : null;
    }

    /// <summary>The official the user is, with the division they are bound to; null for anyone else.</summary>
    public static SmartFactory.Domain.Applications.Official? Official(this ClaimsPrincipal user)
    {
        var division = user.FindFirstValue(ClaimNames.Division);
        SmartFactory.Domain.Applications.OfficialLevel? level =
            user.IsInRole(nameof(Role.ProvinceOfficial)) ? SmartFactory.Domain.Applications.OfficialLevel.Province
            : user.IsInRole(nameof(Role.CityOfficial)) ? SmartFactory.Domain.Applications.OfficialLevel.City
            : user.IsInRole(nameof(Role.CountyOfficial)) ? SmartFactory.Domain.Applications.OfficialLevel.County
            : null;
        return division is null || level is null ? null : new SmartFactory.Domain.Applications.Official(level.Value, division);
    }

    public static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
