using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>
/// 申报批次 (decision 024): which round an application goes into, until when it may be recommended, and the quota of
/// places a city (or a county that reports straight to the province) has for recommending to the province. Dates are
/// inclusive Beijing calendar days.
/// </summary>
public static class Rounds
{
    /// <summary>The tiers a round may be for: those above 基础级, which the province recognises.</summary>
    public static readonly IReadOnlyList<Tier> Tiers = [Tier.Advanced, Tier.Excellent, Tier.Leading];

    /// <summary>The round of <paramref name="tier"/> open for applying on <paramref name="today"/>, or why there is none.</summary>
    public static async Task<(CampaignRound? Round, string? Refusal)> OpenForApplyingAsync(AppDbContext db, Tier tier, DateOnly today)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.Tier == tier).ToListAsync();
        if (rounds.FirstOrDefault(r => r.OpensOn <= today && today <= r.ClosesOn) is { } open)
        {
            return (open, null);
        }
        var name = tier.ChineseName();
        if (rounds.Where(r => r.OpensOn > today).MinBy(r => r.OpensOn) is { } next)
        {
            return (null, $"{name}申报批次“{next.Name}”将于 {Day(next.OpensOn)} 开始受理申报，目前不能申报。");
        }
        if (rounds.Where(r => r.ClosesOn < today).MaxBy(r => r.ClosesOn) is { } last)
        {
            return (null, $"{name}申报批次“{last.Name}”已于 {Day(last.ClosesOn)} 截止申报，目前没有开放的申报批次，不能申报。");
        }
        return (null, $"目前没有开放的{name}申报批次，不能申报。");
    }

    /// <summary>Why a county or city may no longer recommend in <paramref name="round"/>; null while it may.</summary>
    public static string? RecommendRefusal(CampaignRound round, DateOnly today) => today > round.RecommendClosesOn
        ? $"申报批次“{round.Name}”的推荐已于 {Day(round.RecommendClosesOn)} 截止，不能再推荐。"
        : null;

    /// <summary>The division whose quota a recommendation sending the application from <paramref name="state"/> to the province takes; null when it does not reach the province.</summary>
    public static string? QuotaDivision(ApplicationState state, ApplicationRoute route, ApplicationState to) =>
        to != ApplicationState.AtProvince ? null
        : state == ApplicationState.AtCity ? route.CityCode
        : state == ApplicationState.AtCounty && route.CountyReportsToProvince ? route.CountyCode
        : null;

    /// <summary>
    /// Takes one place of the division's quota for a recommendation to the province (the caller saves; <see cref="RoundQuota.Used"/>
    /// is a concurrency token, so of two recommendations racing for the last place one save fails); null when taken, else why not.
    /// </summary>
    public static string? TakePlace(AppDbContext db, ApplicationRecord application, string division, string divisionName)
    {
        // Act is synchronous (the pages and the API call it between loading and saving); Find answers from the tracker when it can.
        var quota = db.RoundQuotas.Find(application.RoundId!.Value, division);
        if (quota is null || quota.Quota == 0)
        {
            return $"本批次没有为{divisionName}分配推荐名额，不能推荐至省。";
        }
        if (quota.Used >= quota.Quota)
        {
            return $"本批次推荐名额已用完（已推荐 {quota.Used} / 名额 {quota.Quota}）。";
        }
        quota.Used++;
        application.QuotaDivision = division;
        return null;
    }

    /// <summary>The province returned an application that took a place: the place is given back (decision 024).</summary>
    public static void GiveBackPlace(AppDbContext db, ApplicationRecord application)
    {
        if (application is { RoundId: int roundId, QuotaDivision: { } division } && db.RoundQuotas.Find(roundId, division) is { } quota)
        {
            quota.Used = Math.Max(0, quota.Used - 1);
            application.QuotaDivision = null;
        }
    }

    /// <summary>Whole days after <paramref name="today"/> up to <paramref name="lastDay"/>: 0 on the last day itself, negative once it has passed.</summary>
    public static int DaysLeft(DateOnly lastDay, DateOnly today) => lastDay.DayNumber - today.DayNumber;

    /// <summary>"今天是最后一天" on the last day, "还剩 N 天" before it: the one wording of the round pages, the 待办 and the reminders.</summary>
    public static string Left(int daysLeft) => daysLeft == 0 ? "今天是最后一天" : $"还剩 {daysLeft} 天";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd");

    /// <summary>"截至 yyyy-MM-dd，还剩 N 天" (or "，今天是最后一天") or "已于 … 截止".</summary>
    public static string Deadline(DateOnly lastDay, DateOnly today) => DaysLeft(lastDay, today) is var left and >= 0
        ? $"截至 {Day(lastDay)}，{Left(left)}"
        : $"已于 {Day(lastDay)} 截止";

    /// <summary>The divisions a round gives quotas to: every city and every county that reports straight to the province.</summary>
    public static IEnumerable<(string Code, string Name)> QuotaDivisions(Regions regions) =>
        regions.Cities.Select(c => (c.Code, c.Name))
            .Concat(regions.Cities.SelectMany(c => c.Counties).Where(k => k.ReportsToProvince).Select(k => (k.Code, $"{k.Name}（直报省）")));

    /// <summary>The division whose quota an official's recommendations to the province take; null for a county that reports to its city and for the province.</summary>
    public static string? OwnQuotaDivision(Official me, Regions regions) => me.Level switch
    {
        OfficialLevel.City => me.DivisionCode,
        OfficialLevel.County when regions.County(me.DivisionCode)?.ReportsToProvince == true => me.DivisionCode,
        _ => null,
    };

    /// <summary>Who holds an application, e.g. "苏州市虎丘区 区县主管部门审核中"; the state's name once final.</summary>
    public static string HeldBy(ApplicationState state, ApplicationRoute route, Regions regions) =>
        ApplicationWorkflow.Holder(state, route) is { } h ? $"{Office(h, regions)}审核中" : state.ChineseName();

    /// <summary>An official's office by name and level, e.g. "苏州市虎丘区 区县主管部门".</summary>
    public static string Office(Official holder, Regions regions) =>
        $"{regions.DivisionName(holder.DivisionCode)} {holder.Level.ChineseName()}{(holder.Level == OfficialLevel.Province ? "级" : "")}主管部门";

    /// <summary>The deadlines that bear on an application now: recommending while a county or city holds it, applying again once it is returned or withdrawn.</summary>
    public static IEnumerable<string> DeadlinesNow(ApplicationRecord application, DateOnly today)
    {
        if (application.Round is not { } round)
        {
            yield break;
        }
        if (application.State is ApplicationState.AtCounty or ApplicationState.AtCity)
        {
            yield return $"推荐截止：{Deadline(round.RecommendClosesOn, today)}";
        }
        if (application.State is ApplicationState.Returned or ApplicationState.Withdrawn && round.OpensOn <= today)
        {
            yield return $"本批次申报截止：{Deadline(round.ClosesOn, today)}";
        }
    }
}
