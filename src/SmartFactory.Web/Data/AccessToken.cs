namespace SmartFactory.Web.Data;

/// <summary>A personal access token for the API: stored as a SHA-256 hash, shown to its user once, carrying the user's scope.</summary>
public sealed class AccessToken
{
    public int Id { get; set; }
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters, to recognise a token in the list without storing it.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
