using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// 两步验证设置链接 (decision 046): the second channel through which a user whose role requires a second factor, and who
/// has none, may set one up — issued by the security administrator or mailed to the login's own mailbox. A link is a row of
/// <see cref="PasswordReset"/> (stored as a hash, spent once by a conditional UPDATE); with the password it opens one session
/// that may set up the second factor. It sets no password and, without the password, signs nobody in.
/// </summary>
public static class TwoFactorLinks
{
    public const string Closed = "您的账号需要两步验证，但尚未设置。请使用邀请或重设链接登录后设置，或请安全管理员发放两步验证设置链接。";

    public const string InvalidLink = "两步验证设置链接无效、已使用或已过期，未做任何更改。请联系安全管理员重新发放。";

    public const string Sent = "如果该账号需要两步验证、尚未设置且以邮箱登录，我们已向该邮箱发送两步验证设置链接，30 分钟内有效、只能使用一次。请查收邮件（也请看看垃圾邮件箱）。";

    /// <summary>The link an account asks for: only to an account that must still set up the second factor its role requires.</summary>
    public static PasswordResets.MailedLink Mailed(SecurityOptions options) => new(PasswordResetKind.TwoFactorMailed, "enrol",
        user => options.MustEnrol(user.Role, user.TotpSecret is not null), "设置两步验证",
        (user, link) => $"有人（希望是您本人）为账号 {user.Login} 申请了两步验证设置链接。请在 30 分钟内打开下面的链接，输入密码后设置两步验证，链接只能使用一次：\n\n"
            + $"{link}\n\n如果不是您本人申请，请忽略本邮件；如果您怀疑他人知道您的密码，请在“忘记密码”页重设密码。",
        "user.two-factor-link-mailed", "user.two-factor-link-requested");

    /// <summary>
    /// The security administrator's link (or the operator's, <paramref name="by"/> null), 7 days, once; an earlier open one of the account stops working. Returns the token,
    /// to be shown once. The caller records the event and saves.
    /// </summary>
    public static async Task<string> IssueAsync(AppDbContext db, User user, int? by, DateTime now)
    {
        using (await db.OneWriterAsync())
        {
            await db.PasswordResets.Where(r => r.UserId == user.Id && r.UsedAt == null && r.Kind == PasswordResetKind.TwoFactorLink)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now));
        }
        var token = Invitations.NewToken();
        db.PasswordResets.Add(new PasswordReset
        {
            UserId = user.Id, Kind = PasswordResetKind.TwoFactorLink, TokenHash = Invitations.Hash(token),
            CreatedAt = now, ExpiresAt = now + PasswordResets.IssuedLifetime, CreatedBy = by,
        });
        return token;
    }
}
