using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Features.Security;

/// <summary>
/// The security administrator's page: for any account by its login, how many sign-in failures are being counted against
/// it now (decision 021), and: lift that throttle, end every session, revoke every API token. Shows accounts by login,
/// name and role only: no enterprise data.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Account(int Id, string Login, string Name, Role Role, string? Division, int Failures, int LiveTokens);

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
            await db.AccessTokens.CountAsync(t => t.UserId == user.Id && t.RevokedAt == null && t.ExpiresAt > now));
    }

    /// <summary>POST ?handler=Unlock: forgets the sign-in failures counted against the account, from every address.</summary>
    public Task<IActionResult> OnPostUnlockAsync(int id) => ActAsync(id, "security.unlocked", async (user, _) =>
    {
        var n = await SignIns.CountersOf(db, user).ExecuteDeleteAsync();
        return n == 0 ? "没有需要解除的登录限制" : "已解除登录限制";
    });

    /// <summary>POST ?handler=EndSessions: a new security stamp and no sessions, so every cookie of the account stops working on every node.</summary>
    public Task<IActionResult> OnPostEndSessionsAsync(int id) => ActAsync(id, "security.sessions-ended", async (user, _) =>
    {
        user.SecurityStamp = Auth.NewStamp();
        await Sessions.EndOthersAsync(db, user.Id, keep: null);
        return "已使其全部登录会话失效";
    });

    /// <summary>POST ?handler=RevokeTokens: every live API token of the account.</summary>
    public Task<IActionResult> OnPostRevokeTokensAsync(int id) => ActAsync(id, "security.tokens-revoked", async (user, now) =>
    {
        return $"已吊销 {await AccessTokens.RevokeAllAsync(db, user.Id, now)} 个 API 令牌";
    });

    private async Task<IActionResult> ActAsync(int id, string action, Func<User, DateTime, Task<string>> act)
    {
        if (await db.Users.FirstOrDefaultAsync(u => u.Id == id) is not { } user)
        {
            return NotFound();
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
