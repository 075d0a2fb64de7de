using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure.ProvinceData;

/// <summary>
/// 省先进级 applications walked along the real workflow (<see cref="ApplicationWorkflow"/>): each goes a random number
/// of steps along its route, one step in ten a return, and stops where the campaign's today is, so the states are spread
/// from "at the county" to "recognised" and no event lies in the future.
/// </summary>
internal sealed class ProvinceApplications(Regions regions, ProvincePlan plan, Random random, ProvinceSeeder.ProvinceIds ids, ProvinceSeeder.Writers w)
{
    public int Count { get; private set; }

    public void Apply(Enterprise enterprise, AssessmentRecord latest)
    {
        var at = latest.SubmittedAt!.Value.AddDays(1 + random.Next(10));
        if (at > plan.Now)
        {
            return;
        }
        var application = Open(regions, enterprise, latest.Id, latest.SubmittedBy!.Value, at);
        application.Id = ids.Application++;
        var route = application.Route;
        var state = application.State;
        AddEvent(application, at, application.CreatedBy, enterprise.Name, "企业", null, state, null, null);
        var steps = random.Next(0, 5);
        for (var s = 0; s < steps && ApplicationWorkflow.Holder(state, route) is { } holder; s++)
        {
            var next = at.AddDays(1 + random.Next(14));
            if (next > plan.Now)
            {
                break;
            }
            at = next;
            var action = random.NextDouble() < 0.1 ? ApplicationAction.Return : ApplicationWorkflow.AllowedActions(state)[0];
            var comment = action == ApplicationAction.Return ? "材料不全，请补充后重新提交。" : null;
            var transition = ApplicationWorkflow.Apply(state, route, holder, action, comment, latest.Year);
            var (role, roleName) = OfficialAt(holder.Level);
            AddEvent(application, at, plan.Officials[role], roleName, roleName, state, transition.To!.Value, action, comment);
            state = transition.To.Value;
            if (state == ApplicationState.Recognised)
            {
                application.BatchYear = latest.Year;
            }
        }
        application.State = state;
        // Bulk inserts bypass AppDbContext.SaveChanges, which derives the holder columns: derive them the same way here.
        var holderNow = ApplicationWorkflow.Holder(state, route);
        (application.HolderLevel, application.HolderDivision) = (holderNow?.Level, holderNow?.DivisionCode);
        application.UpdatedAt = at;
        w.Applications.Add(application);
        Count++;
    }

    /// <summary>A new application of the enterprise for its submission, at the first step of its route (the demo's named ones too).</summary>
    public static ApplicationRecord Open(Regions regions, Enterprise enterprise, int assessmentId, int userId, DateTime at)
    {
        var application = new ApplicationRecord
        {
            EnterpriseId = enterprise.Id,
            AssessmentId = assessmentId,
            CountyCode = enterprise.CountyCode,
            CityCode = enterprise.CityCode,
            CountyReportsToProvince = regions.County(enterprise.CountyCode)!.ReportsToProvince,
            Flagship = enterprise.IsFlagshipChain,
            CreatedAt = at,
            CreatedBy = userId,
            UpdatedAt = at,
        };
        application.State = ApplicationWorkflow.Start(application.Route);
        return application;
    }

    /// <summary>Who a generated step is recorded under: the role whose seeded official acts, and the office's name.</summary>
    public static (Role Role, string Name) OfficialAt(OfficialLevel level) => level switch
    {
        OfficialLevel.County => (Role.CountyOfficial, "区县工信部门"),
        OfficialLevel.City => (Role.CityOfficial, "设区市工信部门"),
        _ => (Role.ProvinceOfficial, "省工信厅"),
    };

    private void AddEvent(ApplicationRecord application, DateTime at, int user, string userName, string role, ApplicationState? from, ApplicationState to, ApplicationAction? action, string? comment) =>
        w.Events.Add(new ApplicationEvent
        {
            Id = ids.Event++, ApplicationId = application.Id, At = at, UserId = user, UserName = userName, Role = role,
            From = from, To = to, Action = action, Comment = comment,
        });
}
