namespace SmartFactory.Web.Data;

/// <summary>What a platform issues about an enterprise, identified by its credit code (decision 038).</summary>
public enum IssuedKind
{
    /// <summary>数字化转型通用评估 (旗舰店): a score 0–100.</summary>
    Dt = 1,

    /// <summary>智能制造能力成熟度 (national CMMM platform): a level 1–5, optionally a score.</summary>
    Cmmm = 2,

    /// <summary>人工智能场景应用等级 (its own self-test): a level 1–5.</summary>
    Ai = 3,
}

/// <summary>
/// One result issued by a platform and imported by the province (a workbook or CSV) or pushed by the platform's machine
/// client (API). Rows are never edited: a later import of the same kind for the same credit code marks the current row
/// superseded and adds a new one, so what changed can be shown. At most one current row per credit code and kind.
/// An enterprise need not be registered yet: its drafts take the current rows when they start.
/// </summary>
public sealed class IssuedResult
{
    public int Id { get; set; }
    public IssuedKind Kind { get; set; }
    public required string CreditCode { get; set; }

    /// <summary>DT: the score; CMMM: the optional score; AI: null.</summary>
    public decimal? Score { get; set; }

    /// <summary>CMMM and AI: the level 1–5; DT: null.</summary>
    public int? Level { get; set; }
    public DateOnly IssuedOn { get; set; }

    /// <summary>The issuing platform or body, as the file names it (e.g. 江苏省数字化转型服务旗舰店).</summary>
    public required string Issuer { get; set; }

    /// <summary>The platform's reference (编号) of the assessment, when it gives one.</summary>
    public string? Reference { get; set; }
    public DateTime ImportedAt { get; set; }

    /// <summary>The user (or the machine client's account) whose import brought the row.</summary>
    public int ImportedBy { get; set; }

    /// <summary>Null while current; when a later import replaced it.</summary>
    public DateTime? SupersededAt { get; set; }
}
