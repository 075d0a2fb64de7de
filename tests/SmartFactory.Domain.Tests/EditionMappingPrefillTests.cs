using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>A JS-2027 draft pre-filled from a JS-2026 submission through the example mapping, kind by kind.</summary>
public class EditionMappingPrefillTests
{
    private static readonly EditionMapping Mapping = ExampleEditions.Mapping;

    [Fact]
    public void SameScenarioCarriesItsRatingAndAiToItsNewNumberWithoutANote()
    {
        var prefilled = Mapping.Prefill(Rated((20, Tier.Advanced, true)));

        Assert.Equal(new ScenarioRating(Tier.Advanced, true), Assert.Single(prefilled.Ratings, r => r.Key == 18).Value);
        Assert.False(prefilled.Notes.ContainsKey(18));
    }

    [Fact]
    public void RenamedScenarioCarriesItsRatingAndSaysWhereItCameFrom()
    {
        var prefilled = Mapping.Prefill(Rated((5, Tier.Excellent, false)));

        Assert.Equal(Tier.Excellent, prefilled.Ratings[5].Level);
        Assert.Equal("由 JS-2026 场景 5“产品虚拟验证”更名而来，原评价：卓越级，已预填。", prefilled.Notes[5]);
    }

    /// <summary>Scenario 26 defines 智能车间–卓越级, 27 only 卓越级 and 领航级.</summary>
    [Theory]
    [InlineData("none", "none", "none")]
    [InlineData("workshop", "workshop", "none")]
    [InlineData("basic", "basic", "none")]
    [InlineData("advanced", "advanced", "none")]
    [InlineData("excellent", "excellent", "excellent")]
    [InlineData("leading", "excellent", "leading")]
    public void SplitCopiesTheRatingToEachPartFittedToItsDefinedTiers(string earlier, string diagnosis, string prediction)
    {
        var prefilled = Mapping.Prefill(Rated((28, Rating(earlier), false)));

        Assert.Equal((Rating(diagnosis), Rating(prediction)), (prefilled.Ratings.GetValueOrDefault(26).Level, prefilled.Ratings.GetValueOrDefault(27).Level));
    }

    [Fact]
    public void SplitSaysWhyAPartWasLoweredOrLeftEmpty()
    {
        var leading = Mapping.Prefill(Rated((28, Tier.Leading, true)));
        var advanced = Mapping.Prefill(Rated((28, Tier.Advanced, true)));

        Assert.Equal(new ScenarioRating(Tier.Excellent, true), leading.Ratings[26]);
        Assert.Equal("由 JS-2026 场景 28“设备故障诊断与预测”拆分而来，原评价：领航级；本版该场景未定义领航级，预填为卓越级。", leading.Notes[26]);
        Assert.Equal("由 JS-2026 场景 28“设备故障诊断与预测”拆分而来，原评价：先进级；本版该场景未定义先进级及以下等级，未预填。", advanced.Notes[27]);
        Assert.False(advanced.Ratings.ContainsKey(27));
    }

    [Theory]
    [InlineData("advanced", "basic", "basic")]
    [InlineData("basic", "advanced", "basic")]
    [InlineData("leading", "leading", "leading")]
    [InlineData("advanced", "none", "none")]
    [InlineData("none", "none", "none")]
    public void MergeTakesTheLowerOfItsSources(string warehouse, string delivery, string merged)
    {
        var prefilled = Mapping.Prefill(Rated((12, Rating(warehouse), false), (13, Rating(delivery), false)));

        Assert.Equal(Rating(merged), prefilled.Ratings.GetValueOrDefault(12).Level);
        Assert.StartsWith($"由 JS-2026 场景 12、13 合并而来，取较低等级：{Rating(merged).ChineseName()}，", prefilled.Notes[12]);
    }

    [Fact]
    public void MergeAppliesAiOnlyWhereEverySourceDid()
    {
        var both = Mapping.Prefill(Rated((12, Tier.Advanced, true), (13, Tier.Basic, true)));
        var one = Mapping.Prefill(Rated((12, Tier.Advanced, true), (13, Tier.Basic, false)));

        Assert.True(both.Ratings[12].Ai);
        Assert.False(one.Ratings[12].Ai);
        Assert.Equal("由 JS-2026 场景 12、13 合并而来，取较低等级：基础级，已预填。来源场景并非都应用 AI，未预填“应用 AI”。", one.Notes[12]);
    }

    [Fact]
    public void NewScenarioStaysUnratedAndAsksForARating()
    {
        var prefilled = Mapping.Prefill(Rated((28, Tier.Leading, true)));

        Assert.False(prefilled.Ratings.ContainsKey(29));
        Assert.Equal("JS-2027 新增场景，请按本版描述自评。", prefilled.Notes[29]);
    }

    [Fact]
    public void RemovedScenarioIsNotCarriedAndIsNamedIfItWasRated()
    {
        var prefilled = Mapping.Prefill(Rated((19, Tier.Excellent, false), (1, Tier.Advanced, false)));

        Assert.Equal([1], prefilled.Ratings.Keys);
        Assert.Equal(["JS-2026 场景 19“网络协同制造”（原评价：卓越级）在 JS-2027 中已删除，评价不再延续。"], prefilled.Removed);
        Assert.Empty(Mapping.Prefill(Rated((1, Tier.Advanced, false))).Removed);
    }

    [Fact]
    public void SameScenarioIsLoweredToTheHighestDefinedTierBelowAcrossAGap()
    {
        var later = Bundled.Json(ExampleEditions.CatalogPath);
        later["scenarios"]![0]!["descriptions"]!["excellent"] = null;
        var catalog = CatalogLoader.Parse(later.ToJsonString(), "JS-2027.json").Value!;
        var mapping = ExampleEditions.ParseMapping(File.ReadAllText(ExampleEditions.MappingPath), e => e == "JS-2027" ? catalog : Bundled.Library.Catalog(e)).Value!;

        var prefilled = mapping.Prefill(Rated((1, Tier.Excellent, false)));

        Assert.Equal(Tier.Advanced, prefilled.Ratings[1].Level);
        Assert.Equal("JS-2026 场景 1 原评价：卓越级；本版该场景未定义卓越级，预填为先进级。", prefilled.Notes[1]);
    }

    [Fact]
    public void MapRatingsIsThePrefillWithoutItsNotes()
    {
        var ratings = Rated((5, Tier.Excellent, true), (12, Tier.Advanced, false), (13, Tier.Leading, false), (19, Tier.Excellent, false), (28, Tier.Leading, true), (40, Tier.Leading, true));

        Assert.Equal(Mapping.Prefill(ratings).Ratings, Mapping.MapRatings(ratings));
        Assert.Equal([5, 12, 26, 27, 40], Mapping.MapRatings(ratings).Keys.Order());
    }

    internal static Dictionary<int, ScenarioRating> Rated(params (int No, Tier? Level, bool Ai)[] ratings) =>
        ratings.ToDictionary(r => r.No, r => new ScenarioRating(r.Level, r.Ai));

    internal static Tier? Rating(string code) => Tiers.TryParseRating(code, out var rating) ? rating : throw new ArgumentException(code);
}
