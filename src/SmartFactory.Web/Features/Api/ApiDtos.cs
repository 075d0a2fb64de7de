using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Api;

public sealed record MeDto(int Id, string Login, string Name, string Role, int? EnterpriseId, string? Division);

public sealed record EnterpriseDto(
    int Id, string CreditCode, string Name, string CityCode, string? CityName, string CountyCode, string? CountyName,
    string IndustryCode, string? IndustryName, string Size, bool IsAboveScale, bool IsFlagshipChain)
{
    public static EnterpriseDto Of(Enterprise e, Regions r) => new(e.Id, e.CreditCode, e.Name, e.CityCode, r.City(e.CityCode)?.Name,
        e.CountyCode, r.County(e.CountyCode)?.Name, e.IndustryCode, r.Industry(e.IndustryCode)?.Name, e.Size.ToString().ToLowerInvariant(), e.IsAboveScale, e.IsFlagshipChain);
}

public sealed record PageDto<T>(int Total, int Page, int PageSize, IReadOnlyList<T> Items);

public sealed record AssessmentSummaryDto(int Id, int EnterpriseId, int Year, string Status, string Edition, string? ReferenceLevel, double? Index, DateTime? SubmittedAt, DateTime UpdatedAt)
{
    public static AssessmentSummaryDto Of(AssessmentRecord a) => new(a.Id, a.EnterpriseId, a.Year, StatusOf(a), a.Edition, Level(a), a.Index, a.SubmittedAt, a.UpdatedAt);

    public static string StatusOf(AssessmentRecord a) => a.Status == AssessmentStatus.Draft ? "draft" : "submitted";

    public static string? Level(AssessmentRecord a) => a.ReferenceLevel is int level ? Tiers.RatingCode(level) : null;
}

public sealed record RatingDto(int No, string Level, bool Ai, string? Evidence)
{
    public static RatingDto Of(RatingRecord r) => new(r.ScenarioNo, Tiers.RatingCode(r.Level), r.Ai, r.Evidence);
}

public sealed record PledgeDto(string Signatory, string Position, DateOnly? Date);

public sealed record AssessmentDto(
    int Id, int EnterpriseId, int Year, string Status, string Edition,
    decimal? DtScore, DateOnly? DtDate, int? CmmmLevel, decimal? CmmmScore, DateOnly? CmmmDate, string? CmmmSource,
    IReadOnlyList<string> BasicRequirements, string? BasicEvidence, IReadOnlyList<RatingDto> Ratings,
    PledgeDto? Pledge, DateTime? SubmittedAt, DateTime UpdatedAt, int UpdatedBy, IReadOnlyList<IssuedDto> Issued)
{
    /// <summary>The assessment, with the issued results its DT score, CMMM level and AI level were taken from (none: self-reported).</summary>
    public static async Task<AssessmentDto> OfAsync(AppDbContext db, AssessmentRecord a) => Of(a, await Features.Issued.IssuedValues.NamedByAsync(db, [a]));

    private static AssessmentDto Of(AssessmentRecord a, Dictionary<int, IssuedResult> issued) => new(a.Id, a.EnterpriseId, a.Year, AssessmentSummaryDto.StatusOf(a), a.Edition,
        a.DtScore, a.DtDate, a.CmmmLevel, a.CmmmScore, a.CmmmDate, a.CmmmSource, a.AttestedKeys.ToList(), a.BasicEvidence,
        a.Ratings.OrderBy(r => r.ScenarioNo).Select(RatingDto.Of).ToList(),
        a.PledgeSignatory is null ? null : new PledgeDto(a.PledgeSignatory, a.PledgePosition ?? "", a.PledgeDate),
        a.SubmittedAt, a.UpdatedAt, a.UpdatedBy,
        new[] { a.DtIssuedId, a.CmmmIssuedId, a.AiIssuedId }.OfType<int>().Select(id => IssuedDto.Of(issued[id])).ToList());
}

/// <summary>
/// A value of the assessment issued by a platform (read-only on the draft): <c>kind</c> dt, cmmm or ai; <c>score</c> for
/// DT (and CMMM's optional score), <c>level</c> for CMMM and AI.
/// </summary>
public sealed record IssuedDto(string Kind, decimal? Score, int? Level, DateOnly IssuedOn, string Issuer, string? Reference, DateTime ImportedAt)
{
    public static IssuedDto Of(IssuedResult r) => new(r.Kind.ToString().ToLowerInvariant(), r.Score, r.Level, r.IssuedOn, r.Issuer, r.Reference, r.ImportedAt);
}

/// <summary>An evidence file of a draft: <c>scenario</c> for a scenario's evidence, else <c>purpose</c> dt (数字化转型评估) or cmmm (成熟度评估).</summary>
public sealed record EvidenceFileDto(int Id, int? Scenario, string Purpose, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt)
{
    public static EvidenceFileDto Of(EvidenceFile f) => new(f.Id, f.ScenarioNo, f.Purpose, f.FileName, f.ContentType, f.Size, f.Sha256, f.UploadedAt);
}

/// <summary>An upload's form fields (multipart/form-data): the file, and either the scenario it supports or its purpose (dt, cmmm).</summary>
public sealed record EvidenceUploadForm(IFormFile File, int? Scenario, string? Purpose);

/// <summary>A rating as the API takes it: <c>level</c> a tier code, a Chinese tier name, or "none".</summary>
public sealed record RatingRequest(string? Level, bool Ai, string? Evidence);

public sealed record ApplicationEventDto(DateTime At, string UserName, string Role, string? From, string To, string? Action, string? Comment);

/// <summary>认定: the 文号, date, validity and the certificate's verification code (its public page is <c>/verify/{code}</c>).</summary>
public sealed record RecognitionDto(string DocumentNo, DateOnly RecognisedOn, DateOnly ValidUntil, string CertificateCode);

public sealed record ApplicationDto(int Id, int EnterpriseId, int AssessmentId, string State, string StateName, int? BatchYear, IReadOnlyList<ApplicationEventDto> Events,
    RecognitionDto? Recognition)
{
    public static ApplicationDto Of(ApplicationRecord a) => new(a.Id, a.EnterpriseId, a.AssessmentId, Code(a.State), a.State.ChineseName(), a.BatchYear,
        a.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ApplicationEventDto(e.At, e.UserName, e.Role, e.From is { } f ? Code(f) : null, Code(e.To), e.Action is { } x ? Code(x) : null, e.Comment))
            .ToList(),
        a is { RecognitionDocumentNo: { } no, RecognisedOn: { } on, ValidUntil: { } until, CertificateCode: { } code } ? new RecognitionDto(no, on, until, code) : null);

    public static string Code<T>(T value) where T : Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>
/// <c>action</c>: recommend, return, passPreliminary, passSiteCheck or recognise. Recognising needs <c>documentNo</c> (文号);
/// <c>recognisedOn</c> defaults to today, <c>validUntil</c> to three years, <c>batchYear</c> is asked only without a round.
/// </summary>
public sealed record TransitionRequest(string? Action, string? Comment, int? BatchYear, string? DocumentNo = null, DateOnly? RecognisedOn = null, DateOnly? ValidUntil = null);
