namespace SmartFactory.Domain.Tests;

/// <summary>The stored ordinals and UTC instants as users read them, everywhere the same.</summary>
public class NamesAndTimeTests
{
    [Theory]
    [InlineData(0, "未建设", "none")]
    [InlineData(1, "智能车间", "workshop")]
    [InlineData(2, "基础级", "basic")]
    [InlineData(3, "先进级", "advanced")]
    [InlineData(4, "卓越级", "excellent")]
    [InlineData(5, "领航级", "leading")]
    public void RatingOrdinalReadsAsItsTierOrNotBuilt(int ordinal, string name, string code)
    {
        Assert.Equal(name, Tiers.RatingName(ordinal));
        Assert.Equal(code, Tiers.RatingCode(ordinal));
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(0, "未达到智能车间")]
    [InlineData(1, "智能车间")]
    [InlineData(5, "领航级")]
    public void StoredReferenceLevelSaysWhenNothingWasSubmittedOrNoTierReached(int? ordinal, string name) =>
        Assert.Equal(name, Tiers.ReferenceLevelName(ordinal));

    [Theory]
    [InlineData("2026-12-31T15:59:00", "2026-12-31T23:59:00", 2026)]
    [InlineData("2026-12-31T16:00:00", "2027-01-01T00:00:00", 2027)]
    public void BeijingTimeIsUtcPlusEightSoTheYearTurnsAtFourPmUtc(string utc, string beijing, int year)
    {
        var at = DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(DateTime.Parse(beijing, System.Globalization.CultureInfo.InvariantCulture), BeijingTime.Of(at));
        Assert.Equal(year, BeijingTime.Today(at).Year);
        Assert.Null(BeijingTime.Of((DateTime?)null));
    }
}
