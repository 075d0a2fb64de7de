using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>What the roadmap form accepts, and what counts as a change since the previous submission.</summary>
public class RoadmapRequestTests
{
    private static (RoadmapRequest? Value, List<(string Field, string Message)> Problems) Read(string? tier, string? year, string? ai, params (int No, string? Cost)[] steps) =>
        RoadmapRequest.Read(tier, year, ai, steps.ToDictionary(s => s.No, s => s.Cost), Bundled.Catalog, 2026);

    [Theory]
    [InlineData("leading", "2026", "1", 2026)]
    [InlineData("领航级", " 2036 ", "", 2036)]
    public void AcceptsATierAYearUpToTenYearsAheadAndBlankEstimatesAsOne(string tier, string year, string ai, int expectedYear)
    {
        var (value, problems) = Read(tier, year, ai, (8, ""), (9, "12"));

        Assert.Empty(problems);
        Assert.Equal((Tier.Leading, expectedYear, 1, 1, 12), (value!.Tier, value.Year, value.Costs.AiFlagCost, value.Costs.Step(8), value.Costs.Step(9)));
    }

    [Theory]
    [InlineData("leading", "2025", "1", "year")]
    [InlineData("leading", "2037", "1", "year")]
    [InlineData("leading", "２０２７", "1", "year")]
    [InlineData("none", "2027", "1", "tier")]
    [InlineData("leading", "2027", "0", "aiFlagCost")]
    [InlineData("leading", "2027", "10000", "aiFlagCost")]
    [InlineData("leading", "2027", "1.5", "aiFlagCost")]
    public void RefusesEachBadValueBesideItsField(string tier, string year, string ai, string field)
    {
        var (value, problems) = Read(tier, year, ai);

        Assert.Null(value);
        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Fact]
    public void RefusesAStepEstimateOfAScenarioTheCatalogDoesNotHave()
    {
        var (value, problems) = Read("basic", "2027", "1", (41, "2"), (8, "-1"));

        Assert.Null(value);
        Assert.Equal(["step41", "step8"], problems.Select(p => p.Field).Order());
    }

    [Fact]
    public void ChangesNameEachScenarioThatMovedAndEachStagesIndexAndTop()
    {
        var before = Enterprise.Qualified.Rate(Tier.Advanced, 8, 9).Rate(Tier.Basic, 10).Rate(Tier.Workshop, 1).Build();
        var after = Enterprise.Qualified.Rate(Tier.Excellent, 8).Rate(Tier.Advanced, 9).RateWithAi(Tier.Basic, 10).Rate(Tier.Workshop, 2).Build();

        var changes = SubmissionChanges.Scenarios(before, after, Bundled.Catalog);

        Assert.Equal([(1, ChangeKind.Removed), (2, ChangeKind.New), (8, ChangeKind.Up), (10, ChangeKind.AiOnly)], changes.Select(c => (c.No, c.Kind)));
        var stage = SubmissionChanges.Stages(before, after, Bundled.Catalog).Single(s => s.Stage == Bundled.Catalog.Find(8)!.Stage);
        Assert.Equal((Tier.Advanced, Tier.Excellent), (stage.TopBefore, stage.TopAfter));
        Assert.True(stage.IndexAfter > stage.IndexBefore);
        Assert.DoesNotContain(SubmissionChanges.Stages(before, before, Bundled.Catalog), s => s.Changed);
    }
}
