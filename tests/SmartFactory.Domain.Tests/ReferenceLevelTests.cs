using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Reference level, recommended tier and index: what the grade tells the enterprise.</summary>
public class ReferenceLevelTests
{
    private static readonly int[] All = Enumerable.Range(1, 40).ToArray();

    [Fact]
    public void NothingBuiltHasNoReferenceLevelAndAimsAtWorkshop()
    {
        var result = Enterprise.Qualified.Grade();

        Assert.Null(result.ReferenceLevel);
        Assert.Equal(Tier.Workshop, result.NextTier);
    }

    [Theory]
    [InlineData(100, 5, true, null)]
    [InlineData(59.99, 5, true, Tier.Workshop)]
    [InlineData(75, 5, true, Tier.Advanced)]
    [InlineData(100, 3, true, Tier.Excellent)]
    [InlineData(100, 4, true, Tier.Leading)]
    [InlineData(100, 0, true, Tier.Workshop)]
    [InlineData(100, 5, false, Tier.Workshop)]
    [InlineData(49.99, 5, true, null)]
    public void ReferenceLevelIsTheHighestTierPassingWithAllBelow(double dt, int cmmm, bool basic, Tier? expected)
    {
        var enterprise = Enterprise.With((decimal)dt, cmmm, basic);
        if (expected is not null)
        {
            enterprise = enterprise.RateWithAi(Tier.Leading, All);
        }

        Assert.Equal(expected, enterprise.Grade().ReferenceLevel);
    }

    [Fact]
    public void FailingBasicWhilePassingAdvancedGatesStaysAtWorkshop()
    {
        var rules = Bundled.RuleSet;
        var basic = rules.For(Tier.Basic) with { MinCmmmLevel = new(5, Rules.Provenance.Placeholder) };
        var strictBasic = rules with { Tiers = [.. rules.Tiers.Select(t => t.Tier == Tier.Basic ? basic : t)] };
        var assessment = Enterprise.With(dt: 75, cmmm: 2, basic: true).Rate(Tier.Advanced, Bundled.DefinedAt(Tier.Advanced)).Build();

        var result = Grader.Grade(assessment, Bundled.Catalog, strictBasic);

        Assert.Equal((false, true), (result.At(Tier.Basic).Passed, result.At(Tier.Advanced).Passed));
        Assert.Equal(Tier.Workshop, result.ReferenceLevel);
        Assert.Equal(Tier.Basic, result.NextTier);
    }

    [Fact]
    public void FailingOnlyTheAiShareStopsJustBelowExcellent()
    {
        var result = Enterprise.Qualified.Rate(Tier.Leading, All).Grade();

        Assert.Equal(Tier.Advanced, result.ReferenceLevel);
        Assert.False(result.Check(Tier.Excellent, Gate.AiShare).Passed);
    }

    /// <summary>
    /// DOMAIN.md's AI share counts every scenario counting at the tier, so one more scenario at 卓越级 without AI
    /// (16 counting need ⌈3.2⌉ = 4 flags, 3 held) takes 卓越级 away: raising a rating is not always an improvement.
    /// </summary>
    [Fact]
    public void UnflaggedScenarioRaisedToExcellentCanDiluteTheAiShareBelowTheGate()
    {
        var excellent = Enterprise.With(dt: 85, cmmm: 3, basic: true)
            .RateWithAi(Tier.Excellent, 1, 2, 8)
            .Rate(Tier.Excellent, 4, 9, 10, 11, 12, 20, 21, 22, 23, 24, 30, 31);

        var raised = excellent.Rate(Tier.Excellent, 25).Grade();

        Assert.Equal(Tier.Excellent, excellent.Grade().ReferenceLevel);
        Assert.Equal(Tier.Advanced, raised.ReferenceLevel);
        Assert.Equal((4m, 3m), (raised.Check(Tier.Excellent, Gate.AiShare).Required.Number(), raised.Check(Tier.Excellent, Gate.AiShare).Actual.Number()));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(49.9, null)]
    [InlineData(50, Tier.Workshop)]
    [InlineData(59.99, Tier.Workshop)]
    [InlineData(60, Tier.Basic)]
    [InlineData(70, Tier.Advanced)]
    [InlineData(80, Tier.Excellent)]
    [InlineData(89.99, Tier.Excellent)]
    [InlineData(90, Tier.Leading)]
    [InlineData(100, Tier.Leading)]
    public void RecommendedTierFollowsTheDtScore(double dt, Tier? expected)
    {
        Assert.Equal(expected, Enterprise.With((decimal)dt).Grade().RecommendedTier);
    }

    /// <summary>Index = 100 × Σ ordinal / 200 over the 40 scenarios, one decimal.</summary>
    [Theory]
    [InlineData(null, 0, 0.0)]
    [InlineData(Tier.Workshop, 1, 0.5)]
    [InlineData(Tier.Advanced, 3, 4.5)]
    [InlineData(Tier.Excellent, 15, 30.0)]
    [InlineData(Tier.Leading, 40, 100.0)]
    public void IndexIsTheShareOfAllOrdinals(Tier? level, int scenarios, double index)
    {
        var result = Enterprise.Qualified.Rate(level, Bundled.DefinedAt(level ?? Tier.Leading)[..scenarios]).Grade();

        Assert.Equal((decimal)index, result.Index);
    }

    [Fact]
    public void IndexCountsEachScenarioByItsOrdinal()
    {
        var result = Enterprise.Qualified.Rate(Tier.Workshop, 8).Rate(Tier.Basic, 9).Rate(Tier.Leading, 1).Rate(null, 2).Grade();

        Assert.Equal(4.0m, result.Index);
    }

    /// <summary>工厂建设 has 3 scenarios, so one at leading is 100 × 5 / 15 = 33.3 and two are 66.7.</summary>
    [Theory]
    [InlineData(new[] { 1 }, 33.3)]
    [InlineData(new[] { 1, 2 }, 66.7)]
    [InlineData(new[] { 1, 2, 3 }, 100.0)]
    public void StageIndexRoundsToOneDecimal(int[] atLeading, double index)
    {
        var stages = Enterprise.Qualified.Rate(Tier.Leading, atLeading).Grade().StageIndexes;

        Assert.Equal(Bundled.Catalog.Stages, stages.Select(s => s.Stage));
        Assert.Equal((decimal)index, stages[0].Index);
        Assert.All(stages.Skip(1), s => Assert.Equal(0m, s.Index));
    }
}
