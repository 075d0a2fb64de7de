using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Server-side sessions (decision 021): every sign-in cookie names a <see cref="Session"/> row, and each request checks
/// the row and the user's security stamp in the database, so logging out, a password change or an idle limit ends the
/// session on every node at once. No cache: the check is the one indexed read the stamp check already was.
/// </summary>
public static class Sessions
{
    /// <summary>The cookie's own lifetime (sliding); a row unseen for longer than this and a day is cleared.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>How stale <see cref="Session.LastSeenAt"/> may be: one write a minute per active session, not one per request.</summary>
    public static readonly TimeSpan SeenPrecision = TimeSpan.FromMinutes(1);

    private sealed record State(int UserId, string Stamp, Role Role, bool TwoFactor, DateTime LastSeenAt);

    // Compiled once: every signed-in request runs it.
    private static readonly Compiled<string, State?> StateOf = new((db, id) =>
        db.Sessions.Where(s => s.Id == id)
            .Select(s => new State(s.UserId, s.User!.SecurityStamp, s.User.Role, s.User.TotpSecret != null, s.LastSeenAt))
            .FirstOrDefault());

    /// <summary>
    /// Signs <paramref name="user"/> in: on the request's own session when it already has one of this user (a provider
    /// switching enterprise, a password change), else on a new one. The one way pages start a cookie session.
    /// <paramref name="mayEnrol"/> when a second channel opened it (decision 046); the request's own session keeps what it had.
    /// </summary>
    public static async Task SignInAsync(HttpContext http, AppDbContext db, User user, int? actingFor = null, bool mayEnrol = false)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var id = http.User.UserId() == user.Id ? http.User.FindFirstValue(ClaimNames.Session) : null;
        if (id is not null && await db.Sessions.AnyAsync(s => s.Id == id && s.UserId == user.Id))
        {
            mayEnrol |= http.User.HasClaim(c => c.Type == ClaimNames.MayEnrol);
        }
        else
        {
            id = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
            db.Sessions.Add(new Session { Id = id, UserId = user.Id, CreatedAt = now, LastSeenAt = now });
            await db.SaveChangesAsync();
            var stale = now - CookieLifetime - TimeSpan.FromDays(1);
            using var writer = await db.OneWriterAsync();
            await db.Sessions.Where(s => s.LastSeenAt < stale).ExecuteDeleteAsync();
        }
        // Read at sign-in, not per request: setting a temporary password ends every session, so none can predate it.
        var mustChange = await Features.Account.PasswordResets.MustChangeAsync(db, user.Id);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Auth.Principal(user, actingFor, id, mustChange, mayEnrol));
    }

    /// <summary>Ends the request's session: its row goes, so the cookie is refused wherever it is shown again.</summary>
    public static async Task SignOutAsync(HttpContext http, AppDbContext db)
    {
        if (http.User.FindFirstValue(ClaimNames.Session) is { } id)
        {
            using var writer = await db.OneWriterAsync();
            await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync();
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends every session of the user but <paramref name="keep"/> (the one that changed the password).</summary>
    public static async Task EndOthersAsync(AppDbContext db, int userId, string? keep)
    {
        using var writer = await db.OneWriterAsync();
        await db.Sessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync();
    }

    /// <summary>
    /// The cookie events' check on every request: the session exists, the stamp is the user's current one, and a role with
    /// an idle limit was last seen within it. A user whose role requires a second factor and who has none yet keeps only a
    /// session a second channel opened (<see cref="ClaimNames.MayEnrol"/>; one from before the requirement was turned on
    /// ends here), and gets the <see cref="ClaimNames.MustEnrol"/> claim, which sends every page to the set-up page.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var services = context.HttpContext.RequestServices;
        var id = principal?.FindFirstValue(ClaimNames.Session);
        var userId = principal?.UserId();
        var db = services.GetRequiredService<AppDbContext>();
        var state = id is null ? null : await StateOf.RunAsync(db, id);
        if (state?.UserId != userId)
        {
            state = null;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var options = services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var idle = state is not null && options.IdleTimeoutFor.Contains(state.Role) && now - state.LastSeenAt > options.IdleTimeout;
        var mustEnrol = state is not null && options.MustEnrol(state.Role, state.TwoFactor);
        var enrolmentClosed = mustEnrol && !principal!.HasClaim(c => c.Type == ClaimNames.MayEnrol);
        if (state is null || state.Stamp != principal!.FindFirstValue(ClaimNames.Stamp) || idle || enrolmentClosed)
        {
            if (idle || enrolmentClosed)
            {
                using var writer = await db.OneWriterAsync();
                await db.Sessions.Where(s => s.Id == id).ExecuteDeleteAsync();
            }
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        if (now - state.LastSeenAt >= SeenPrecision)
        {
            // Conditional, so that of the concurrent requests of one session only one writes.
            var seen = state.LastSeenAt;
            using var writer = await db.OneWriterAsync();
            await db.Sessions.Where(s => s.Id == id && s.LastSeenAt == seen).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now));
        }
        if (mustEnrol)
        {
            ((ClaimsIdentity)principal!.Identity!).AddClaim(new Claim(ClaimNames.MustEnrol, "true"));
        }
    }
}
