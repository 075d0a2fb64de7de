using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Experts;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// What the 现场核查 panel of an official's application page shows (decision 026): the experts assigned, the pool's
/// experts to assign (those who know the enterprise's industry first; those of its own city marked), and the record.
/// </summary>
public sealed record SiteCheckPanel(ApplicationRecord Application, bool IsProvince, IReadOnlyList<AssignedExpert> Assigned,
    IReadOnlyList<(PoolExpert Expert, bool KnowsIndustry, bool SameCity)> Candidates, SiteCheckView? Record, Regions Regions,
    int? ExpertUserId, string? OverrideReason)
{
    public bool CanAssign => IsProvince && Application.State == ApplicationState.PreliminaryPassed && Record is null;

    public static async Task<SiteCheckPanel> LoadAsync(AppDbContext db, EditionLibrary editions, Regions regions, ApplicationRecord application, Official me,
        int? expertUserId = null, string? overrideReason = null)
    {
        var assigned = await SiteChecks.AssignedAsync(db, application.Id);
        var industry = application.Enterprise?.IndustryCode ?? await db.Enterprises.Where(e => e.Id == application.EnterpriseId).Select(e => e.IndustryCode).SingleAsync();
        var isProvince = me.Level == OfficialLevel.Province;
        var candidates = isProvince
            ? (await SiteChecks.PoolAsync(db)).Where(e => assigned.All(a => a.UserId != e.UserId))
                .Select(e => (Expert: e, KnowsIndustry: e.Industries.Contains(industry), SameCity: e.CityCode == application.CityCode))
                .OrderByDescending(c => c.KnowsIndustry).ThenBy(c => c.SameCity).ThenBy(c => c.Expert.CityCode).ToList()
            : [];
        return new SiteCheckPanel(application, isProvince, assigned, candidates, await SiteChecks.ViewAsync(db, editions, application), regions, expertUserId, overrideReason);
    }
}

/// <summary>Renders the panel on /Officials/Application and /Officials/SiteCheck: <c>@await Component.InvokeAsync("SiteCheckPanel", new { application })</c>.</summary>
public sealed class SiteCheckPanelViewComponent(AppDbContext db, EditionLibrary editions, Regions regions) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ApplicationRecord application, int? expertUserId = null, string? overrideReason = null) =>
        View("/Features/Officials/_SiteCheck.cshtml", await SiteCheckPanel.LoadAsync(db, editions, regions, application, UserClaimsPrincipal.Official()!, expertUserId, overrideReason));
}
