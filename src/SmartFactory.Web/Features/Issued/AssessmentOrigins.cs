using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Issued;

/// <summary>
/// Where an assessment's DT score, CMMM level and AI level came from (decision 040): the issued results its
/// DtIssuedId, CmmmIssuedId and AiIssuedId name, or null where the enterprise entered the value itself.
/// </summary>
public sealed record AssessmentOrigins(IssuedResult? Dt, IssuedResult? Cmmm, IssuedResult? Ai)
{
    public static readonly AssessmentOrigins None = new(null, null, null);

    public static async Task<AssessmentOrigins> OfAsync(AppDbContext db, AssessmentRecord assessment) =>
        (await OfAsync(db, [assessment]))[assessment.Id];

    /// <summary>The origins of many assessments, by assessment id, in one query.</summary>
    public static async Task<Dictionary<int, AssessmentOrigins>> OfAsync(AppDbContext db, IReadOnlyCollection<AssessmentRecord> assessments)
    {
        var named = await IssuedValues.NamedByAsync(db, assessments);
        IssuedResult? Named(int? id) => id is { } i ? named.GetValueOrDefault(i) : null;
        return assessments.ToDictionary(a => a.Id, a => new AssessmentOrigins(Named(a.DtIssuedId), Named(a.CmmmIssuedId), Named(a.AiIssuedId)));
    }

    /// <summary>"平台" or "自填": the short mark beside a number in a table.</summary>
    public static string Mark(IssuedResult? issued) => Mark(issued is not null);

    public static string Mark(bool issued) => issued ? "平台" : "自填";

    /// <summary>"由…出具（编号…，导入于…）" or "企业自填": the origin line beside a number.</summary>
    public static string Line(IssuedResult? issued) => issued is null ? "企业自填" : IssuedValues.Origin(issued);

    /// <summary>The issued AI scenario level with its origin, or "未导入" (the enterprise has no value of its own for it).</summary>
    public string AiText => Ai is null ? "未导入" : $"{IssuedValues.LevelText(Ai.Level)}（{IssuedValues.Origin(Ai)}）";
}
