namespace SmartFactory.Domain.Providers;

/// <summary>A provider as the pool knows it: where it works and the highest tier it delivers each scenario to.</summary>
public sealed record PoolMember(int ProviderId, string Organisation, IReadOnlyCollection<string> Cities, IReadOnlyDictionary<int, Tier> Offers);

/// <summary>One item of an upgrade plan a provider could help with: a scenario and the tier it must reach.</summary>
public sealed record PlanNeed(int ScenarioNo, Tier Target);

/// <summary>The providers who match a plan item, ordered for one enterprise (decision 032).</summary>
public static class ProviderPool
{
    /// <summary>A provider matches when it delivers the scenario at or above the item's target tier.</summary>
    public static bool Matches(PoolMember member, PlanNeed need) =>
        member.Offers.TryGetValue(need.ScenarioNo, out var highest) && highest >= need.Target;

    /// <summary>
    /// The matching providers: those serving the enterprise's city first; then those matching more of the plan's items (one
    /// provider for several steps is less work for the enterprise); then the earlier in the pool, so the order is stable.
    /// </summary>
    public static IReadOnlyList<PoolMember> For(PlanNeed need, IReadOnlyList<PlanNeed> plan, IEnumerable<PoolMember> pool, string enterpriseCity) =>
        pool.Where(m => Matches(m, need))
            .OrderBy(m => m.Cities.Contains(enterpriseCity) ? 0 : 1)
            .ThenByDescending(m => plan.Count(n => Matches(m, n)))
            .ThenBy(m => m.ProviderId)
            .ToList();
}
