using System.ComponentModel.DataAnnotations;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// The edits of a draft, shared by the pages and the API: each checks its input, changes the draft or nothing,
/// and returns why not in Chinese. The caller saves.
/// </summary>
public static class DraftCommands
{
    public static string? Rate(AssessmentRecord draft, Catalog catalog, int no, string? level, bool ai, string? evidence, int userId, DateTime now)
    {
        if (AssessmentRules.ScenarioExists(catalog, no) is { } missing)
        {
            return missing;
        }
        var scenario = catalog.Find(no)!;
        if (!Tiers.TryParseRating(level, out var tier))
        {
            return $"请为场景 {no}“{scenario.Name}”选择建设等级或“未建设”（可用：{Tiers.AcceptedNames}）。";
        }
        if ((AssessmentRules.Rating(scenario, tier, ai) ?? AssessmentRules.EvidenceLength(evidence)) is { } refused)
        {
            return refused;
        }
        var rating = draft.Ratings.FirstOrDefault(r => r.ScenarioNo == no);
        if (rating is null)
        {
            rating = new RatingRecord { AssessmentId = draft.Id, ScenarioNo = no };
            draft.Ratings.Add(rating);
        }
        rating.Level = tier.Ordinal();
        rating.Ai = ai;
        rating.Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        rating.EvidenceHash = Drafts.EvidenceHash(rating.Evidence);
        rating.UpdatedAt = now;
        rating.UpdatedBy = userId;
        Touch(draft, userId, now);
        return null;
    }

    /// <summary>The basics' fields, by the name of their <see cref="BasicsRequest"/> property: the page saves each on its own.</summary>
    public static readonly IReadOnlyList<string> BasicsFields =
    [
        nameof(BasicsRequest.DtScore), nameof(BasicsRequest.DtDate), nameof(BasicsRequest.CmmmLevel), nameof(BasicsRequest.CmmmScore),
        nameof(BasicsRequest.CmmmDate), nameof(BasicsRequest.CmmmSource), nameof(BasicsRequest.Attested), nameof(BasicsRequest.BasicEvidence),
    ];

    /// <summary>
    /// Saves the basics, or returns every problem found and changes nothing (the API: one request, one answer). A problem's
    /// place is the name of the <see cref="BasicsRequest"/> property it concerns (empty for the whole request).
    /// </summary>
    public static IReadOnlyList<Problem> SaveBasics(AssessmentRecord draft, BasicsRequest input, BasicRequirementList requirements, int userId, DateTime now)
    {
        var problems = BasicsProblems(draft, input, requirements, BeijingTime.Today(now));
        if (problems.Count > 0)
        {
            return problems;
        }
        Write(draft, input, BasicsFields.Except(IssuedFields(draft)), userId, now);
        return [];
    }

    /// <summary>
    /// Saves one field of the basics (the page's autosave: one slip in a field never holds back what is typed in the
    /// others), or returns its problems and changes nothing. Only that field's checks apply.
    /// </summary>
    public static IReadOnlyList<Problem> SaveBasicsField(AssessmentRecord draft, BasicsRequest input, string field, BasicRequirementList requirements, int userId, DateTime now)
    {
        if (IssuedFields(draft).Contains(field))
        {
            return [new Problem(field, IssuedRefusal(field))];
        }
        var problems = BasicsProblems(draft, input, requirements, BeijingTime.Today(now)).Where(p => p.Place.Length == 0 || p.Place == field).ToList();
        if (problems.Count > 0)
        {
            return problems;
        }
        Write(draft, input, [field], userId, now);
        return [];
    }

    private static void Write(AssessmentRecord draft, BasicsRequest input, IEnumerable<string> fields, int userId, DateTime now)
    {
        foreach (var field in fields)
        {
            switch (field)
            {
                case nameof(input.DtScore): draft.DtScore = input.DtScore; break;
                case nameof(input.DtDate): draft.DtDate = input.DtDate; break;
                case nameof(input.CmmmLevel): draft.CmmmLevel = input.CmmmLevel; break;
                case nameof(input.CmmmScore): draft.CmmmScore = input.CmmmScore; break;
                case nameof(input.CmmmDate): draft.CmmmDate = input.CmmmDate; break;
                case nameof(input.CmmmSource): draft.CmmmSource = input.CmmmSource?.Trim(); break;
                case nameof(input.Attested): draft.BasicRequirements = string.Join(",", input.Attested.Distinct().Order()); break;
                case nameof(input.BasicEvidence): draft.BasicEvidence = input.BasicEvidence?.Trim(); break;
                default: throw new ArgumentOutOfRangeException(nameof(fields), field, "not a field of the basics");
            }
        }
        Touch(draft, userId, now);
    }

    /// <summary>
    /// The basics' fields a draft took from an issued result (decision 038): read-only. A whole-form save leaves them as
    /// they are, and refuses only a different value sent for one of them.
    /// </summary>
    public static IReadOnlyList<string> IssuedFields(AssessmentRecord draft) =>
    [
        .. draft.DtIssuedId is null ? [] : new[] { nameof(BasicsRequest.DtScore), nameof(BasicsRequest.DtDate) },
        .. draft.CmmmIssuedId is null ? [] : new[] { nameof(BasicsRequest.CmmmLevel), nameof(BasicsRequest.CmmmScore), nameof(BasicsRequest.CmmmDate), nameof(BasicsRequest.CmmmSource) },
    ];

    private static string IssuedRefusal(string field) =>
        $"{(field.StartsWith("Dt", StringComparison.Ordinal) ? "数字化转型评估结果" : "智能制造能力成熟度结果")}由平台出具，不能修改；如有异议，请联系出具平台更正。";

    private static List<Problem> BasicsProblems(AssessmentRecord draft, BasicsRequest input, BasicRequirementList requirements, DateOnly today)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        var problems = results.Select(r => new Problem(r.MemberNames.FirstOrDefault() ?? "", r.ErrorMessage!)).ToList();
        void Check(string property, string? problem)
        {
            if (problem is not null)
            {
                problems.Add(new Problem(property, problem));
            }
        }
        Check(nameof(input.DtScore), AssessmentRules.DtScore(input.DtScore));
        Check(nameof(input.DtDate), AssessmentRules.DtDate(input.DtDate, today));
        Check(nameof(input.CmmmLevel), AssessmentRules.CmmmLevel(input.CmmmLevel));
        Check(nameof(input.CmmmScore), AssessmentRules.CmmmScore(input.CmmmScore));
        Check(nameof(input.CmmmDate), AssessmentRules.CmmmDate(input.CmmmDate, today));
        Check(nameof(input.BasicEvidence), AssessmentRules.EvidenceLength(input.BasicEvidence));
        var issued = new Dictionary<string, (object? Sent, object? Held)>
        {
            [nameof(input.DtScore)] = (input.DtScore, draft.DtScore), [nameof(input.DtDate)] = (input.DtDate, draft.DtDate),
            [nameof(input.CmmmLevel)] = (input.CmmmLevel, draft.CmmmLevel), [nameof(input.CmmmScore)] = (input.CmmmScore, draft.CmmmScore),
            [nameof(input.CmmmDate)] = (input.CmmmDate, draft.CmmmDate), [nameof(input.CmmmSource)] = (input.CmmmSource?.Trim(), draft.CmmmSource),
        };
        foreach (var field in IssuedFields(draft))
        {
            if (issued[field] is ({ } sent, var held) && !sent.Equals(held))
            {
                problems.RemoveAll(p => p.Place == field);
                Check(field, IssuedRefusal(field));
            }
        }
        // JSON may send "attested": null, which replaces the empty list; the form never does.
        if (input.Attested is null)
        {
            Check(nameof(input.Attested), "attested 应为已承诺的基本要求键的数组（没有则为空数组 []）。");
        }
        else if (input.Attested.Except(requirements.Keys).Any())
        {
            Check(nameof(input.Attested), $"未知的基本要求项，可用：{string.Join("、", requirements.Keys)}。");
        }
        return problems;
    }

    /// <summary>
    /// Checks completeness and the pledge, then freezes the draft and saves it with its audit event, in one transaction
    /// with clearing the earlier latest submission, so an enterprise is never left with none or two.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SubmitAsync(AppDbContext db, AssessmentRecord draft, EditionLibrary editions, PledgeRequest pledge, int userId, DateTime now, string channel)
    {
        var problems = Drafts.Missing(draft, editions.Catalog(draft.Edition)!);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(pledge, new ValidationContext(pledge), results, validateAllProperties: true);
        problems.AddRange(results.Select(r => r.ErrorMessage!));
        if (!pledge.Agree)
        {
            problems.Add("请勾选同意真实性承诺。");
        }
        if (problems.Count > 0)
        {
            return problems;
        }
        draft.PledgeSignatory = pledge.Signatory.Trim();
        draft.PledgePosition = pledge.Position.Trim();
        draft.PledgeDate = pledge.PledgeDate;
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await Drafts.ClearLatestAsync(db, draft.EnterpriseId);
        Drafts.Freeze(draft, editions, userId, now);
        db.Record(now, userId, draft.EnterpriseId, "assessment.submitted", $"{draft.Id} level {draft.ReferenceLevel}{channel}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return [];
    }

    private static void Touch(AssessmentRecord draft, int userId, DateTime now)
    {
        draft.UpdatedAt = now;
        draft.UpdatedBy = userId;
    }
}

/// <summary>The truthfulness pledge signed with a submission.</summary>
public sealed class PledgeRequest
{
    [Display(Name = "承诺人"), Required(ErrorMessage = "请填写承诺人姓名。"), StringLength(50, ErrorMessage = "承诺人姓名不超过 50 个字符。")]
    public string Signatory { get; set; } = "";

    [Display(Name = "职务"), Required(ErrorMessage = "请填写承诺人职务。"), StringLength(50, ErrorMessage = "职务不超过 50 个字符。")]
    public string Position { get; set; } = "";

    [Display(Name = "承诺日期"), Required(ErrorMessage = "请填写承诺日期。")]
    public DateOnly? PledgeDate { get; set; }

    [Display(Name = "我已阅读并同意真实性承诺")]
    public bool Agree { get; set; }
}
