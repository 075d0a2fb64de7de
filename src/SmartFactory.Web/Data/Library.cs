using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Web.Data;

public enum LibraryKind
{
    Catalog = 1,
    RuleSet = 2,
    Mapping = 3,
}

/// <summary>
/// A catalog edition, rule-set version or edition mapping that an administrator loaded (decision 019); the data files
/// are the library's first entries and are not stored here. The text is kept as loaded: it is what is validated,
/// diffed and downloaded. Rows are never deleted once published; <see cref="Revision"/> tells every node that the
/// library changed.
/// </summary>
public sealed class LibraryEntry
{
    public int Id { get; set; }
    public LibraryKind Kind { get; set; }

    /// <summary>"JS-2027" for a catalog, "JS-2026@2026.2" for a rule-set version, "JS-2026→JS-2027" for a mapping.</summary>
    public required string Key { get; set; }
    public required string Json { get; set; }
    public string? Title { get; set; }

    /// <summary>For rule-set versions: draft, published or withdrawn; catalogs and mappings are usable once loaded.</summary>
    public Publication State { get; set; }

    /// <summary>The first round (year) a published rule-set version grades.</summary>
    public int? AppliesFrom { get; set; }

    /// <summary>Grows with every change of any entry: a node whose library is older reloads it.</summary>
    public long Revision { get; set; }

    public DateTime LoadedAt { get; set; }
    public int? LoadedBy { get; set; }
    public DateTime? PublishedAt { get; set; }
    public int? PublishedBy { get; set; }
    public DateTime? WithdrawnAt { get; set; }
    public int? WithdrawnBy { get; set; }
}

public enum SimulationState
{
    Running = 1,
    Done = 2,
    Failed = 3,
}

/// <summary>
/// A policy simulation: every latest submission in a scope regraded under a rule-set version. It runs on the node
/// that was asked; any node shows its progress and result from this row.
/// </summary>
public sealed class SimulationRun
{
    public int Id { get; set; }
    public required string RuleSetKey { get; set; }

    /// <summary>The scope: a city, a county, or neither (the province).</summary>
    public string? CityCode { get; set; }
    public string? CountyCode { get; set; }
    public SimulationState State { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public DateTime StartedAt { get; set; }
    public int StartedBy { get; set; }

    /// <summary>Written with the progress; a running simulation whose node stopped writing is shown as interrupted.</summary>
    public DateTime HeartbeatAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? ResultJson { get; set; }
    public string? Error { get; set; }
}

/// <summary>An enterprise whose level the simulated version changes.</summary>
public sealed class SimulationChange
{
    public long Id { get; set; }
    public int SimulationId { get; set; }
    public int EnterpriseId { get; set; }
    public int AssessmentId { get; set; }

    /// <summary>Reference-level ordinals (0 = none) before and after.</summary>
    public int From { get; set; }
    public int To { get; set; }
}
