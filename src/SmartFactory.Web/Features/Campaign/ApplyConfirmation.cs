using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>
/// What applying will send, shown to the enterprise before the button that applies (issue 13, part 5): the submission, the
/// round and its deadline, and the route with the office that reviews it first. <see cref="Refusal"/> says why it cannot
/// be sent now; then there is no button.
/// </summary>
public sealed record ApplyConfirmation(
    int SubmissionId, DateTime? SubmittedAt, int? ReferenceLevel, decimal? DtScore, int? CmmmLevel, int ScenariosRated, int EvidenceFiles,
    CampaignRound? Round, string? Refusal, string FirstReviewer, IReadOnlyList<string> Route, DateOnly Today)
{
    public static async Task<ApplyConfirmation?> OfAsync(AppDbContext db, Regions regions, int enterpriseId, AssessmentRecord? latest,
        IReadOnlyList<string> reasons, ApplicationRecord? open, TimeProvider clock)
    {
        if (latest is null)
        {
            return null;
        }
        var today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        var (round, closed) = await Rounds.OpenForApplyingAsync(db, Tier.Advanced, today);
        var enterprise = await db.Enterprises.AsNoTracking().SingleAsync(e => e.Id == enterpriseId);
        var county = regions.County(enterprise.CountyCode);
        var route = new ApplicationRoute(enterprise.CountyCode, enterprise.CityCode, county?.ReportsToProvince ?? false, enterprise.IsFlagshipChain);
        var steps = new List<string>();
        if (!route.Flagship)
        {
            steps.Add($"{regions.DivisionName(route.CountyCode)}（区县推荐）");
            if (!route.CountyReportsToProvince)
            {
                steps.Add($"{regions.DivisionName(route.CityCode)}（设区市推荐）");
            }
        }
        steps.Add($"{regions.Province.Name}（省级初审、现场核查、认定）");
        var files = await db.EvidenceFiles.CountAsync(f => f.AssessmentId == latest.Id);
        var refusal = reasons.Count > 0 ? "不符合申报条件，不能申报。"
            : open is not null ? "已有一项申报正在办理中，不能重复申报。"
            : closed;
        return new ApplyConfirmation(latest.Id, latest.SubmittedAt, latest.ReferenceLevel, latest.DtScore, latest.CmmmLevel,
            latest.Ratings.Count(r => r.Level > 0), files, round, refusal,
            Rounds.Office(ApplicationWorkflow.Holder(ApplicationWorkflow.Start(route), route)!, regions), steps, today);
    }
}
