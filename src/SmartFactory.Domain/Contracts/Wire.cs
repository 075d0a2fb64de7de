using System.Text.Encodings.Web;
using System.Text.Json;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Contracts;

/// <summary>
/// The JSON wire format shared by the CLI (<c>--json</c>) and the HTTP API, so both say exactly the same thing.
/// Tier values are the English codes; "none" is a scenario not built.
/// </summary>
public static class Wire
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    /// <summary>The same format without indentation, for JSON that is stored rather than read by people (submission snapshots).</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };

    public static GradeResultDto ToDto(this GradeResult r) => new(
        r.Edition,
        r.RuleSetId,
        r.RuleSetVersion,
        r.RecommendedTier?.Code(),
        r.ReferenceLevel?.Code(),
        r.Index,
        r.StageIndexes.Select(s => new StageIndexDto(s.Stage, s.Index)).ToList(),
        r.NextTier?.Code(),
        r.Tiers.Select(t => new TierDto(t.Tier.Code(), t.Passed, t.Checks.Select(c => c.ToDto(t.Tier)).ToList())).ToList(),
        r.Plan is { } p
            ? new PlanDto(
                p.Target.Code(),
                p.Cost,
                p.Upgrades.Select(ToDto).ToList(),
                p.AiFlags.Select(no => new AiFlagDto(no)).ToList(),
                p.OtherActions.Select(a => new ActionDto(a.Gate.Code(), Value(a.Required), Value(a.Actual))).ToList())
            : null);

    /// <summary>A roadmap to the enterprise's own target (decision 031): its scenario changes, AI flags and yearly milestones.</summary>
    public static RoadmapPlanDto ToDto(this Roadmap r) => new(
        r.Target.Code(), r.Year, r.From?.Code(), r.ScenariosReached, r.Cost,
        r.Upgrades.Select(ToDto).ToList(),
        r.AiFlags.Select(no => new AiFlagDto(no)).ToList(),
        r.Milestones.Select(m => new MilestoneDto(m.Year, m.Tier.Code(), m.Cost, m.Upgrades.Select(ToDto).ToList(), m.AiFlags.Select(no => new AiFlagDto(no)).ToList())).ToList(),
        r.OtherActions.Select(a => new ActionDto(a.Gate.Code(), Value(a.Required), Value(a.Actual))).ToList());

    private static UpgradeDto ToDto(ScenarioUpgrade u) => new(u.No, u.From?.Code() ?? "none", u.To.Code(), u.Steps);

    public static CheckDto ToDto(this GateCheck c) =>
        new(c.Gate.Code(), c.Gate.ChineseName(), Value(c.Required), Value(c.Actual), c.Passed, c.Provenance.Code(),
            c.Share is { } s ? new AiShareDto(s.Share, s.Counting) : null);

    /// <summary>A check of a tier, with its plain-Chinese sentence (the one the pages and the PDF print).</summary>
    public static CheckDto ToDto(this GateCheck c, Tier tier)
    {
        var dto = c.ToDto();
        return dto with { Text = GateText.Describe(dto, tier.Code()) };
    }

    public static ScenarioDto ToDto(this Scenario s)
    {
        DescriptionsDto ByTier(Func<Tier, string?> text) =>
            new(text(Tier.Workshop), text(Tier.Basic), text(Tier.Advanced), text(Tier.Excellent), text(Tier.Leading));
        return new(s.No, s.Stage, s.Name, ByTier(s.Description),
            s.Help is { } help ? new HelpDto(help.Meaning, ByTier(t => help.Evidence.GetValueOrDefault(t)), help.Examples) : null);
    }

    private static object Value(GateValue v) => v switch
    {
        NumberValue n => n.Value,
        FlagValue f => f.Value,
        StagesValue s => s.Stages,
        _ => throw new ArgumentOutOfRangeException(nameof(v)),
    };
}

public sealed record GradeResultDto(
    string Edition,
    string RuleSet,
    string RuleSetVersion,
    string? RecommendedTier,
    string? ReferenceLevel,
    decimal Index,
    IReadOnlyList<StageIndexDto> StageIndex,
    string? NextTier,
    IReadOnlyList<TierDto> Tiers,
    PlanDto? Plan);

public sealed record StageIndexDto(string Stage, decimal Index);

public sealed record TierDto(string Tier, bool Passed, IReadOnlyList<CheckDto> Checks);

/// <summary>
/// <c>required</c> and <c>actual</c> are a number, a boolean or a list of stage names, by gate; <c>share</c> (AI gate only)
/// is what the required number is a share of; <c>text</c> says the whole check in Chinese. Results stored before these
/// two fields existed read them as null.
/// </summary>
public sealed record CheckDto(string Gate, string Label, object Required, object Actual, bool Passed, string Provenance, AiShareDto? Share = null, string? Text = null);

/// <summary>At least ⌈share × counting⌉ of the <c>counting</c> scenarios at the tier apply AI.</summary>
public sealed record AiShareDto(decimal Share, int Counting);

public sealed record PlanDto(string Tier, int Cost, IReadOnlyList<UpgradeDto> Upgrades, IReadOnlyList<AiFlagDto> AiFlags, IReadOnlyList<ActionDto> OtherActions);

public sealed record UpgradeDto(int No, string From, string To, int Steps);

/// <summary>
/// <c>from</c>: the highest tier whose scenario gates hold now (null: none); <c>scenariosReached</c>: they already hold
/// at the target, so only <c>otherActions</c> (DT score, CMMM level, basic requirements) remain. <c>cost</c> is priced
/// with the enterprise's own estimates; <c>milestones</c> split the changes into the years up to <c>year</c>.
/// </summary>
public sealed record RoadmapPlanDto(string Target, int Year, string? From, bool ScenariosReached, int Cost, IReadOnlyList<UpgradeDto> Upgrades,
    IReadOnlyList<AiFlagDto> AiFlags, IReadOnlyList<MilestoneDto> Milestones, IReadOnlyList<ActionDto> OtherActions);

/// <summary>One year of a roadmap: the tier it reaches, its changes and their cost.</summary>
public sealed record MilestoneDto(int Year, string Tier, int Cost, IReadOnlyList<UpgradeDto> Upgrades, IReadOnlyList<AiFlagDto> AiFlags);

public sealed record AiFlagDto(int No);

public sealed record ActionDto(string Gate, object Required, object Actual);

/// <summary><c>help</c>: the guidance shown beside the scenario (catalog data): what it means, what evidence shows each tier, examples.</summary>
public sealed record ScenarioDto(int No, string Stage, string Name, DescriptionsDto Descriptions, HelpDto? Help = null);

/// <summary>What the scenario means, what evidence shows each defined tier (null where the tier is not defined), and typical examples.</summary>
public sealed record HelpDto(string Meaning, DescriptionsDto Evidence, IReadOnlyList<string> Examples);

public sealed record DescriptionsDto(string? Workshop, string? Basic, string? Advanced, string? Excellent, string? Leading);
