using SmartFactory.Domain.Applications;

namespace SmartFactory.Web.Data;

/// <summary>An enterprise's 省先进级 application with one submission; its state changes only through the domain workflow.</summary>
public sealed class ApplicationRecord
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int AssessmentId { get; set; }
    public ApplicationState State { get; set; }
    public required string CountyCode { get; set; }
    public required string CityCode { get; set; }
    public bool CountyReportsToProvince { get; set; }
    public bool Flagship { get; set; }
    public int? BatchYear { get; set; }

    /// <summary>The 申报批次 it was made in; null for applications made before rounds existed.</summary>
    public int? RoundId { get; set; }
    public CampaignRound? Round { get; set; }

    /// <summary>The city (or direct-reporting county) whose quota its recommendation to the province took; null until then.</summary>
    public string? QuotaDivision { get; set; }

    /// <summary>认定: the document number (文号), the date, the certificate's verification code and how long it is valid.</summary>
    public string? RecognitionDocumentNo { get; set; }
    public DateOnly? RecognisedOn { get; set; }
    public string? CertificateCode { get; set; }
    public DateOnly? ValidUntil { get; set; }

    /// <summary>When the province put it on the 公示 list (proposed for recognition); null while it is not on it.</summary>
    public DateOnly? ProposedOn { get; set; }

    /// <summary>
    /// Who holds the application now (<see cref="ApplicationWorkflow.Holder"/>), kept in columns so that "waiting for me"
    /// is one indexed query at province scale. Set by <see cref="AppDbContext"/> on every save; never by hand.
    /// </summary>
    public OfficialLevel? HolderLevel { get; set; }
    public string? HolderDivision { get; set; }
    public DateTime CreatedAt { get; set; }
    public int CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ApplicationEvent> Events { get; set; } = [];

    public ApplicationRoute Route => new(CountyCode, CityCode, CountyReportsToProvince, Flagship);
}

/// <summary>One step of an application's timeline: who, when, from, to, and the comment.</summary>
public sealed class ApplicationEvent
{
    public long Id { get; set; }
    public int ApplicationId { get; set; }
    public DateTime At { get; set; }
    public int UserId { get; set; }
    public required string UserName { get; set; }
    public required string Role { get; set; }
    public ApplicationState? From { get; set; }
    public ApplicationState To { get; set; }
    public ApplicationAction? Action { get; set; }
    public string? Comment { get; set; }
}

/// <summary>An enterprise lets a service provider fill in its drafts, until it revokes the grant.</summary>
public sealed class ProviderGrant
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public int ProviderUserId { get; set; }
    public User? Provider { get; set; }
    public DateTime GrantedAt { get; set; }
    public int GrantedBy { get; set; }
    public DateTime? RevokedAt { get; set; }
    public int? RevokedBy { get; set; }
}

/// <summary>How many 规上 enterprises a division has, for the progress toward the 基础级 goal; set by officials.</summary>
public sealed class DivisionTarget
{
    public required string DivisionCode { get; set; }
    public int AboveScaleEnterprises { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int UpdatedBy { get; set; }
}
