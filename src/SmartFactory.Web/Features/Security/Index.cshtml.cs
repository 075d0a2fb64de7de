using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Features.Security;

/// <summary>
/// The security administrator's page: for any account by its login, how many sign-in failures are being counted against
/// it now (decision 021), and: lift that throttle, end every session, revoke every API token; for an official or an
/// enterprise user who cannot get back in, issue a password-reset link or clear the second factor (decision 043), and
/// issue the 两步验证设置链接 without which a role that requires a second factor cannot set one up (decision 046). Shows
/// accounts by login, name and role only: no enterprise data.
/// </summary>
public sealed class IndexModel(AppDbContext db, IPasswordHasher<User> hasher, IOptions<SecurityOptions> security, TimeProvider clock) : PageModel
{
    public sealed record Account(int Id, string Login, string Name, Role Role, string? Division, int Failures, int LiveTokens, bool TwoFactor, bool MustEnrol, bool Held);

    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    public Account? Found { get; private set; }
    public string? Notice { get; private set; }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        if (string.IsNullOrWhiteSpace(Login))
        {
            return;
        }
        var login = Logins.Normalize(Login);
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Login == login) is not { } user)
        {
            Notice ??= $"没有登录账号为 {login} 的用户。";
            return;
        }
        var now = Now;
        Found = new Account(user.Id, user.Login, user.DisplayName, user.Role, user.DivisionCode,
            await SignIns.CountersOf(db, user).SumAsync(c => c.Count),
            await db.AccessTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt == null && t.ExpiresAt > now), user.TotpSecret is not null,
            security.Value.MustEnrol(user.Role, user.TotpSecret is not null), await Recoveries.Held(db, now).AnyAsync(r => r.UserId == user.Id));
    }

    /// <summary>POST ?handler=Unlock: forgets the sign-in failures counted against the account, from every address.</summary>
    public Task<IActionResult> OnPostUnlockAsync(int id) => ActAsync(id, "security.unlocked", guarded: false, async (user, _) =>
    {
        var n = await SignIns.CountersOf(db, user).ExecuteDeleteAsync();
        return n == 0 ? "没有需要解除的登录限制" : "已解除登录限制";
    });

    /// <summary>POST ?handler=EndSessions: a new security stamp and no sessions, so every cookie of the account stops working on every node.</summary>
    public Task<IActionResult> OnPostEndSessionsAsync(int id) => ActAsync(id, "security.sessions-ended", guarded: false, async (user, _) =>
    {
        await EndEverySessionAsync(user);
        return "已使其全部登录会话失效";
    });

    /// <summary>POST ?handler=RevokeTokens: every live API token of the account.</summary>
    public Task<IActionResult> OnPostRevokeTokensAsync(int id) => ActAsync(id, "security.tokens-revoked", guarded: false, async (user, now) =>
    {
        return $"已吊销 {await AccessTokens.RevokeAllAsync(db, user.Id, now)} 个 API 令牌";
    });

    /// <summary>
    /// POST ?handler=ResetPassword: the old password, sessions and tokens end, and a link valid for 7 days sets a new one —
    /// mailed to the account, or held for a province official's 复核 (decision 049); never shown here. For officials and
    /// enterprise users; an administrator's account is not reset by another.
    /// </summary>
    public Task<IActionResult> OnPostResetPasswordAsync(int id) => ActAsync(id, "security.password-reset-issued", guarded: true, async (user, now) =>
    {
        var token = await PasswordResets.IssueAsync(db, hasher, user, PasswordResetKind.Link, User.UserId()!.Value, now);
        return Deliver(user, token, PasswordResetKind.Link, now)
            ? $"已将重设密码链接（7 天内有效、只能使用一次）发送至对方邮箱 {user.Login}，本页不显示；原密码、会话和令牌均已失效"
            : $"原密码、会话和令牌均已失效。{HeldNote}";
    });

    /// <summary>What the page says of a link held for 复核.</summary>
    public const string HeldNote = "该账号无法收取邮件，重设链接须由一名省级官员复核（官员账号 → 账号恢复复核）后发放给本人，本页不显示";

    /// <summary>
    /// A link the administrator issues goes to the account's own mailbox when mail reaches it (true); otherwise it is held
    /// until a province official approves it (<see cref="Recoveries"/>). It is never shown here: an administrator who saw it
    /// could set the password (or the second factor) and sign in as the official, whose enterprise data no administrator may
    /// see (三员分立; the re-attacks of 2026-12-04).
    /// </summary>
    private bool Deliver(User user, string token, PasswordResetKind kind, DateTime now)
    {
        if (!Notices.Notify.Reaches(db, user.Login))
        {
            Recoveries.Hold(db, user, token);
            return false;
        }
        var (subject, what) = kind == PasswordResetKind.Link ? ("重设密码", "重设密码") : ("设置两步验证", "两步验证设置");
        return Notices.Notify.Mail(db, new Notices.Notify.Recipient(user.Id, user.Login, user.DisplayName), $"security-link:{Guid.NewGuid():N}", subject,
            $"安全管理员为您的账号 {user.Login} 发放了{what}链接，7 天内有效、只能使用一次：\n\n{Notices.Notify.PublicLink(db, PasswordResets.LinkPath(kind, token))}\n\n"
            + "如果您没有请求过，请联系本单位的系统管理部门。", now);
    }

    /// <summary>
    /// POST ?handler=ResetTwoFactor: for someone who lost the authenticator and the recovery codes: the key and the codes
    /// are cleared and every session ends. Where the role requires two-factor sign-in, the password alone would now set it
    /// up for whoever holds it, so a 两步验证设置链接 is issued with it (decision 046).
    /// </summary>
    public Task<IActionResult> OnPostResetTwoFactorAsync(int id) => ActAsync(id, "security.two-factor-reset", guarded: true, async (user, now) =>
    {
        if (user.TotpSecret is null)
        {
            return "该账号未开启两步验证，无需重置";
        }
        await TwoFactor.TurnOffAsync(db, user);
        await EndEverySessionAsync(user);
        if (!security.Value.MustEnrol(user.Role, hasSecondFactor: false))
        {
            return "已清除两步验证密钥和恢复码并使全部会话失效，对方可在“两步验证”页自行重新开启";
        }
        var mailed = await IssueEnrolmentLinkAsync(user, now);
        db.Record(now, User.UserId(), null, "security.two-factor-link-issued", user.Login);
        return mailed
            ? $"已清除两步验证密钥和恢复码并使全部会话失效。该角色必须使用两步验证：两步验证设置链接已发送至对方邮箱 {user.Login}（本页不显示），对方用它和密码登录后重新设置"
            : $"已清除两步验证密钥和恢复码并使全部会话失效。该角色必须使用两步验证：{EnrolmentHeldNote}";
    });

    /// <summary>
    /// POST ?handler=IssueTwoFactorLink: for an account whose role requires a second factor it has not set up — an official
    /// who had none when the operator turned the requirement on — a link, 7 days, once, shown here once.
    /// </summary>
    public Task<IActionResult> OnPostIssueTwoFactorLinkAsync(int id) => ActAsync(id, "security.two-factor-link-issued", guarded: true, async (user, now) =>
    {
        if (!security.Value.MustEnrol(user.Role, user.TotpSecret is not null))
        {
            return user.TotpSecret is null ? "该角色不要求两步验证，对方可在“两步验证”页自行开启" : "该账号已开启两步验证，无需设置链接";
        }
        return await IssueEnrolmentLinkAsync(user, now)
            ? $"已将两步验证设置链接（7 天内有效、只能使用一次）发送至对方邮箱 {user.Login}，本页不显示；对方用它和自己的密码登录后设置两步验证"
            : EnrolmentHeldNote;
    });

    public const string EnrolmentHeldNote = "该账号无法收取邮件，两步验证设置链接须由一名省级官员复核（官员账号 → 账号恢复复核）后发放给本人，本页不显示";

    /// <summary>Issues the 两步验证设置链接: mailed (true) or held for 复核 (<see cref="Deliver"/>).</summary>
    private async Task<bool> IssueEnrolmentLinkAsync(User user, DateTime now) =>
        Deliver(user, await TwoFactorLinks.IssueAsync(db, user, User.UserId()!.Value, now), PasswordResetKind.TwoFactorLink, now);

    /// <summary>A new security stamp and no sessions: every cookie of the account stops working on every node.</summary>
    private async Task EndEverySessionAsync(User user)
    {
        user.SecurityStamp = Auth.NewStamp();
        await Sessions.EndOthersAsync(db, user.Id, keep: null);
    }

    private string? Refusal(User user) =>
        user.Id == User.UserId() ? "不能为自己操作，请在“修改密码”或“两步验证”页办理"
        : user.Role is Role.SystemAdmin or Role.SecurityAdmin or Role.AuditAdmin ? "管理员账号不能由他人重设（三员分立）"
        : user.PasswordHash is null ? "对方尚未接受邀请，请由邀请人重新发放邀请链接"
        : null;

    /// <summary>Does one action on the account, audited, in one transaction; a guarded one only where <see cref="Refusal"/> allows.</summary>
    private async Task<IActionResult> ActAsync(int id, string action, bool guarded, Func<User, DateTime, Task<string>> act)
    {
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == id) is not { } user)
        {
            return NotFound();
        }
        if (guarded && Refusal(user) is { } refused)
        {
            Login = user.Login;
            Notice = $"{user.Login}：{refused}。";
            await OnGetAsync();
            return Page();
        }
        var now = Now;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var done = await act(user, now);
        db.Record(now, User.UserId(), null, action, user.Login);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Login = user.Login;
        Notice = $"{user.Login}：{done}。";
        await OnGetAsync();
        return Page();
    }
}
