using Microsoft.AspNetCore.Mvc;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Providers;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Providers;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Pool;

/// <summary>One plan item with the providers who match it, best first, and how many more there are.</summary>
public sealed record PoolSuggestion(PlanNeed Need, string Item, IReadOnlyList<PoolMember> Shown, int More);

/// <summary>The plan's items with their matching providers, for one enterprise (decision 032), and the cities by name.</summary>
public sealed record PoolSuggestions(IReadOnlyList<PoolSuggestion> Items, string EnterpriseCity, Regions Regions);

/// <summary>
/// Beside the upgrade plan of a result: the 服务商资源池's providers for each item. Shown only to the enterprise's own users
/// (not to a provider acting for it, nor to officials reading the same result).
/// </summary>
public sealed class ProviderPoolViewComponent(AppDbContext db, Regions regions) : ViewComponent
{
    /// <summary>Per item, so the block stays short on a phone; the rest are counted.</summary>
    public const int PerItem = 3;

    public async Task<IViewComponentResult> InvokeAsync(SubmissionView view)
    {
        if (HttpContext.User.EnterpriseId() is null || HttpContext.User.IsInRole(nameof(Role.ServiceProvider)) || view.Result.Plan is not { } plan)
        {
            return Content("");
        }
        var planTier = Tiers.TryParse(plan.Tier, out var t) ? t : Tier.Workshop;
        var needs = plan.Upgrades
            .Select(u => (Need: new PlanNeed(u.No, Tiers.TryParse(u.To, out var to) ? to : planTier), Item: $"场景 {u.No}“{view.Catalog.Find(u.No)?.Name}”达到{SubmissionView.TierName(u.To)}"))
            // An AI flag asks for the scenario to count at the plan's tier with AI applied: a provider of that tier (decision 032).
            .Concat(plan.AiFlags.Select(f => (Need: new PlanNeed(f.No, planTier), Item: $"场景 {f.No}“{view.Catalog.Find(f.No)?.Name}”应用人工智能")))
            .ToList();
        var pool = await PoolProfiles.MembersAsync(db, view.Submission.Edition, [.. needs.Select(n => n.Need)]);
        var city = view.Submission.Enterprise!.CityCode;
        var all = needs.Select(n => n.Need).ToList();
        var items = needs.Select(n =>
        {
            var matching = ProviderPool.For(n.Need, all, pool, city);
            return new PoolSuggestion(n.Need, n.Item, [.. matching.Take(PerItem)], Math.Max(0, matching.Count - PerItem));
        }).ToList();
        return View("/Features/Pool/_Suggestions.cshtml", new PoolSuggestions(items, city, regions));
    }
}
