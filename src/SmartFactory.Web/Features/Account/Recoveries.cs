using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>
/// 双人复核 of a way back in that cannot reach the account's own mailbox (decision 049). The security administrator's reset
/// link or 两步验证设置链接 for an account without mail (mail off, or a phone-number login) is held: its row is made as
/// usual, password replaced and sessions ended, but without a token, so it opens nothing. A province official other than the
/// account holder approves it and is shown the link once, to hand over; or declines it. Neither of the two alone can sign
/// in as the account: the administrator never sees a link, and the official cannot ask for one.
/// </summary>
public static class Recoveries
{
    /// <summary>One held request as the province official's page lists it.</summary>
    public sealed record Request(int Id, int UserId, string Login, string Name, Role Role, string? Division, bool Enrolment, string RequestedBy, DateTime RequestedAt, DateTime ExpiresAt);

    /// <summary>Held requests still open: an administrator's link row without its token, neither used nor expired.</summary>
    public static IQueryable<PasswordReset> Held(AppDbContext db, DateTime now) =>
        db.PasswordResets.Where(r => r.TokenHash == null && (r.Kind == PasswordResetKind.Link || r.Kind == PasswordResetKind.TwoFactorLink)
            && r.UsedAt == null && r.ExpiresAt > now);

    /// <summary>
    /// Holds the link just issued for <paramref name="user"/> with <paramref name="token"/>: its row, added to the context
    /// and not yet saved, loses the token, so the token the caller has opens nothing and is never shown.
    /// </summary>
    public static void Hold(AppDbContext db, User user, string token)
    {
        var hash = Invitations.Hash(token);
        db.PasswordResets.Local.Single(r => r.UserId == user.Id && r.TokenHash == hash).TokenHash = null;
    }

    public static Task<List<Request>> ListAsync(AppDbContext db, DateTime now) =>
        Held(db, now).OrderBy(r => r.Id)
            .Select(r => new Request(r.Id, r.UserId, r.User!.Login, r.User.DisplayName, r.User.Role, r.User.DivisionCode, r.Kind == PasswordResetKind.TwoFactorLink,
                db.Users.Where(u => u.Id == r.CreatedBy).Select(u => u.DisplayName + "（" + u.Login + "）").FirstOrDefault() ?? "", r.CreatedAt, r.ExpiresAt))
            .ToListAsync();

    /// <summary>
    /// Approves: one conditional UPDATE gives the held row a token and 7 days from now, so of two approvals at once, on any
    /// node, one wins. Returns the link's path for the winner, null otherwise (or when the approver is the account itself).
    /// The caller records the event.
    /// </summary>
    public static async Task<string?> ApproveAsync(AppDbContext db, int id, int approver, DateTime now)
    {
        if (await Held(db, now).Where(r => r.Id == id && r.UserId != approver).Select(r => (PasswordResetKind?)r.Kind).FirstOrDefaultAsync() is not { } kind)
        {
            return null;
        }
        var token = Invitations.NewToken();
        var hash = Invitations.Hash(token);
        using var writer = await db.OneWriterAsync();
        var won = await Held(db, now).Where(r => r.Id == id && r.UserId != approver)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.TokenHash, hash).SetProperty(r => r.ExpiresAt, now + PasswordResets.IssuedLifetime)) == 1;
        return won ? PasswordResets.LinkPath(kind, token) : null;
    }

    /// <summary>Declines: the request closes and issues nothing; the account stays as the administrator left it (locked out until asked again).</summary>
    public static async Task<bool> DeclineAsync(AppDbContext db, int id, int approver, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        return await Held(db, now).Where(r => r.Id == id && r.UserId != approver).ExecuteUpdateAsync(u => u.SetProperty(r => r.UsedAt, now)) == 1;
    }
}
