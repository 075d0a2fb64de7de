using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>One round as an official sees it where they work: its name, the days left to apply and to recommend, and their own used / quota.</summary>
public sealed record RoundStatus(CampaignRound Round, DateOnly Today, RoundQuota? Quota, string? QuotaDivisionName);

/// <summary>The rounds open now (for applying or still for recommending), for the officials' applications list and dashboard.</summary>
public sealed class RoundStatusViewComponent(AppDbContext db, Regions regions, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        var me = UserClaimsPrincipal.Official();
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Quotas)
            .Where(r => r.OpensOn <= today && today <= r.RecommendClosesOn).OrderBy(r => r.ClosesOn).ToListAsync();
        var own = me is null ? null : Rounds.OwnQuotaDivision(me, regions);
        var list = rounds.Select(r => new RoundStatus(r, today, own is null ? null : r.Quotas.FirstOrDefault(q => q.DivisionCode == own) ?? new RoundQuota { DivisionCode = own },
            own is null ? null : regions.DivisionName(own))).ToList();
        return View("/Features/Campaign/_RoundStatus.cshtml", list);
    }
}
