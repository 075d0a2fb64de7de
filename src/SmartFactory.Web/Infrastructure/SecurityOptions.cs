using System.ComponentModel.DataAnnotations;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>Sign-in and session rules (decision 021), bound from "Security".</summary>
public sealed class SecurityOptions
{
    /// <summary>
    /// Roles that must sign in with a second factor. A user of such a role without one may set it up only in a session
    /// opened by a second channel (decision 046); the password alone signs them in nowhere. None by default.
    /// </summary>
    public List<Role> RequireTwoFactorFor { get; set; } = [];

    /// <summary>Whether a user of <paramref name="role"/> still has to set up the second factor the role requires.</summary>
    public bool MustEnrol(Role role, bool hasSecondFactor) => !hasSecondFactor && RequireTwoFactorFor.Contains(role);

    /// <summary>Roles whose session ends after <see cref="IdleTimeout"/> without a request; the others keep the 8-hour sliding cookie.</summary>
    public List<Role> IdleTimeoutFor { get; set; } = [Role.CountyOfficial, Role.CityOfficial, Role.ProvinceOfficial, .. Roles.Administrators];

    [Range(typeof(TimeSpan), "00:02:00", "08:00:00", ErrorMessage = "Security:IdleTimeout must be between 2 minutes and 8 hours.")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// 32 random bytes, base64, that seal the authenticator keys in the database (<see cref="SecretSealer"/>); the same
    /// on every node and kept outside the database. Unset: they are sealed with the data-protection key ring.
    /// </summary>
    [RegularExpression(@"^[A-Za-z0-9+/]{43}=$", ErrorMessage = "Security:SecretKey must be 32 bytes in base64 (openssl rand -base64 32).")]
    public string? SecretKey { get; set; }

    /// <summary>The key <see cref="SecretKey"/> replaced: keys sealed under it still open, and are re-sealed at their next use.</summary>
    [RegularExpression(@"^[A-Za-z0-9+/]{43}=$", ErrorMessage = "Security:PreviousSecretKey must be 32 bytes in base64.")]
    public string? PreviousSecretKey { get; set; }

    [Required]
    public LoginThrottleOptions LoginThrottle { get; set; } = new();
}

/// <summary>How many failed sign-ins a window allows: per login typed from one client address, and per address in all.</summary>
public sealed class LoginThrottleOptions
{
    [Range(1, 100)]
    public int FailuresPerLoginAndAddress { get; set; } = 5;

    [Range(1, 10000)]
    public int FailuresPerAddress { get; set; } = 30;

    /// <summary>Registrations and invitations per address (or per inviting user) in a window: each one tells whether a login is free.</summary>
    [Range(1, 10000)]
    public int LoginChecksPerAddress { get; set; } = 20;

    /// <summary>忘记密码 requests per client address in a window (each one costs a mail when the login is known).</summary>
    [Range(1, 10000)]
    public int ResetRequestsPerAddress { get; set; } = 10;

    /// <summary>Reset mails to one login in a window, from all addresses together: nobody's mailbox is flooded.</summary>
    [Range(1, 100)]
    public int ResetMailsPerLogin { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:01:00", "01:00:00", ErrorMessage = "Security:LoginThrottle:Window must be between 1 minute and 1 hour.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}
