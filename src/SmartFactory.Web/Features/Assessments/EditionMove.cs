using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// Answers of one catalog edition carried to another through a mapping (decision 019): a draft started after a
/// submission under an older edition, and the drafts a publication moves to its edition. One rule, the mapping's
/// <see cref="EditionMapping.Carry"/>; this only turns its result into rating rows.
/// </summary>
public static class EditionMove
{
    /// <summary>
    /// The later edition's rating rows from the earlier ones. A carried rating keeps its evidence text when it comes from
    /// one scenario; a scenario every source of which was answered 未建设 stays answered; a new (or dropped) scenario is
    /// left for the enterprise to rate.
    /// </summary>
    public static List<RatingRecord> Ratings(IReadOnlyCollection<RatingRecord> from, EditionMapping mapping, int userId, DateTime now)
    {
        var byNo = from.ToDictionary(r => r.ScenarioNo);
        var ratings = Drafts.RatingsOf(from);
        var rows = new List<RatingRecord>();
        foreach (var scenario in mapping.To.Scenarios)
        {
            var carried = mapping.Carry(scenario.No, ratings);
            var sources = mapping.FromEdition(scenario.No);
            var answered = sources.Count > 0 && sources.All(byNo.ContainsKey);
            if (carried.Outcome is CarryOutcome.Carried or CarryOutcome.Lowered || (carried.Outcome == CarryOutcome.NotBuilt && answered))
            {
                var text = sources.Count == 1 && byNo.TryGetValue(sources[0], out var source) ? source : null;
                rows.Add(new RatingRecord
                {
                    ScenarioNo = scenario.No, Level = carried.Carried.Level.Ordinal(), Ai = carried.Carried.Ai,
                    Evidence = text?.Evidence, EvidenceHash = text?.EvidenceHash, UpdatedAt = now, UpdatedBy = userId,
                });
            }
        }
        return rows;
    }

    /// <summary>Moves an open draft (tracked, with ratings and files) to the mapping's later edition.</summary>
    public static void Move(AssessmentRecord draft, EditionMapping mapping, int userId, DateTime now)
    {
        var carried = Ratings(draft.Ratings, mapping, userId, now);
        draft.Ratings.Clear();
        draft.Ratings.AddRange(carried);
        foreach (var file in draft.Files.Where(f => f.ScenarioNo is not null))
        {
            // Evidence stays with the draft; it follows its scenario where the scenario went on (the first part of a split).
            file.ScenarioNo = mapping.ToEdition(file.ScenarioNo!.Value).Cast<int?>().FirstOrDefault();
        }
        draft.Edition = mapping.To.Edition;
        draft.UpdatedAt = now;
        draft.UpdatedBy = userId;
    }
}
