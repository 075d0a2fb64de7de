using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Tests.Support;
using static SmartFactory.Domain.Tests.EditionMappingPrefillTests;

namespace SmartFactory.Domain.Tests;

/// <summary>An enterprise's JS-2026 round beside its JS-2027 round, scenario by scenario.</summary>
public class EditionMappingCompareTests
{
    private static readonly EditionMapping Mapping = ExampleEditions.Mapping;

    private static readonly Dictionary<int, ScenarioRating> Earlier =
        Rated((5, Tier.Advanced, false), (12, Tier.Advanced, false), (13, Tier.Basic, false), (19, Tier.Excellent, true), (20, Tier.Basic, false), (28, Tier.Leading, true));

    private static readonly Dictionary<int, ScenarioRating> Later =
        Rated((5, Tier.Advanced, false), (12, Tier.Advanced, false), (18, Tier.Workshop, false), (26, Tier.Excellent, true), (29, Tier.Advanced, true));

    private static readonly IReadOnlyList<ScenarioComparison> Rows = Mapping.Compare(Earlier, Later);

    [Fact]
    public void HasARowPerLaterScenarioInOrderThenOnePerRemovedScenario()
    {
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (int?)n).Append(null), Rows.Select(r => r.No));
        Assert.Equal(Mapping.To.Scenarios.Select(s => s.Name), Rows.Take(40).Select(r => r.Name));
    }

    [Fact]
    public void MergedRowShowsBothEarlierRatingsAndTheLowerOneCarried()
    {
        var row = Rows.Single(r => r.No == 12);

        Assert.Equal(MappingKind.Merged, row.Kind);
        Assert.Equal([new EarlierScenario(12, "仓储智能管理", new(Tier.Advanced, false)), new EarlierScenario(13, "物料精准配送", new(Tier.Basic, false))], row.Earlier);
        Assert.Equal((Tier.Basic, Tier.Advanced, 1), (row.Carried.Carried.Level, row.Later.Level, row.Change));
        Assert.Equal("“仓储智能管理”与“物料精准配送”合并为“仓储配送一体化管理”，各等级要求两者兼备。", row.MappingNote);
    }

    [Theory]
    [InlineData(5, "renamed", "advanced", "advanced", 0)]
    [InlineData(18, "same", "basic", "workshop", -1)]
    [InlineData(26, "split", "excellent", "excellent", 0)]
    [InlineData(27, "split", "leading", "none", -5)]
    [InlineData(29, "new", "none", "advanced", 3)]
    [InlineData(1, "same", "none", "none", 0)]
    public void RowCarriesTheEarlierRatingOntoTheLaterScenario(int no, string kind, string carried, string later, int change)
    {
        var row = Rows.Single(r => r.No == no);

        Assert.Equal((kind, Rating(carried), Rating(later), change), (row.Kind.Code(), row.Carried.Carried.Level, row.Later.Level, row.Change));
    }

    [Fact]
    public void RemovedRowKeepsTheEarlierRatingWithNothingLater()
    {
        var row = Rows.Single(r => r.No is null);

        Assert.Equal((MappingKind.Removed, CarryOutcome.Removed), (row.Kind, row.Carried.Outcome));
        Assert.Equal([new EarlierScenario(19, "网络协同制造", new(Tier.Excellent, true))], row.Earlier);
        Assert.Equal((default(ScenarioRating), 0), (row.Later, row.Change));
    }

    [Fact]
    public void RowsCarryWhatThePrefillWouldAndSayWhy()
    {
        var prefilled = Mapping.Prefill(Earlier);

        Assert.All(Rows.Where(r => r.No is not null), r => Assert.Equal(prefilled.Ratings.GetValueOrDefault(r.No!.Value), r.Carried.Carried));
        Assert.All(Rows.Where(r => r.No is not null), r => Assert.Equal(prefilled.Notes.GetValueOrDefault(r.No!.Value), r.Note));
    }

    [Fact]
    public void RoundsOfOneEditionCompareThroughTheIdentityMapping()
    {
        var identity = EditionMapping.Identity(Bundled.Catalog);

        var rows = identity.Compare(Rated((8, Tier.Basic, false)), Rated((8, Tier.Advanced, false), (9, Tier.Workshop, false)));

        Assert.Equal(40, rows.Count);
        Assert.All(rows, r => Assert.Equal(MappingKind.Same, r.Kind));
        Assert.Equal([(8, 1), (9, 1)], rows.Where(r => r.Change != 0).Select(r => (r.No!.Value, r.Change)));
        Assert.All(rows, r => Assert.Null(r.Note));
    }
}
