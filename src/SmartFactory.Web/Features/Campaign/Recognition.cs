using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>What the province writes when it recognises (认定): the 文号, optionally the date and validity; the batch year only without a round.</summary>
public sealed class RecognitionInput
{
    public string? DocumentNo { get; set; }
    public DateOnly? RecognisedOn { get; set; }
    public DateOnly? ValidUntil { get; set; }
    public int? BatchYear { get; set; }
}

/// <summary>
/// 认定 (decision 027): the 文号, the batch (the round, or a year for applications without one), the date, the
/// validity (three years by default) and an unguessable certificate code. An application on a 公示 list is recognised
/// only after its round's objection period has ended.
/// </summary>
public static class Recognition
{
    /// <summary>A certificate is valid for three years: up to the day before the third anniversary of recognition.</summary>
    public const int ValidityYears = 3;

    public const int DocumentNoMaxLength = 100;

    // 32 capitals and digits without 0/O and 1/I (as the recovery codes): 16 of them carry 80 bits, read aloud without confusion.
    public const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int CodeLength = 16;

    public static string NewCode() => RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);

    /// <summary>A code as someone typed it (lower case, spaces, hyphens) in its stored form; null when it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        var code = string.Concat((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
        return code.Length == CodeLength && code.All(CodeAlphabet.Contains) ? code : null;
    }

    /// <summary>The code in groups of four, as printed.</summary>
    public static string Grouped(string code) => string.Join('-', code.Chunk(4).Select(c => new string(c)));

    public static DateOnly DefaultValidUntil(DateOnly recognisedOn) => recognisedOn.AddYears(ValidityYears).AddDays(-1);

    /// <summary>Why a proposed application of this round may not be recognised today; null when it may.</summary>
    public static string? PublicityRefusal(ApplicationRecord application, CampaignRound? round, DateOnly today) =>
        application.ProposedOn is not null && round?.PublicityUntil is DateOnly until && today <= until
            ? $"该企业在“{round.Name}”拟认定名单公示中，公示期至 {until:yyyy-MM-dd}，公示期满后方可认定。"
            : null;

    /// <summary>
    /// Recognises a tracked application: checks the 文号, dates and 公示 period, moves it through the workflow, and fills in
    /// the certificate. Null when done (the caller saves), else why not.
    /// </summary>
    public static async Task<string?> RecogniseAsync(AppDbContext db, ApplicationRecord application, Official me, string divisionName,
        RecognitionInput input, string? comment, int userId, string userName, DateTime now)
    {
        if (ApplicationWorkflow.Holder(application.State, application.Route) != me || !ApplicationWorkflow.AllowedActions(application.State).Contains(ApplicationAction.Recognise))
        {
            // Not this official's step: the workflow says why, before anything is asked of the form.
            return ApplicationCommands.Act(db, application, me, divisionName, ApplicationAction.Recognise, comment, input.BatchYear, userId, userName, now);
        }
        var documentNo = input.DocumentNo?.Trim();
        if (string.IsNullOrEmpty(documentNo))
        {
            return "认定时必须填写认定文号（如“苏工信智能〔2026〕12号”）。";
        }
        if (documentNo.Length > DocumentNoMaxLength || documentNo.Any(char.IsControl))
        {
            return $"认定文号不能超过 {DocumentNoMaxLength} 个字符，且不能含控制字符。";
        }
        var today = BeijingTime.Today(now);
        var recognisedOn = input.RecognisedOn ?? today;
        if (recognisedOn > today)
        {
            return "认定日期不能晚于今天。";
        }
        var validUntil = input.ValidUntil ?? DefaultValidUntil(recognisedOn);
        if (validUntil <= recognisedOn)
        {
            return "有效期截止日期必须晚于认定日期。";
        }
        var round = application.RoundId is int roundId ? await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId) : null;
        if (PublicityRefusal(application, round, today) is { } refusal)
        {
            return refusal;
        }
        if (application.ProposedOn is not null && round?.PublicityUntil is DateOnly until && recognisedOn <= until)
        {
            return $"认定日期应在公示期结束（{until:yyyy-MM-dd}）之后。";
        }
        // Set before the step, so that the notice and mail written with it carry the 文号; taken back if the step is refused.
        (application.RecognitionDocumentNo, application.RecognisedOn, application.ValidUntil, application.CertificateCode) = (documentNo, recognisedOn, validUntil, NewCode());
        if (ApplicationCommands.Act(db, application, me, divisionName, ApplicationAction.Recognise, comment, round?.Year ?? input.BatchYear, userId, userName, now) is { } refused)
        {
            (application.RecognitionDocumentNo, application.RecognisedOn, application.ValidUntil, application.CertificateCode) = (null, null, null, null);
            return refused;
        }
        return null;
    }

    /// <summary>The batch an application was recognised in, as printed: the round's name, or the year for one without a round.</summary>
    public static string BatchName(ApplicationRecord application) =>
        application.Round?.Name ?? (application.BatchYear is int year ? $"{year} 年度" : "—");

    /// <summary>The tier a certificate names: 江苏省先进级智能工厂 (the round's tier, 先进级 for applications without a round).</summary>
    public static string TierName(ApplicationRecord application) => $"江苏省{(application.Round?.Tier ?? Tier.Advanced).ChineseName()}智能工厂";
}

/// <summary>The certificate of a recognised application as a download, with its QR code pointing under Network:PublicBaseUrl.</summary>
public static class Certificates
{
    public static string VerifyPath(string code) => $"/verify/{code}";

    public static byte[] Pdf(HttpRequest request, ApplicationRecord application) =>
        Reports.CertificatePdf.Write(application, application.Enterprise!, request.PublicUrl(VerifyPath(application.CertificateCode!)));

    public static string FileName(ApplicationRecord application) => $"认定证书-{application.Enterprise!.Name}.pdf";
}
