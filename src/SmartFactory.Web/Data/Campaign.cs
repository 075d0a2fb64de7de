using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// 申报批次: the yearly round the province opens for one tier. Enterprises apply from <see cref="OpensOn"/> to
/// <see cref="ClosesOn"/>; counties and cities recommend until <see cref="RecommendClosesOn"/>. Both dates are
/// inclusive, in China Standard Time.
/// </summary>
public sealed class CampaignRound
{
    public int Id { get; set; }
    public int Year { get; set; }
    public required string Name { get; set; }
    public Tier Tier { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }
    public DateOnly RecommendClosesOn { get; set; }

    /// <summary>公示: the objection period of the list proposed for recognition; null until the province publishes it.</summary>
    public DateOnly? PublicityFrom { get; set; }
    public DateOnly? PublicityUntil { get; set; }
    public DateTime CreatedAt { get; set; }
    public int CreatedBy { get; set; }
    public List<RoundQuota> Quotas { get; set; } = [];
}

/// <summary>
/// How many applications a city (or a county that reports straight to the province) may recommend to the province in
/// a round, and how many it has. <see cref="Used"/> is a concurrency token: two recommendations at once cannot both
/// take the last place.
/// </summary>
public sealed class RoundQuota
{
    public int RoundId { get; set; }
    public required string DivisionCode { get; set; }
    public int Quota { get; set; }
    public int Used { get; set; }
}

/// <summary>An expert (专家) account's place in the pool: the city they come from and the industries they know.</summary>
public sealed class ExpertProfile
{
    public int UserId { get; set; }
    public User? User { get; set; }
    public required string CityCode { get; set; }

    /// <summary>GB/T 4754 industry divisions, comma-separated (e.g. "C34,C38").</summary>
    public required string Industries { get; set; }

    /// <summary>Where the expert works (a university, an institute, a firm).</summary>
    public string? Unit { get; set; }
}

/// <summary>An expert (专家) the province sends to an application's 现场核查; several per application.</summary>
public sealed class ExpertAssignment
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public int ExpertUserId { get; set; }
    public User? Expert { get; set; }
    public DateTime AssignedAt { get; set; }
    public int AssignedBy { get; set; }

    /// <summary>Why the province sends an expert from the enterprise's own city anyway; null when there is no conflict.</summary>
    public string? OverrideReason { get; set; }
}

/// <summary>现场核查: what the experts found on the visit, one per application.</summary>
public sealed class SiteCheck
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public DateOnly VisitedOn { get; set; }

    /// <summary>The members of the check team, as written by the expert (names and units).</summary>
    public required string Members { get; set; }
    public required string Opinion { get; set; }
    public bool Passed { get; set; }

    /// <summary>The reference level (0 … 5) recomputed from the confirmed and adjusted tiers.</summary>
    public int ConfirmedLevel { get; set; }
    public int? ReportFileId { get; set; }
    public CampaignFile? Report { get; set; }
    public DateTime RecordedAt { get; set; }
    public int RecordedBy { get; set; }
    public List<SiteCheckFinding> Findings { get; set; } = [];
}

/// <summary>One scenario as the experts found it: the self-assessed tier confirmed (no adjustment), or adjusted with a reason.</summary>
public sealed class SiteCheckFinding
{
    public long Id { get; set; }
    public int SiteCheckId { get; set; }
    public int ScenarioNo { get; set; }

    /// <summary>The tier the experts found (0 = not built … 5); null when they confirm the self-assessed one.</summary>
    public int? AdjustedLevel { get; set; }
    public string? Reason { get; set; }
}

/// <summary>A file the campaign itself produces (a site-check report), kept in the database like evidence (decision 013).</summary>
public sealed class CampaignFile
{
    public int Id { get; set; }
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    public int UploadedBy { get; set; }
    public CampaignFileContent? Content { get; set; }
}

public sealed class CampaignFileContent
{
    public int CampaignFileId { get; set; }
    public required byte[] Bytes { get; set; }
}

/// <summary>An in-app notice to one user: returned, recommended, recognised, a deadline near.</summary>
public sealed class Notice
{
    public long Id { get; set; }
    public int UserId { get; set; }
    public DateTime At { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>A path in the app the notice is about (e.g. /Assessments/Apply); null when none.</summary>
    public string? Link { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>
    /// Unique when set: a reminder computed by two nodes (or twice) is one notice, as its mail is one <see cref="OutgoingMail"/>
    /// row under the same key. Null for notices of a workflow step, which only the one request that made the step writes.
    /// </summary>
    public string? Key { get; set; }
}

/// <summary>
/// A mail waiting to be sent, or sent. <see cref="Key"/> is unique: the same reminder written by two nodes is one row,
/// and a node sends only the rows it has claimed until <see cref="ClaimedUntil"/>.
/// </summary>
public sealed class OutgoingMail
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTime? SentAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>备案: an enterprise files its self-declared 智能车间 or 基础级 submission where its city requires it; the county acknowledges it.</summary>
public sealed class Filing
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int AssessmentId { get; set; }

    /// <summary>The reference level filed (1 智能车间 or 2 基础级).</summary>
    public int Level { get; set; }
    public required string CountyCode { get; set; }
    public required string CityCode { get; set; }
    public DateTime FiledAt { get; set; }
    public int FiledBy { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public int? AcknowledgedBy { get; set; }
}

/// <summary>What a city decides for its enterprises: whether a self-declared 智能车间/基础级 must be filed (备案).</summary>
public sealed class CitySetting
{
    public required string CityCode { get; set; }
    public bool RequiresFiling { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int UpdatedBy { get; set; }
}
