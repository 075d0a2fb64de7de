namespace SmartFactory.Web.Data;

/// <summary>
/// One signed-in browser. The cookie names its row; logging out deletes the row, so a copy of the cookie is worth nothing
/// afterwards on any node (decision 021). <see cref="LastSeenAt"/>, to the minute, ends idle sessions of the roles that
/// have an idle limit, and lets old rows be cleared.
/// </summary>
public sealed class Session
{
    /// <summary>Random, 32 hex digits; in the cookie, and nowhere else.</summary>
    public required string Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastSeenAt { get; set; }
}

/// <summary>A one-time code for signing in without the authenticator: stored as its SHA-256 (the code carries 80 random bits), spent once.</summary>
public sealed class RecoveryCode
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public required string Hash { get; set; }
    public DateTime? UsedAt { get; set; }
}
