using SmartFactory.Domain.Assessments;

namespace SmartFactory.Domain.Catalogs;

/// <summary>How an earlier rating reached a later scenario.</summary>
public enum CarryOutcome
{
    /// <summary>The scenario is new: nothing to carry.</summary>
    New,
    /// <summary>The earlier rating (for a merge: the lowest) was 未建设.</summary>
    NotBuilt,
    Carried,
    /// <summary>The later scenario does not define the earlier tier; the highest defined tier below it was taken.</summary>
    Lowered,
    /// <summary>The later scenario defines neither the earlier tier nor any below it.</summary>
    Dropped,
    /// <summary>The earlier scenario has no successor (a comparison's row of a removed scenario).</summary>
    Removed,
}

/// <summary>One later scenario's reading of the earlier ratings: what it came from, what it carries, and how.</summary>
public readonly record struct CarriedRating(ScenarioRating Earlier, ScenarioRating Carried, CarryOutcome Outcome, bool AiPartly);

/// <summary>A draft's ratings on the later edition, and the reasons an enterprise is shown beside them.</summary>
public sealed record Prefilled(
    IReadOnlyDictionary<int, ScenarioRating> Ratings,
    IReadOnlyDictionary<int, string> Notes,
    IReadOnlyList<string> Removed);

public sealed partial class EditionMapping
{
    /// <summary>The earlier ratings on the later edition's scenarios (only those rated), without notes: for trends over many enterprises.</summary>
    public Dictionary<int, ScenarioRating> MapRatings(IReadOnlyDictionary<int, ScenarioRating> fromRatings) => Rated(CarryAll(fromRatings));

    /// <summary>A draft under the later edition from a submission under the earlier one, with a note on every changed scenario.</summary>
    public Prefilled Prefill(IReadOnlyDictionary<int, ScenarioRating> fromRatings)
    {
        var carried = CarryAll(fromRatings).ToList();
        var notes = new Dictionary<int, string>();
        foreach (var (no, rating) in carried)
        {
            if (Note(no, rating) is { } note)
            {
                notes[no] = note;
            }
        }
        var removed = Entries.Where(e => e.Kind == MappingKind.Removed)
            .SelectMany(e => e.From)
            .Where(no => fromRatings.GetValueOrDefault(no).Level is not null)
            .Select(no => $"{From.Edition} 场景 {no}“{From.Find(no)!.Name}”（原评价：{fromRatings[no].Level.ChineseName()}）在 {To.Edition} 中已删除，评价不再延续。")
            .ToList();
        return new Prefilled(Rated(carried), notes, removed);
    }

    private IEnumerable<(int No, CarriedRating Rating)> CarryAll(IReadOnlyDictionary<int, ScenarioRating> fromRatings) =>
        To.Scenarios.Select(s => (s.No, Carry(s.No, fromRatings)));

    /// <summary>Like an assessment's ratings, a scenario left 未建设 is absent.</summary>
    private static Dictionary<int, ScenarioRating> Rated(IEnumerable<(int No, CarriedRating Rating)> carried) => carried
        .Where(c => c.Rating.Carried.Level is not null)
        .ToDictionary(c => c.No, c => c.Rating.Carried);

    /// <summary>
    /// The one rule of carrying: one source carries its rating; a merge takes the lowest of its sources (未建设 counts as
    /// lowest) and applies AI only where every source did; the result is fitted to the tiers the later scenario defines.
    /// </summary>
    public CarriedRating Carry(int toNo, IReadOnlyDictionary<int, ScenarioRating> fromRatings)
    {
        var entry = EntryTo(toNo) ?? throw new ArgumentOutOfRangeException(nameof(toNo), toNo, $"{To.Edition} has no scenario {toNo}");
        if (entry.Kind == MappingKind.New)
        {
            return new CarriedRating(default, default, CarryOutcome.New, false);
        }
        var sources = entry.From.Select(no => fromRatings.GetValueOrDefault(no)).ToList();
        var lowest = sources.MinBy(r => r.Level.Ordinal());
        var earlier = lowest with { Ai = lowest.Level is not null && sources.All(r => r.Ai) };
        var aiPartly = earlier.Level is not null && !earlier.Ai && sources.Any(r => r.Ai);
        var (carried, outcome) = Fit(To.Find(toNo)!, earlier);
        return new CarriedRating(earlier, carried, outcome, aiPartly);
    }

    private static (ScenarioRating Carried, CarryOutcome Outcome) Fit(Scenario target, ScenarioRating rating)
    {
        if (rating.Level is not { } level)
        {
            return (default, CarryOutcome.NotBuilt);
        }
        if (target.IsDefined(level))
        {
            return (rating, CarryOutcome.Carried);
        }
        for (var below = level - 1; below >= Tier.Workshop; below--)
        {
            if (target.IsDefined(below))
            {
                return (rating with { Level = below }, CarryOutcome.Lowered);
            }
        }
        return (default, CarryOutcome.Dropped);
    }

    /// <summary>Why a later scenario reads as it does; null where nothing changed (same scenario, rating carried or none).</summary>
    public string? Note(int toNo, CarriedRating carried)
    {
        var entry = EntryTo(toNo)!;
        if (entry.Kind == MappingKind.New)
        {
            return $"{To.Edition} 新增场景，请按本版描述自评。";
        }
        if (entry.Kind == MappingKind.Same && carried.Outcome is CarryOutcome.Carried or CarryOutcome.NotBuilt)
        {
            return null;
        }
        var earlier = carried.Earlier.Level.ChineseName();
        var origin = entry.Kind switch
        {
            MappingKind.Same => $"{From.Edition} 场景 {entry.From[0]} 原评价：{earlier}",
            MappingKind.Renamed => $"由 {From.Edition} 场景 {entry.From[0]}“{From.Find(entry.From[0])!.Name}”更名而来，原评价：{earlier}",
            MappingKind.Split => $"由 {From.Edition} 场景 {entry.From[0]}“{From.Find(entry.From[0])!.Name}”拆分而来，原评价：{earlier}",
            _ => $"由 {From.Edition} 场景 {string.Join("、", entry.From)} 合并而来，取较低等级：{earlier}",
        };
        var outcome = carried.Outcome switch
        {
            CarryOutcome.NotBuilt => "，未预填。",
            CarryOutcome.Carried => "，已预填。",
            CarryOutcome.Lowered => $"；本版该场景未定义{earlier}，预填为{carried.Carried.Level.ChineseName()}。",
            CarryOutcome.Dropped => $"；本版该场景未定义{earlier}及以下等级，未预填。",
            _ => throw new ArgumentOutOfRangeException(nameof(carried), carried.Outcome, null),
        };
        var ai = carried.AiPartly ? "来源场景并非都应用 AI，未预填“应用 AI”。" : "";
        return origin + outcome + ai;
    }
}
