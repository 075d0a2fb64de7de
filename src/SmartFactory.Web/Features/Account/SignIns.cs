using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

public enum SignInOutcome
{
    SignedIn,
    SecondFactorNeeded,
    WrongCredentials,
    WrongSecondFactor,
    Throttled,

    /// <summary>The password was right, but it is a temporary password the administrator set and it has run out (decision 033).</summary>
    TemporaryExpired,

    /// <summary>The second-factor step came without (or after) the password step: start again.</summary>
    Expired,

    /// <summary>
    /// The password was right, but the role requires a second factor the user has not set up, and no second channel opened
    /// the set-up (decision 046): no session.
    /// </summary>
    TwoFactorNotSetUp,
}

/// <summary>
/// Signing in with a password and, where the user has one, a second factor (decision 021). An unknown login and a wrong
/// password get the same answer after the same work; failures are counted in the database per login typed from one
/// client address and per address, so a stranger slows only themselves and locks nobody out.
/// </summary>
public static class SignIns
{
    public const string WrongCredentialsMessage = "账号或密码不正确。";
    public const string WrongCodeMessage = "验证码或恢复码不正确。";
    public const string ExpiredMessage = "验证已超时，请重新输入账号和密码。";

    public static string ThrottledMessage(TimeSpan window) => $"登录失败次数过多，请 {Math.Ceiling(window.TotalMinutes)} 分钟后再试。";

    /// <summary>What the login and code pages say of an attempt that did not sign in.</summary>
    public static string Message(SignInOutcome outcome, SecurityOptions options) => outcome switch
    {
        SignInOutcome.Throttled => ThrottledMessage(options.LoginThrottle.Window),
        SignInOutcome.Expired => ExpiredMessage,
        SignInOutcome.TemporaryExpired => PasswordResets.TemporaryExpired,
        SignInOutcome.WrongSecondFactor => WrongCodeMessage,
        SignInOutcome.TwoFactorNotSetUp => TwoFactorLinks.Closed,
        _ => WrongCredentialsMessage,
    };

    // A hash by the same hasher of a password nobody knows: an unknown login is checked against it, so it costs what a
    // wrong password costs and cannot be told apart by the time it takes.
    private static readonly User Nobody = new() { Login = "", DisplayName = "", SecurityStamp = "" };
    private static string? _nobodysHash;

    /// <summary>Wrong second factors allowed per user in a window, from all addresses together (6 digits are few).</summary>
    public const int SecondFactorFailures = 10;

    /// <summary>
    /// The password step. On <see cref="SignInOutcome.SecondFactorNeeded"/> the browser holds the second-factor cookie. A
    /// user who must still set up the second factor the role requires is signed in only with a temporary password or with
    /// <paramref name="enrolment"/>, an open 两步验证设置链接 of theirs, which this spends (decision 046).
    /// </summary>
    public static async Task<SignInOutcome> PasswordAsync(HttpContext http, AppDbContext db, string typedLogin, string password, PasswordReset? enrolment = null)
    {
        var (now, throttle) = Context(http);
        var login = Logins.Normalize(typedLogin);
        var address = Network.ClientAddress(http);
        var addressKey = $"login-ip:{address}";
        var pairKey = $"login:{address}:{Digest(login)}";
        var window = (long)throttle.Window.TotalSeconds;
        var unix = new DateTimeOffset(now).ToUnixTimeSeconds();
        // Counted before the check, taken back after a success: concurrent guesses cannot slip in under the limit.
        var fromAddress = await RateLimits.CountAsync(db, addressKey, unix, window);
        var ofPair = await RateLimits.CountAsync(db, pairKey, unix, window);
        if (fromAddress > throttle.FailuresPerAddress || ofPair > throttle.FailuresPerLoginAndAddress)
        {
            return await OutcomeAsync(db, now, SignInOutcome.Throttled, null, address);
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login);
        if (!Verify(http.RequestServices.GetRequiredService<IPasswordHasher<User>>(), user, password))
        {
            return await OutcomeAsync(db, now, SignInOutcome.WrongCredentials, user, address);
        }
        await RateLimits.ClearAsync(db, pairKey);
        await RateLimits.UncountAsync(db, addressKey);
        if (await PasswordResets.TemporaryExpiredAsync(db, user!.Id, now))
        {
            return await OutcomeAsync(db, now, SignInOutcome.TemporaryExpired, user, address);
        }
        if (user.TotpSecret is not null)
        {
            var pending = new ClaimsIdentity([new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimNames.Stamp, user.SecurityStamp)], Auth.SecondFactorScheme);
            await http.SignInAsync(Auth.SecondFactorScheme, new ClaimsPrincipal(pending));
            return await OutcomeAsync(db, now, SignInOutcome.SecondFactorNeeded, user, address);
        }
        var mayEnrol = false;
        if (http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.MustEnrol(user.Role, hasSecondFactor: false))
        {
            var linked = enrolment?.UserId == user.Id && await PasswordResets.SpendAsync(db, enrolment.Id, now);
            if (!linked && !await PasswordResets.MustChangeAsync(db, user.Id))
            {
                return await OutcomeAsync(db, now, SignInOutcome.TwoFactorNotSetUp, user, address);
            }
            if (linked)
            {
                db.Record(now, user.Id, user.EnterpriseId, "user.two-factor-link-used", address);
            }
            mayEnrol = true;
        }
        await Sessions.SignInAsync(http, db, user, mayEnrol: mayEnrol);
        return await OutcomeAsync(db, now, SignInOutcome.SignedIn, user, address);
    }

    /// <summary>The second step: a TOTP code or a recovery code, for the user the second-factor cookie names.</summary>
    public static async Task<SignInOutcome> SecondFactorAsync(HttpContext http, AppDbContext db, string code)
    {
        var (now, throttle) = Context(http);
        var address = Network.ClientAddress(http);
        var pending = await http.AuthenticateAsync(Auth.SecondFactorScheme);
        var userId = pending.Principal?.UserId();
        var user = userId is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId);
        if (user?.TotpSecret is null || user.SecurityStamp != pending.Principal!.FindFirstValue(ClaimNames.Stamp))
        {
            return SignInOutcome.Expired;
        }
        var key = $"second-factor:{user.Id}";
        var unix = new DateTimeOffset(now).ToUnixTimeSeconds();
        if (await RateLimits.CountAsync(db, key, unix, (long)throttle.Window.TotalSeconds) > SecondFactorFailures)
        {
            return await OutcomeAsync(db, now, SignInOutcome.Throttled, user, address);
        }
        if (!await TwoFactor.AcceptAsync(db, http.RequestServices.GetRequiredService<SecretSealer>(), user, code, now))
        {
            return await OutcomeAsync(db, now, SignInOutcome.WrongSecondFactor, user, address);
        }
        await RateLimits.ClearAsync(db, key);
        await http.SignOutAsync(Auth.SecondFactorScheme);
        await Sessions.SignInAsync(http, db, user);
        return await OutcomeAsync(db, now, SignInOutcome.SignedIn, user, address);
    }

    /// <summary>
    /// The one place where the outcome of every sign-in attempt is written down, with the user when the login is known and
    /// the client address: what the audit log reads for logins and failed logins.
    /// </summary>
    private static async Task<SignInOutcome> OutcomeAsync(AppDbContext db, DateTime now, SignInOutcome outcome, User? user, string address)
    {
        var action = outcome switch
        {
            SignInOutcome.SignedIn => "user.login",
            SignInOutcome.SecondFactorNeeded => "user.login-password-ok",
            SignInOutcome.WrongCredentials => "user.login-failed",
            SignInOutcome.WrongSecondFactor => "user.login-second-factor-failed",
            SignInOutcome.TemporaryExpired => "user.login-temporary-expired",
            SignInOutcome.TwoFactorNotSetUp => "user.login-two-factor-missing",
            _ => "user.login-throttled",
        };
        db.Record(now, user?.Id, user?.EnterpriseId, action, address);
        await db.SaveChangesAsync();
        return outcome;
    }

    /// <summary>
    /// Whether the password is the user's. Unknown logins and invited users without a password yet are checked against a
    /// hash of the same cost, by the same call, and fail.
    /// </summary>
    public static bool Verify(IPasswordHasher<User> hasher, User? user, string password)
    {
        var hash = user?.PasswordHash ?? (_nobodysHash ??= hasher.HashPassword(Nobody, Convert.ToHexString(RandomNumberGenerator.GetBytes(16))));
        var result = hasher.VerifyHashedPassword(user ?? Nobody, hash, password);
        return user?.PasswordHash is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>The throttle counters of one account's sign-in failures, from every address (what a security administrator clears).</summary>
    public static IQueryable<RateCounter> CountersOf(AppDbContext db, User user)
    {
        var pairs = $":{Digest(user.Login)}";
        var secondFactor = $"second-factor:{user.Id}";
        return db.RateCounters.Where(c => (c.Key.StartsWith("login:") && c.Key.EndsWith(pairs)) || c.Key == secondFactor);
    }

    /// <summary>The login typed, as a key of fixed length that does not keep what was typed (sometimes a password).</summary>
    public static string Digest(string login) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(login)))[..32];

    private static (DateTime Now, LoginThrottleOptions Throttle) Context(HttpContext http) =>
        (http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
         http.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginThrottle);
}
