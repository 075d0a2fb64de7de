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
        var token = NewToken();
        var user = new User
        {
            Login = login,
            DisplayName = displayName.Trim(),
            Role = role,
            EnterpriseId = enterpriseId,
            DivisionCode = division,
            InvitationTokenHash = Hash(token),
            InvitationExpiresAt = now + Lifetime,
            SecurityStamp = Auth.NewStamp(),
            CreatedAt = now,
        };
        return (user, token);
    }

    /// <summary>The link to send: under Network:PublicBaseUrl, never the Host header a request happened to carry.</summary>
    public static string Link(HttpRequest request, string token) => request.PublicUrl($"/Account/Accept?token={token}");

    public static string Hash(string token) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
