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

    /// <summary>
    /// The next draft's evidence files as references to the bytes of the submission's (decision 029): the DT and CMMM
    /// files as they are, a scenario's files with their scenario where it went on (<see cref="Following"/>); the files of a
    /// scenario the later edition dropped stay with the submission.
    /// </summary>
    public static List<EvidenceFile> Files(IEnumerable<EvidenceFile> from, EditionMapping mapping) => from
        .Select(f => (File: f, To: f.ScenarioNo is { } no ? Following(mapping, no) : null))
        .Where(x => x.File.ScenarioNo is null || x.To is not null)
        .Select(x => new EvidenceFile
        {
            ScenarioNo = x.To,
            Purpose = x.File.Purpose,
            FileName = x.File.FileName,
            ContentType = x.File.ContentType,
            Size = x.File.Size,
            StoredName = x.File.StoredName,
            Sha256 = x.File.Sha256,
            UploadedAt = x.File.UploadedAt,
            UploadedBy = x.File.UploadedBy,
            ContentFileId = x.File.ContentFileId ?? x.File.Id,
        }).ToList();

    /// <summary>Where a scenario's evidence goes in the later edition: the scenario it went on as (the first part of a split).</summary>
    private static int? Following(EditionMapping mapping, int no) => mapping.ToEdition(no).Cast<int?>().FirstOrDefault();

    /// <summary>Moves an open draft (tracked, with ratings and files) to the mapping's later edition.</summary>
    public static void Move(AssessmentRecord draft, EditionMapping mapping, int userId, DateTime now)
    {
        var carried = Ratings(draft.Ratings, mapping, userId, now);
        draft.Ratings.Clear();
        draft.Ratings.AddRange(carried);
        foreach (var file in draft.Files.Where(f => f.ScenarioNo is not null))
        {
            // Evidence stays with the draft; it follows its scenario where the scenario went on.
            file.ScenarioNo = Following(mapping, file.ScenarioNo!.Value);
        }
        draft.Edition = mapping.To.Edition;
        draft.UpdatedAt = now;
        draft.UpdatedBy = userId;
    }
}
