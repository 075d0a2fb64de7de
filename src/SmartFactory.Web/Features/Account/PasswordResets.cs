using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Notices;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// The ways back into an account (decision 033): a link the user asks for on 忘记密码 and receives by mail, and a link or
/// a temporary password the enterprise administrator gives a colleague. Every link is one row of
/// <see cref="PasswordReset"/>, its token stored as a hash and spent by one conditional UPDATE, so any node serves it once.
/// </summary>
public static class PasswordResets
{
    /// <summary>A mailed link: long enough to open the mail, short enough that a mailbox read later is worth little.</summary>
    public static readonly TimeSpan MailedLifetime = TimeSpan.FromMinutes(30);

    /// <summary>What an administrator gives by hand travels like an invitation, and lasts as long.</summary>
    public static readonly TimeSpan IssuedLifetime = Invitations.Lifetime;

    public const string Sent = "如果该账号存在且以邮箱登录，我们已向该邮箱发送一封重设密码的邮件，其中的链接 30 分钟内有效、只能使用一次。请查收邮件（也请看看垃圾邮件箱）。";

    public const string InvalidLink = "重设密码链接无效、已使用或已过期。请重新申请，或联系企业管理员。";

    public const string TemporaryExpired = "临时密码已过期，请联系企业管理员重新设置。";

    /// <summary>
    /// Who may reset whom: the enterprise administrator, for a colleague of the same enterprise who has a password. Null
    /// when allowed; otherwise what the page says. A user of another enterprise never reaches this (the page finds none).
    /// </summary>
    public static string? Refusal(int administratorId, User colleague) =>
        colleague.Id == administratorId ? "您自己的密码请在“修改密码”页修改。"
        : colleague.Role is not (Role.EnterpriseUser or Role.EnterpriseAdmin) ? "只能为本企业的用户重设密码。"
        : null;

    /// <summary>
    /// The administrator resets a colleague's password: the old one stops working, the colleague's sessions and API tokens
    /// end, and either a link (returned as its token) or a temporary password (returned as itself) is the way back in.
    /// The caller records the event and saves.
    /// </summary>
    public static async Task<string> IssueAsync(AppDbContext db, IPasswordHasher<User> hasher, User colleague, PasswordResetKind kind, int by, DateTime now)
    {
        var temporary = kind == PasswordResetKind.TemporaryPassword ? TemporaryPassword() : null;
        // With a link, the old password is replaced by one nobody knows: whoever knew it is out as well.
        await Passwords.ChangeAsync(db, hasher, colleague, temporary ?? Invitations.NewToken(), now, keepSession: null);
        var token = temporary is null ? Invitations.NewToken() : null;
        db.PasswordResets.Add(new PasswordReset
        {
            UserId = colleague.Id, Kind = kind, TokenHash = token is null ? null : Invitations.Hash(token),
            CreatedAt = now, ExpiresAt = now + IssuedLifetime, CreatedBy = by,
        });
        return temporary ?? token!;
    }

    /// <summary>
    /// One kind of link an account asks to be mailed: which accounts get one, the row it is, the mail, the audit actions.
    /// The throttles and the answer are the same for every kind.
    /// </summary>
    public sealed record MailedLink(PasswordResetKind Kind, string CounterKey, Func<User, bool> Wanted, string Title, Func<User, string, string> Body, string MailedAction, string RequestedAction);

    /// <summary>忘记密码's link: to any account with a password.</summary>
    public static readonly MailedLink ForgotPassword = new(PasswordResetKind.Mailed, "reset", _ => true, "重设密码",
        (user, link) => $"有人（希望是您本人）在“忘记密码”页为账号 {user.Login} 申请重设密码。请在 30 分钟内打开下面的链接设置新密码，链接只能使用一次：\n\n"
            + $"{link}\n\n设置新密码后，其他设备上的登录和您的 API 令牌都将失效；已开启的两步验证保持不变。\n"
            + "如果不是您本人申请，请忽略本邮件，您的密码不会改变。",
        "user.password-reset-mailed", "user.password-reset-requested");

    /// <summary>
    /// 忘记密码 and its kin: the same work and the same answer for any login. A known e-mail login that <paramref name="what"/>
    /// wants gets a mail with a link, at most <see cref="LoginThrottleOptions.ResetMailsPerLogin"/> a window; false only
    /// when the address asked too often.
    /// </summary>
    public static async Task<bool> RequestAsync(HttpContext http, AppDbContext db, string typedLogin, MailedLink? what = null)
    {
        what ??= ForgotPassword;
        var services = http.RequestServices;
        var throttle = services.GetRequiredService<IOptions<SecurityOptions>>().Value.LoginThrottle;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var unix = new DateTimeOffset(now).ToUnixTimeSeconds();
        var window = (long)throttle.Window.TotalSeconds;
        var address = Network.ClientAddress(http);
        if (await RateLimits.CountAsync(db, $"reset-ip:{address}", unix, window) > throttle.ResetRequestsPerAddress)
        {
            return false;
        }
        var login = Logins.Normalize(typedLogin);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login && u.PasswordHash != null);
        user = user is not null && what.Wanted(user) ? user : null;
        // Counted for any login, known or not, so that the count does not tell them apart either.
        var ofLogin = await RateLimits.CountAsync(db, $"{what.CounterKey}:{SignIns.Digest(login)}", unix, window);
        var mailed = false;
        if (user is not null && ofLogin <= throttle.ResetMailsPerLogin)
        {
            var token = Invitations.NewToken();
            var reset = new PasswordReset { UserId = user.Id, Kind = what.Kind, TokenHash = Invitations.Hash(token), CreatedAt = now, ExpiresAt = now + MailedLifetime };
            var body = what.Body(user, Notify.PublicLink(db, LinkPath(what.Kind, token)));
            mailed = Notify.Mail(db, new Notify.Recipient(user.Id, user.Login, user.DisplayName), $"{what.CounterKey}:{Guid.NewGuid():N}", what.Title, body, now);
            if (mailed)
            {
                db.PasswordResets.Add(reset);
            }
        }
        db.Record(now, user?.Id, user?.EnterpriseId, mailed ? what.MailedAction : what.RequestedAction, address);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>Where a link of this kind is used: the reset page sets a password, the enrolment page opens a set-up session.</summary>
    public static string LinkPath(PasswordResetKind kind, string token) =>
        IsEnrolment(kind) ? $"/Account/Enrol?token={token}" : $"/Account/Reset?token={token}";

    public static bool IsEnrolment(PasswordResetKind kind) => kind is PasswordResetKind.TwoFactorLink or PasswordResetKind.TwoFactorMailed;

    /// <summary>
    /// The open link this token names (mailed or given by an administrator), or null: a reset link for the reset page,
    /// a 两步验证设置链接 when <paramref name="enrolment"/> — neither opens the other's page.
    /// </summary>
    public static async Task<PasswordReset?> FindAsync(AppDbContext db, string? token, DateTime now, bool enrolment = false)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }
        var hash = Invitations.Hash(token);
        var open = await db.PasswordResets.Include(r => r.User)
            .FirstOrDefaultAsync(r => r.TokenHash == hash && r.UsedAt == null && r.ExpiresAt > now);
        return open is not null && IsEnrolment(open.Kind) == enrolment ? open : null;
    }

    /// <summary>Spends the link: true for the one request, on whichever node, whose UPDATE found it still open.</summary>
    public static async Task<bool> SpendAsync(AppDbContext db, int id, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        return await db.PasswordResets.Where(r => r.Id == id && r.UsedAt == null && r.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now)) == 1;
    }

    /// <summary>Closes every open link and temporary password of the user: a new password, however set, ends them all.</summary>
    public static async Task CloseAllAsync(AppDbContext db, int userId, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        await db.PasswordResets.Where(r => r.UserId == userId && r.UsedAt == null).ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now));
    }

    /// <summary>Whether the user signs in with a temporary password, and so must choose a new one before anything else.</summary>
    public static Task<bool> MustChangeAsync(AppDbContext db, int userId) =>
        db.PasswordResets.AnyAsync(r => r.UserId == userId && r.Kind == PasswordResetKind.TemporaryPassword && r.UsedAt == null);

    /// <summary>Whether the user's temporary password has run out: it then signs in no more.</summary>
    public static Task<bool> TemporaryExpiredAsync(AppDbContext db, int userId, DateTime now) =>
        db.PasswordResets.AnyAsync(r => r.UserId == userId && r.Kind == PasswordResetKind.TemporaryPassword && r.UsedAt == null && r.ExpiresAt <= now);

    private const string Readable = "abcdefghjkmnpqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>12 characters without look-alikes (no l/1, o/0), letters and digits both, so it meets the password rule.</summary>
    private static string TemporaryPassword()
    {
        var all = Readable + Digits;
        var chars = Enumerable.Range(0, 12).Select(i => i switch
        {
            0 => Readable[RandomNumberGenerator.GetInt32(Readable.Length)],
            1 => Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
            _ => all[RandomNumberGenerator.GetInt32(all.Length)],
        }).ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
