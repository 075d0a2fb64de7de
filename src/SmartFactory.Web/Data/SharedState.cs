namespace SmartFactory.Web.Data;

/// <summary>
/// The bytes of one evidence file. In the database, so every node reads what any node stored, and in the same
/// transaction as its <see cref="EvidenceFile"/> row, so a file and its record exist together or not at all
/// (decision 013). A table of its own, so lists of files never read the bytes.
/// </summary>
public sealed class EvidenceContent
{
    public int EvidenceFileId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>
/// How many requests one client address or token has made in the minute that began with its first, counted in the
/// database with one upsert so that every node counts against the same limit (decision 013).
/// </summary>
public sealed class RateCounter
{
    public required string Key { get; set; }

    /// <summary>When the minute began, in seconds since the Unix epoch.</summary>
    public long Start { get; set; }

    public int Count { get; set; }
}
