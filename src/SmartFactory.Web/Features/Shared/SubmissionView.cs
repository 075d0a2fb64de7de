using System.Text.Json;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Features.Shared;

/// <summary>A frozen submission as shown to its enterprise and to officials: the stored result, never a regrade.</summary>
public sealed record SubmissionView(AssessmentRecord Submission, GradeResultDto Result, Catalog Catalog, RuleSet RuleSet)
{
    /// <summary>Where its DT score, CMMM level and AI level came from; pages and reports that show them load it.</summary>
    public Issued.AssessmentOrigins Origins { get; init; } = Issued.AssessmentOrigins.None;

    public static SubmissionView Of(AssessmentRecord submission, EditionLibrary editions) => new(
        submission,
        JsonSerializer.Deserialize<GradeResultDto>(submission.Result!.Json, Wire.Options)!,
        editions.Catalog(submission.Edition)!,
        Drafts.RuleSetOf(submission, editions));

    /// <summary>The view with <see cref="Origins"/> loaded, for pages and reports that show where the numbers came from.</summary>
    public static async Task<SubmissionView> WithOriginsAsync(AppDbContext db, AssessmentRecord submission, EditionLibrary editions) =>
        Of(submission, editions) with { Origins = await Issued.AssessmentOrigins.OfAsync(db, submission) };

    public static string TierName(string? code) =>
        code is not null && Tiers.TryParseRating(code, out var t) ? Tiers.ChineseName(t) : "—";

    /// <summary>A result's reference level (a tier code, null when no tier is reached) by name.</summary>
    public static string ReferenceLevelName(string? code) => code is null ? Tiers.ReferenceLevelName((Tier?)null) : TierName(code);
}
