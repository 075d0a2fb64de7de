using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>What the reader accepts, and what it makes of it.</summary>
public class AssessmentReaderTests
{
    private static Assessment ReadOne(string json)
    {
        var batch = AssessmentReader.Read(json, Bundled.Library);
        Assert.Empty(batch.Problems);
        Assert.False(batch.IsArray);
        return Assert.Single(batch.Assessments);
    }

    [Theory]
    [InlineData("workshop", Tier.Workshop)]
    [InlineData("智能车间", Tier.Workshop)]
    [InlineData("basic", Tier.Basic)]
    [InlineData("基础级", Tier.Basic)]
    [InlineData("先进级", Tier.Advanced)]
    [InlineData("卓越级", Tier.Excellent)]
    [InlineData("领航级", Tier.Leading)]
    [InlineData("none", null)]
    [InlineData("未建设", null)]
    public void AcceptsEnglishAndChineseTierNames(string level, Tier? expected)
    {
        var assessment = ReadOne($$"""{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"{{level}}"}]}""");

        Assert.Equal(new ScenarioRating(expected, false), assessment.RatingOf(8));
    }

    [Fact]
    public void AbsentOptionalFieldsTakeTheirDefaults()
    {
        var assessment = ReadOne("""{"dtScore":72.5,"cmmmLevel":0}""");

        Assert.Equal(("JS-2026", 72.5m, 0, false), (assessment.Edition, assessment.DtScore, assessment.CmmmLevel, assessment.BasicRequirementsMet));
        Assert.Empty(assessment.Ratings);
    }

    [Fact]
    public void AbsentAiFlagMeansNoAi()
    {
        var assessment = ReadOne("""{"dtScore":72,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic"},{"no":9,"level":"basic","ai":true}]}""");

        Assert.Equal([false, true], new[] { assessment.RatingOf(8).Ai, assessment.RatingOf(9).Ai });
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 5)]
    public void AcceptsTheEndsOfTheRanges(int dt, int cmmm)
    {
        var assessment = ReadOne($$"""{"dtScore":{{dt}},"cmmmLevel":{{cmmm}}}""");

        Assert.Equal((dt, cmmm), ((int)assessment.DtScore, assessment.CmmmLevel));
    }

    [Fact]
    public void ReadsAnArrayInOrder()
    {
        var batch = AssessmentReader.Read("""[{"dtScore":50,"cmmmLevel":1},{"dtScore":60,"cmmmLevel":2,"edition":"JS-2026"}]""", Bundled.Library);

        Assert.True(batch.IsArray);
        Assert.Equal([50m, 60m], batch.Assessments.Select(a => a.DtScore));
    }
}
