using System.Text.Json;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>
/// A submission's snapshot as the web app stores it (Drafts.SnapshotJson in SmartFactory.Web: the assessment input
/// format through <see cref="Wire.Compact"/>, ratings by number); a submitted draft lists every scenario, "none" included.
/// </summary>
internal static class Snapshots
{
    public static string Json(Assessment a, Catalog catalog, bool listsNotBuilt = true) => JsonSerializer.Serialize(new
    {
        edition = a.Edition,
        dtScore = a.DtScore,
        cmmmLevel = a.CmmmLevel,
        basicRequirementsMet = a.BasicRequirementsMet,
        scenarios = catalog.Scenarios
            .Where(s => listsNotBuilt || a.Ratings.ContainsKey(s.No))
            .Select(s => new { no = s.No, level = Tiers.RatingCode(a.RatingOf(s.No).Level.Ordinal()), ai = a.RatingOf(s.No).Ai }),
    }, Wire.Compact);

    /// <summary>Everything the grader reads of an assessment, comparable with <c>Assert.Equal</c>.</summary>
    public static (string Edition, decimal Dt, int Cmmm, bool Basic, int Count, string Ratings) Seen(Assessment a) => (
        a.Edition, a.DtScore, a.CmmmLevel, a.BasicRequirementsMet, a.Ratings.Count,
        string.Join(" ", a.Ratings.OrderBy(r => r.Key).Select(r => $"{r.Key}:{r.Value.Level.Ordinal()}{(r.Value.Ai ? "+AI" : "")}")));
}
