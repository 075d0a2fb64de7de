using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>One enterprise recommended to the province in a round: its application, the submission it rests on, who recommended it and how it was checked.</summary>
public sealed record RecommendedRow(ApplicationRecord Application, AssessmentRecord Submission, ApplicationEvent Recommendation, ApplicationEvent? CountyReview, SiteCheck? SiteCheck);

/// <summary>
/// The 推荐汇总表 and 审核情况表 a city sends the province with its recommendations (decision 036): one row per application
/// of the round that was recommended to the province, in the scope of the official, one <see cref="Table"/> each, so the
/// page, the workbook and the PDF show the same columns.
/// </summary>
public static class RoundTables
{
    public const string Summary = "summary";
    public const string Review = "review";

    public static string Title(string table) => table == Review ? "审核情况表" : "推荐汇总表";

    /// <summary>The recommended applications of the round in scope (optionally one city), by city, county and name.</summary>
    public static async Task<List<RecommendedRow>> RecommendedAsync(AppDbContext db, IQueryable<ApplicationRecord> inScope, int roundId, string? city)
    {
        var applications = inScope.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Events)
            .Where(a => a.RoundId == roundId && a.Events.Any(e => e.Action == ApplicationAction.Recommend && e.To == ApplicationState.AtProvince));
        if (city is not null)
        {
            applications = applications.Where(a => a.CityCode == city);
        }
        var found = await applications.OrderBy(a => a.CityCode).ThenBy(a => a.CountyCode).ThenBy(a => a.Enterprise!.NameKey).ThenBy(a => a.Id).ToListAsync();
        var submissionIds = found.Select(a => a.AssessmentId).ToList();
        var submissions = await db.Assessments.AsNoTracking().Where(s => submissionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id);
        var applicationIds = found.Select(a => a.Id).ToList();
        var checks = (await db.SiteChecks.AsNoTracking().Where(c => applicationIds.Contains(c.ApplicationId)).ToListAsync())
            .GroupBy(c => c.ApplicationId).ToDictionary(g => g.Key, g => g.MaxBy(c => c.RecordedAt)!);
        return found.Select(a => new RecommendedRow(a, submissions[a.AssessmentId],
            a.Events.Where(e => e.Action == ApplicationAction.Recommend && e.To == ApplicationState.AtProvince).MaxBy(e => e.At)!,
            a.Events.Where(e => e.Action == ApplicationAction.Recommend && e.From == ApplicationState.AtCounty && e.To != ApplicationState.AtProvince).MaxBy(e => e.At),
            checks.GetValueOrDefault(a.Id))).ToList();
    }

    public static Table Of(string table, IReadOnlyList<RecommendedRow> rows, Regions regions, IReadOnlyDictionary<int, AssessmentOrigins> origins) =>
        table == Review ? ReviewTable(rows, regions) : SummaryTable(rows, regions, origins);

    private static (string, Func<RecommendedRow, object?>)[] Enterprise(Regions regions) =>
    [
        ("设区市", r => regions.City(r.Application.CityCode)?.Name),
        ("区县", r => regions.County(r.Application.CountyCode)?.Name),
        ("企业名称", r => r.Application.Enterprise!.Name),
        ("统一社会信用代码", r => r.Application.Enterprise!.CreditCode),
    ];

    private static Table SummaryTable(IReadOnlyList<RecommendedRow> rows, Regions regions, IReadOnlyDictionary<int, AssessmentOrigins> origins) =>
        Table.Of(Title(Summary), rows,
        [
            .. Enterprise(regions),
            ("所属行业", r => $"{r.Application.Enterprise!.IndustryCode} {regions.Industry(r.Application.Enterprise!.IndustryCode)?.Name}"),
            ("参考等级", r => Tiers.ReferenceLevelName(r.Submission.ReferenceLevel)),
            ("建设指数", r => r.Submission.Index),
            ("数字化转型得分", r => (double?)r.Submission.DtScore),
            ("得分来源", r => AssessmentOrigins.Mark(origins.GetValueOrDefault(r.Submission.Id)?.Dt)),
            ("成熟度等级", r => r.Submission.CmmmLevel),
            ("等级来源", r => AssessmentOrigins.Mark(origins.GetValueOrDefault(r.Submission.Id)?.Cmmm)),
            ("推荐意见", r => r.Recommendation.Comment),
            ("推荐人", r => $"{r.Recommendation.UserName}（{r.Recommendation.Role}）"),
            ("推荐时间", r => BeijingTime.Of(r.Recommendation.At)),
            ("当前状态", r => r.Application.State.ChineseName()),
        ]);

    private static Table ReviewTable(IReadOnlyList<RecommendedRow> rows, Regions regions) =>
        Table.Of(Title(Review), rows,
        [
            .. Enterprise(regions),
            ("区县审核意见", r => r.CountyReview is null ? "区县直接报省" : r.CountyReview.Comment),
            ("区县审核人", r => r.CountyReview is { } c ? $"{c.UserName}（{c.Role}）" : null),
            ("区县审核时间", r => BeijingTime.Of(r.CountyReview?.At)),
            ("现场核查", r => r.SiteCheck is null ? "未核查" : "已核查"),
            ("核查日期", r => r.SiteCheck?.VisitedOn),
            ("核查人员", r => r.SiteCheck?.Members),
            ("核查意见", r => r.SiteCheck?.Opinion),
            ("核查结论", r => r.SiteCheck is { } s ? (s.Passed ? "通过" : "未通过") : null),
            ("推荐意见", r => r.Recommendation.Comment),
            ("推荐时间", r => BeijingTime.Of(r.Recommendation.At)),
        ]);
}
