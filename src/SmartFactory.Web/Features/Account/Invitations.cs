using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Account;

/// <summary>One-time invitation links: colleagues invited by an enterprise administrator, officials by officials above them.</summary>
public static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static string NewToken() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>A user who has yet to set a password, and the one-time token (only its hash is stored) that lets them.</summary>
    public static (User User, string Token) Invite(string login, string displayName, Role role, DateTime now, int? enterpriseId = null, string? division = null)
    {
        var user = new User
        {
            Login = login,
            DisplayName = displayName.Trim(),
            Role = role,
            EnterpriseId = enterpriseId,
            DivisionCode = division,
            SecurityStamp = Auth.NewStamp(),
            CreatedAt = now,
        };
        return (user, Renew(user, now));
    }

    /// <summary>A new one-time token for a user yet to set a password (an earlier link stops working); only its hash is kept.</summary>
    public static string Renew(User user, DateTime now)
    {
        var token = NewToken();
        user.InvitationTokenHash = Hash(token);
        user.InvitationExpiresAt = now + Lifetime;
        return token;
    }

    /// <summary>The link to send: under Network:PublicBaseUrl, never the Host header a request happened to carry.</summary>
    public static string Link(HttpRequest request, string token) => request.PublicUrl($"/Account/Accept?token={token}");

    public static string Hash(string token) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
