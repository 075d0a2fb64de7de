namespace SmartFactory.Web.Data;

public enum PasswordResetKind
{
    /// <summary>A link the user asked for on 忘记密码, sent to the login's mailbox.</summary>
    Mailed = 1,

    /// <summary>A link the enterprise administrator made for a colleague, to pass on by hand.</summary>
    Link = 2,

    /// <summary>A temporary password the administrator gave a colleague: it signs in, and then only the password page opens.</summary>
    TemporaryPassword = 3,

    /// <summary>
    /// A 两步验证设置链接 the security administrator made (decision 046): with the password it opens one session in which a
    /// role that requires a second factor may set one up. It sets no password.
    /// </summary>
    TwoFactorLink = 4,

    /// <summary>The same, asked for by the account and sent to the login's mailbox.</summary>
    TwoFactorMailed = 5,
}

/// <summary>
/// One open way back into an account (decision 033), or into setting up a required second factor (decision 046): a one-time link, stored as the SHA-256 of its token and spent by one
/// conditional UPDATE of <see cref="UsedAt"/>, or a temporary password that must be changed at the next sign-in. Its own
/// table, so that the Users table is not altered.
/// </summary>
public sealed class PasswordReset
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public PasswordResetKind Kind { get; set; }

    /// <summary>SHA-256 (hex) of the link's token; null for a temporary password.</summary>
    public string? TokenHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>When the link was used or the temporary password replaced, or when a later password change closed it.</summary>
    public DateTime? UsedAt { get; set; }

    /// <summary>The administrator who made it; null when the user asked for it.</summary>
    public int? CreatedBy { get; set; }
}
