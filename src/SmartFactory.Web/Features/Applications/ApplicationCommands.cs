using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Applications;

/// <summary>Applying for 省先进级 and acting on an application, shared by the pages and the API. The caller saves.</summary>
public static class ApplicationCommands
{
    /// <summary>Why the enterprise's latest submission may not apply; empty when it may.</summary>
    public static async Task<(AssessmentRecord? Latest, IReadOnlyList<string> Reasons)> EligibilityAsync(AppDbContext db, EditionLibrary editions, int enterpriseId)
    {
        var latest = await db.Assessments.AsNoTracking().Include(a => a.Ratings).Latest().FirstOrDefaultAsync(a => a.EnterpriseId == enterpriseId);
        if (latest is null)
        {
            return (null, ["尚未提交自评估。"]);
        }
        var rule = RuleFor(editions, latest);
        var snapshot = Drafts.ToAssessment(latest, Drafts.RuleSetOf(latest, editions));
        return (latest, Eligibility.Reasons(rule, snapshot.DtScore, snapshot.CmmmLevel,
            Tiers.FromOrdinal(latest.ReferenceLevel ?? 0), snapshot.BasicRequirementsMet, latest.PledgeSignatory is not null,
            new IssuedNumbers(latest.DtIssuedId is not null, latest.CmmmIssuedId is not null)));
    }

    /// <summary>The application rule of the rule set a submission was graded with (the current one if that rule set has none).</summary>
    public static ApplicationRule RuleFor(EditionLibrary editions, AssessmentRecord submission) =>
        editions.RuleSet(submission.RuleSetId!, submission.RuleSetVersion!)?.Application ?? editions.RuleSetFor(submission.Edition)!.Application!;

    public static async Task<(ApplicationRecord? Application, IReadOnlyList<string> Problems)> ApplyAsync(
        AppDbContext db, EditionLibrary editions, Regions regions, int enterpriseId, int userId, string userName, DateTime now)
    {
        var (latest, reasons) = await EligibilityAsync(db, editions, enterpriseId);
        if (reasons.Count > 0)
        {
            return (null, ["不符合申报条件，不能申报。", .. reasons]);
        }
        if (await db.Applications.AnyAsync(a => a.EnterpriseId == enterpriseId && a.State != ApplicationState.Recognised && a.State != ApplicationState.Returned && a.State != ApplicationState.Withdrawn))
        {
            return (null, ["已有一项申报正在办理中，不能重复申报。"]);
        }
        if (await db.Applications.Where(a => a.EnterpriseId == enterpriseId && a.State == ApplicationState.Recognised).Select(a => a.BatchYear).FirstOrDefaultAsync() is int year)
        {
            return (null, [$"已于 {year} 年度批次认定为省先进级智能工厂，无需再次申报。"]);
        }
        var (round, closed) = await Campaign.Rounds.OpenForApplyingAsync(db, Tier.Advanced, BeijingTime.Today(now));
        if (round is null)
        {
            return (null, [closed!]);
        }
        var enterprise = await db.Enterprises.SingleAsync(e => e.Id == enterpriseId);
        var application = new ApplicationRecord
        {
            RoundId = round.Id,
            EnterpriseId = enterpriseId,
            AssessmentId = latest!.Id,
            CountyCode = enterprise.CountyCode,
            CityCode = enterprise.CityCode,
            CountyReportsToProvince = regions.County(enterprise.CountyCode)?.ReportsToProvince ?? false,
            Flagship = enterprise.IsFlagshipChain,
            CreatedAt = now,
            CreatedBy = userId,
            UpdatedAt = now,
        };
        application.State = ApplicationWorkflow.Start(application.Route);
        application.Events.Add(new ApplicationEvent { At = now, UserId = userId, UserName = userName, Role = "企业", To = application.State });
        db.Applications.Add(application);
        db.Record(now, userId, enterpriseId, "application.submitted", $"assessment {latest.Id}");
        Notices.Notify.Applied(db, application, enterprise.Name, now);
        return (application, []);
    }

    /// <summary>
    /// An official's decision on a tracked application, as the page and the API take it: 认定 through
    /// <see cref="Campaign.Recognition.RecogniseAsync"/> (文号, dates, certificate code), every other step through <see cref="Act"/>.
    /// Null when done (not yet saved), else why not.
    /// </summary>
    public static async Task<string?> DecideAsync(AppDbContext db, ApplicationRecord application, Official me, string divisionName, ApplicationAction action,
        string? comment, Campaign.RecognitionInput recognition, int userId, string userName, DateTime now) =>
        action == ApplicationAction.Recognise
            ? await Campaign.Recognition.RecogniseAsync(db, application, me, divisionName, recognition, comment, userId, userName, now)
            : Act(db, application, me, divisionName, action, comment, recognition.BatchYear, userId, userName, now);

    /// <summary>Moves a tracked application through the workflow and records the step; null when done, else why not.</summary>
    public static string? Act(AppDbContext db, ApplicationRecord application, Official me, string divisionName, ApplicationAction action, string? comment, int? batchYear, int userId, string userName, DateTime now)
    {
        var transition = ApplicationWorkflow.Apply(application.State, application.Route, me, action, comment, batchYear);
        if (!transition.Allowed)
        {
            return transition.Refusal;
        }
        if (CampaignRefusal(db, application, action, transition.To!.Value, divisionName, now) is { } late)
        {
            return late;
        }
        if (action == ApplicationAction.PassSiteCheck && Experts.SiteChecks.PassRefusal(db, application) is { } noCheck)
        {
            return noCheck;
        }
        application.Events.Add(new ApplicationEvent
        {
            At = now, UserId = userId, UserName = userName, Role = $"{me.Level.ChineseName()}级 {divisionName}",
            From = application.State, To = transition.To!.Value, Action = action, Comment = comment?.Trim(),
        });
        application.State = transition.To!.Value;
        application.UpdatedAt = now;
        if (action == ApplicationAction.Recognise)
        {
            application.BatchYear = batchYear;
        }
        db.Record(now, userId, application.EnterpriseId, "application." + action.ToString().ToLowerInvariant(), $"{application.Id}: {transition.To}");
        Notices.Notify.Acted(db, application, me, action, comment, now);
        return null;
    }

    /// <summary>
    /// The round's rules on an allowed step (decision 024): a recommendation only until the round's RecommendClosesOn, and one
    /// reaching the province takes a place of the division's quota; a return gives a taken place back. Applications made before
    /// rounds (no RoundId) have neither deadline nor quota.
    /// </summary>
    private static string? CampaignRefusal(AppDbContext db, ApplicationRecord application, ApplicationAction action, ApplicationState to, string divisionName, DateTime now)
    {
        if (application.RoundId is not int roundId)
        {
            return null;
        }
        if (action == ApplicationAction.Return)
        {
            Campaign.Rounds.GiveBackPlace(db, application);
            return null;
        }
        if (action != ApplicationAction.Recommend)
        {
            return null;
        }
        var round = db.Rounds.Find(roundId)!;
        if (Campaign.Rounds.RecommendRefusal(round, BeijingTime.Today(now)) is { } late)
        {
            return late;
        }
        return Campaign.Rounds.QuotaDivision(application.State, application.Route, to) is { } division
            ? Campaign.Rounds.TakePlace(db, application, division, divisionName)
            : null;
    }

    /// <summary>撤回 by the enterprise of its tracked application before any official acted; null when done, else why not. The caller saves.</summary>
    public static string? Withdraw(AppDbContext db, ApplicationRecord application, int userId, string userName, DateTime now)
    {
        var transition = ApplicationWorkflow.Withdraw(application.State, application.Route);
        if (!transition.Allowed)
        {
            return transition.Refusal;
        }
        application.Events.Add(new ApplicationEvent { At = now, UserId = userId, UserName = userName, Role = "企业", From = application.State, To = transition.To!.Value });
        application.State = transition.To!.Value;
        application.UpdatedAt = now;
        db.Record(now, userId, application.EnterpriseId, "application.withdrawn", $"{application.Id}");
        return null;
    }
}
