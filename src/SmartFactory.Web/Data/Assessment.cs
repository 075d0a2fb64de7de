namespace SmartFactory.Web.Data;

public enum AssessmentStatus
{
    Draft = 1,
    Submitted = 2,
}

/// <summary>
/// An enterprise's self-assessment of one round. A draft is edited field by field; submission freezes it:
/// the snapshot and result JSON are written once and the row is never edited again.
/// </summary>
public sealed class AssessmentRecord
{
    public int Id { get; set; }
    public int EnterpriseId { get; set; }
    public Enterprise? Enterprise { get; set; }
    public int Year { get; set; }
    public AssessmentStatus Status { get; set; }
    public required string Edition { get; set; }

    public decimal? DtScore { get; set; }
    public DateOnly? DtDate { get; set; }
    public int? CmmmLevel { get; set; }
    public decimal? CmmmScore { get; set; }
    public DateOnly? CmmmDate { get; set; }
    public string? CmmmSource { get; set; }

    /// <summary>The issued result the DT score and date were taken from (read-only then); null when self-reported.</summary>
    public int? DtIssuedId { get; set; }

    /// <summary>The issued result the CMMM level, score, date and body were taken from; null when self-reported.</summary>
    public int? CmmmIssuedId { get; set; }

    /// <summary>The issued 人工智能场景应用等级 in force when the draft was last brought up to date; it has no self-reported value.</summary>
    public int? AiIssuedId { get; set; }

    /// <summary>Keys of the attested basic requirements, comma-separated.</summary>
    public string BasicRequirements { get; set; } = "";
    public string? BasicEvidence { get; set; }

    public List<RatingRecord> Ratings { get; set; } = [];
    public List<EvidenceFile> Files { get; set; } = [];

    public DateTime CreatedAt { get; set; }
    public int CreatedBy { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int UpdatedBy { get; set; }

    public DateTime? SubmittedAt { get; set; }
    public int? SubmittedBy { get; set; }
    public string? PledgeSignatory { get; set; }
    public string? PledgePosition { get; set; }
    public DateOnly? PledgeDate { get; set; }
    public string? RuleSetId { get; set; }
    public string? RuleSetVersion { get; set; }

    /// <summary>Reference level ordinal at submission (0 = none), for lists and dashboards.</summary>
    public int? ReferenceLevel { get; set; }
    public double? Index { get; set; }

    /// <summary>True on each enterprise's most recent submission: what lists and dashboards count.</summary>
    public bool IsLatest { get; set; }

    /// <summary>Per-stage index and next-tier blockers at submission, for dashboards and peer benchmarks.</summary>
    public List<SubmissionFigure> Figures { get; set; } = [];

    /// <summary>The assessment exactly as submitted (the CLI input format).</summary>
    public string? SnapshotJson { get; set; }

    /// <summary>
    /// What the grader reads of the snapshot, compact (<see cref="SmartFactory.Domain.Assessments.GradingInput"/>): a
    /// policy simulation reads it from a narrow index. Null on a draft; "" on a submission from before it whose snapshot
    /// could not be read.
    /// </summary>
    public string? GradingInput { get; set; }

    /// <summary>The grade at submission; null on a draft.</summary>
    public AssessmentResult? Result { get; set; }

    public IEnumerable<string> AttestedKeys => BasicRequirements.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// A submission's grade as frozen at submission (the CLI --json result), read by its result page, report and API. In a
/// table of its own: at ~8 KB it is most of a submission's bytes, and lists, dashboards and policy simulations that scan
/// submissions never read it (decision 019).
/// </summary>
public sealed class AssessmentResult
{
    public int AssessmentId { get; set; }
    public required string Json { get; set; }
}

/// <summary>
/// One number of a submission kept for aggregation: a stage index (Kind "stage", Code = stage number),
/// a gate that fails at the next tier (Kind "gate", Code = gate code) or a scenario in the plan (Kind "scenario", Code = number).
/// </summary>
public sealed class SubmissionFigure
{
    public long Id { get; set; }
    public int AssessmentId { get; set; }
    public required string Kind { get; set; }
    public required string Code { get; set; }
    public double Value { get; set; }
}

public sealed class RatingRecord
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }
    public int ScenarioNo { get; set; }

    /// <summary>0 = 未建设, 1 (workshop) … 5 (leading).</summary>
    public int Level { get; set; }
    public bool Ai { get; set; }
    public string? Evidence { get; set; }

    /// <summary>SHA-256 of the normalised evidence text, to find identical text across enterprises.</summary>
    public string? EvidenceHash { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int UpdatedBy { get; set; }
}

public sealed class EvidenceFile
{
    public int Id { get; set; }
    public int AssessmentId { get; set; }

    /// <summary>The scenario it supports; null for DT-score or CMMM evidence.</summary>
    public int? ScenarioNo { get; set; }
    public required string Purpose { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string StoredName { get; set; }
    public required string Sha256 { get; set; }
    public DateTime UploadedAt { get; set; }
    public int UploadedBy { get; set; }

    /// <summary>
    /// For a file carried into a later round's draft (decision 029): the file whose stored bytes it shares; null when it
    /// has bytes of its own. No foreign key: the original belongs to a submission, which is never deleted.
    /// </summary>
    public int? ContentFileId { get; set; }

    /// <summary>The bytes, loaded only to serve a download.</summary>
    public EvidenceContent? Content { get; set; }
}
