using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>The rules for a login, shared by every page that creates an account or looks one up.</summary>
public static class Logins
{
    public const string Pattern = @"^([^@\s]+@[^@\s]+\.[^@\s]+|1[3-9][0-9]{9})$";
    public const string Rule = "登录账号应为邮箱或 11 位手机号。";

    /// <summary>For the operator's command line, which may say so.</summary>
    public const string Taken = "该登录账号已被使用。";

    /// <summary>
    /// What pages say of a login they cannot use. It does not say why: that the login belongs to someone is what an
    /// attacker collects logins with (decision 021).
    /// </summary>
    public const string Unavailable = "无法使用该登录账号，请换一个。如果您本人已有账号，请直接登录。";

    public const string TooManyChecks = "操作过于频繁，请稍后再试。";

    /// <summary>Logins are compared trimmed and in lower case; a field left empty binds as null, and stays empty here for [Required] to report.</summary>
    public static string Normalize(string? login) => (login ?? "").Trim().ToLowerInvariant();

    /// <summary>Why a new account cannot have this (normalised) login, or null: every kind of account shares one namespace of logins.</summary>
    public static async Task<string?> TakenAsync(AppDbContext db, string login) =>
        await db.Users.AnyAsync(u => u.Login == login) ? Taken : null;

    /// <summary>
    /// Why a page cannot create an account with this login, or null. Each check is counted (per inviting user, or per
    /// client address for a registration) and refused past the limit with the same answer for any login, so logins
    /// cannot be collected through the registration and invitation forms faster than through the login page.
    /// </summary>
    public static async Task<string?> UnavailableAsync(HttpContext http, AppDbContext db, string login)
    {
        var throttle = http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginThrottle;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var key = http.User.UserId() is int user ? $"login-check:user:{user}" : $"login-check:{Network.ClientAddress(http)}";
        if (await RateLimits.CountAsync(db, key, now, (long)throttle.Window.TotalSeconds) > throttle.LoginChecksPerAddress)
        {
            return TooManyChecks;
        }
        return await db.Users.AnyAsync(u => u.Login == login) ? Unavailable : null;
    }
}

/// <summary>The password rule, shared by registration, invitations and the password page.</summary>
public static class Passwords
{
    public const string Pattern = @"^(?=.*[A-Za-z])(?=.*[0-9]).{8,64}$";
    public const string Rule = "密码至少 8 位，且同时包含字母和数字。";

    /// <summary>
    /// Sets a new password, and ends what the old one opened: the user's other sessions and every API token (made while
    /// whoever knew the old password could sign in). Revokes first, so that a failure half way leaves less open, not
    /// more. Every open reset link and temporary password of the user is closed too (decision 033). Returns how many
    /// tokens were revoked; the caller saves the user.
    /// </summary>
    public static async Task<int> ChangeAsync(AppDbContext db, Microsoft.AspNetCore.Identity.IPasswordHasher<User> hasher, User user, string password, DateTime now, string? keepSession)
    {
        var revoked = await AccessTokens.RevokeAllAsync(db, user.Id, now);
        await Sessions.EndOthersAsync(db, user.Id, keepSession);
        await PasswordResets.CloseAllAsync(db, user.Id, now);
        user.PasswordHash = hasher.HashPassword(user, password);
        user.SecurityStamp = Auth.NewStamp();
        return revoked;
    }
}
