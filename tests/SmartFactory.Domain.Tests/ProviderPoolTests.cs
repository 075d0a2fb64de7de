using SmartFactory.Domain.Providers;

namespace SmartFactory.Domain.Tests;

/// <summary>Which providers match a plan item, and in which order (decision 032).</summary>
public sealed class ProviderPoolTests
{
    private static PoolMember Member(int id, string city, params (int No, Tier Tier)[] offers) =>
        new(id, $"服务商{id}", [city], offers.ToDictionary(o => o.No, o => o.Tier));

    [Theory]
    [InlineData(Tier.Advanced, Tier.Advanced, true)]
    [InlineData(Tier.Leading, Tier.Advanced, true)]
    [InlineData(Tier.Basic, Tier.Advanced, false)]
    [InlineData(Tier.Workshop, Tier.Workshop, true)]
    public void MatchesWhenItDeliversTheScenarioAtOrAboveTheTarget(Tier delivered, Tier target, bool matches) =>
        Assert.Equal(matches, ProviderPool.Matches(Member(1, "320500", (8, delivered)), new PlanNeed(8, target)));

    [Fact]
    public void AnotherScenarioNeverMatches() =>
        Assert.False(ProviderPool.Matches(Member(1, "320500", (9, Tier.Leading)), new PlanNeed(8, Tier.Workshop)));

    [Fact]
    public void TheEnterprisesCityComesFirstThenTheProviderOfMoreItemsThenTheEarlier()
    {
        var need = new PlanNeed(8, Tier.Advanced);
        var plan = new[] { need, new PlanNeed(9, Tier.Advanced) };
        var pool = new[]
        {
            Member(1, "320200", (8, Tier.Leading), (9, Tier.Leading)), // elsewhere, both items
            Member(2, "320500", (8, Tier.Advanced)),                   // local, one item
            Member(3, "320500", (8, Tier.Excellent), (9, Tier.Advanced)), // local, both items
            Member(4, "320500", (8, Tier.Basic)),                      // local, below the target
            Member(5, "320200", (8, Tier.Advanced)),                   // elsewhere, one item
            Member(6, "320500", (8, Tier.Advanced)),                   // local, one item, later
        };

        var order = ProviderPool.For(need, plan, pool, "320500").Select(m => m.ProviderId);

        Assert.Equal([3, 2, 6, 1, 5], order);
    }
}
