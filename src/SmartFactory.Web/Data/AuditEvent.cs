namespace SmartFactory.Web.Data;

/// <summary>
/// One line of the audit log: who did what, when, from where. Rows are only ever added (a trigger refuses to change
/// them once sealed, or to delete them before the retention period); <see cref="Infrastructure.AuditChain"/> chains
/// them so that <c>audit verify</c> finds a row altered, inserted or removed behind the app's back (decision 023).
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public int? EnterpriseId { get; set; }
    public required string Action { get; set; }
    public string? Detail { get; set; }

    /// <summary>The client's address, as the app saw it behind its trusted proxies; null from the command line.</summary>
    public string? Address { get; set; }

    /// <summary>The row's own MAC, written with the row: a row the app did not write does not have a valid one.</summary>
    public string? Mac { get; set; }

    /// <summary>The row's place in the chain, from 1 without gaps; null until the sealer reaches it (about a second).</summary>
    public long? Seq { get; set; }

    /// <summary>The chain's hash up to this row: SHA-256 of the previous row's hash, this row's place and its MAC.</summary>
    public string? Hash { get; set; }
}
