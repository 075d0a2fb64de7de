using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Features.Security;

/// <summary>
/// The security administrator's page: accounts locked or failing to log in, and, for any account by its login, unlock,
/// end every session and revoke every API token. Shows accounts by login, name and role only: no enterprise data.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Account(int Id, string Login, string Name, Role Role, string? Division, int FailedLogins, DateTime? LockedUntil, int LiveTokens);

    [BindProperty(SupportsGet = true)]
    public string? Login { get; set; }

    public List<Account> Troubled { get; private set; } = [];
    public Account? Found { get; private set; }
    public string? Notice { get; private set; }

    public DateTime NowUtc => Now;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync()
    {
        var now = Now;
        Troubled = await Accounts(db.Users.Where(u => u.FailedLogins > 0 || u.LockedUntil > now).OrderByDescending(u => u.LockedUntil).ThenBy(u => u.Login).Take(100)).ToListAsync();
        if (!string.IsNullOrWhiteSpace(Login))
        {
            var login = Logins.Normalize(Login);
            Found = await Accounts(db.Users.Where(u => u.Login == login)).FirstOrDefaultAsync();
            Notice ??= Found is null ? $"没有登录账号为 {login} 的用户。" : null;
        }
    }

    /// <summary>POST ?handler=Unlock: clears the failed-login count and the lock.</summary>
    public Task<IActionResult> OnPostUnlockAsync(int id) => ActAsync(id, "security.unlocked", (user, _) =>
    {
        (user.FailedLogins, user.LockedUntil) = (0, null);
        return Task.FromResult("已解锁");
    });

    /// <summary>POST ?handler=EndSessions: a new security stamp, so every cookie of the account stops working on every node.</summary>
    public Task<IActionResult> OnPostEndSessionsAsync(int id) => ActAsync(id, "security.sessions-ended", (user, _) =>
    {
        user.SecurityStamp = Auth.NewStamp();
        return Task.FromResult("已使其全部登录会话失效");
    });

    /// <summary>POST ?handler=RevokeTokens: every live API token of the account.</summary>
    public Task<IActionResult> OnPostRevokeTokensAsync(int id) => ActAsync(id, "security.tokens-revoked", async (user, now) =>
    {
        var n = await db.AccessTokens.Where(t => t.UserId == user.Id && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now));
        return $"已吊销 {n} 个 API 令牌";
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

    private IQueryable<Account> Accounts(IQueryable<User> users)
    {
        var now = Now;
        return users.Select(u => new Account(u.Id, u.Login, u.DisplayName, u.Role, u.DivisionCode, u.FailedLogins, u.LockedUntil,
            db.AccessTokens.Count(t => t.UserId == u.Id && t.RevokedAt == null && t.ExpiresAt > now)));
    }
}
