using SmartFactory.Domain.Assessments;

namespace SmartFactory.Domain.Catalogs;

/// <summary>An earlier edition's scenario and how the enterprise rated it then.</summary>
public readonly record struct EarlierScenario(int No, string Name, ScenarioRating Rating);

/// <summary>
/// One row of a comparison of two rounds: a later-edition scenario (<see cref="No"/> null for an earlier scenario
/// that was removed), the earlier scenarios it came from with their ratings, the earlier rating carried onto the
/// later scenario by the same rule as a prefilled draft, and the later rating.
/// </summary>
public sealed record ScenarioComparison
{
    public required MappingKind Kind { get; init; }
    public int? No { get; init; }
    public string? Name { get; init; }
    public string? Stage { get; init; }
    public required IReadOnlyList<EarlierScenario> Earlier { get; init; }
    public required CarriedRating Carried { get; init; }
    public required ScenarioRating Later { get; init; }

    /// <summary>Why the carried rating reads as it does (see <see cref="EditionMapping.Note"/>); null where nothing changed.</summary>
    public string? Note { get; init; }

    /// <summary>The operator's note on this change in the mapping file.</summary>
    public string? MappingNote { get; init; }

    /// <summary>Tiers gained from the earlier round to the later (negative for a loss), both on the later scenario's scale; 0 for a removed scenario.</summary>
    public int Change => Later.Level.Ordinal() - Carried.Carried.Level.Ordinal();
}

public sealed partial class EditionMapping
{
    /// <summary>
    /// Two rounds of one enterprise, the earlier rated on <see cref="From"/>, the later on <see cref="To"/>: a row per
    /// later scenario in catalog order, then a row per removed earlier scenario.
    /// </summary>
    public IReadOnlyList<ScenarioComparison> Compare(IReadOnlyDictionary<int, ScenarioRating> earlier, IReadOnlyDictionary<int, ScenarioRating> later)
    {
        var rows = new List<ScenarioComparison>();
        foreach (var target in To.Scenarios)
        {
            var entry = EntryTo(target.No)!;
            var carried = Carry(target.No, earlier);
            rows.Add(new ScenarioComparison
            {
                Kind = entry.Kind, No = target.No, Name = target.Name, Stage = target.Stage,
                Earlier = EarlierOf(entry, earlier), Carried = carried, Later = later.GetValueOrDefault(target.No),
                Note = Note(target.No, carried), MappingNote = entry.Note,
            });
        }
        foreach (var entry in Entries.Where(e => e.Kind == MappingKind.Removed))
        {
            foreach (var source in EarlierOf(entry, earlier))
            {
                rows.Add(new ScenarioComparison
                {
                    Kind = MappingKind.Removed, Earlier = [source], Later = default, MappingNote = entry.Note,
                    Carried = new CarriedRating(source.Rating, default, CarryOutcome.Removed, false),
                    Note = $"{To.Edition} 已删除该场景。",
                });
            }
        }
        return rows;
    }

    private List<EarlierScenario> EarlierOf(MappingEntry entry, IReadOnlyDictionary<int, ScenarioRating> ratings) =>
        entry.From.Select(no => new EarlierScenario(no, From.Find(no)!.Name, ratings.GetValueOrDefault(no))).ToList();
}
