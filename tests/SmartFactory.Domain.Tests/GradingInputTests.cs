using FsCheck.Xunit;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The compact grading input a policy simulation reads gives back what the snapshot gives, and refuses without throwing.</summary>
[Properties(Arbitrary = [typeof(Generators)], MaxTest = 300)]
public class GradingInputTests
{
    [Property]
    public void ReadsBackWhatTheSnapshotReaderReads(RandomAssessment random, bool listsNotBuilt, bool basicMet)
    {
        var snapshot = SnapshotReader.Read(Snapshots.Json(random.Value, Bundled.Catalog, listsNotBuilt), basicMet)!;

        var read = GradingInput.Read(GradingInput.Write(snapshot), basicMet);

        Assert.NotNull(read);
        Assert.Equal(Snapshots.Seen(snapshot), Snapshots.Seen(read));
        Assert.All(Enumerable.Range(-1, 45), no => Assert.Equal(snapshot.RatingOf(no), read.RatingOf(no)));
        Assert.Equal(Grader.ReferenceLevel(snapshot, Bundled.Catalog, Bundled.RuleSet), Grader.ReferenceLevel(read, Bundled.Catalog, Bundled.RuleSet));
    }

    [Fact]
    public void WritesOneDigitPerScenarioUpToTheHighestListed()
    {
        var assessment = new Assessment
        {
            Edition = "JS-2026", DtScore = 72.5m, CmmmLevel = 2,
            Ratings = new Dictionary<int, ScenarioRating> { [1] = new(Tier.Basic, false), [4] = new(null, false), [12] = new(Tier.Leading, true) },
        };

        var text = GradingInput.Write(assessment);

        Assert.Equal("JS-2026|72.5|2|30010000000e", text);
        Assert.Equal(("JS-2026", 72.5m, 2, true, 3, "1:2 4:0 12:5+AI"), Snapshots.Seen(GradingInput.Read(text, true)!));
    }

    [Fact]
    public void NothingRatedIsAnEmptyList() =>
        Assert.Empty(GradingInput.Read(GradingInput.Write(new Assessment { Edition = "JS-2026", DtScore = 0, CmmmLevel = 0 }), false)!.Ratings);

    [Theory]
    [InlineData("")]
    [InlineData("JS-2026|72.5|2")]
    [InlineData("JS-2026|72.5|2|3|4")]
    [InlineData("|72.5|2|3")]
    [InlineData("JS-2026|-1|2|3")]
    [InlineData("JS-2026|1e3|2|3")]
    [InlineData("JS-2026|72.5|-2|3")]
    [InlineData("JS-2026|72.5||3")]
    [InlineData("JS-2026|72.5|2|37")] // 7: no such tier
    [InlineData("JS-2026|72.5|2|38")] // 8: AI without a level
    [InlineData("JS-2026|72.5|2|3f")]
    [InlineData("JS-2026|72.5|2|3A")]
    [InlineData("JS-2026|72.5|2|3 ")]
    public void RefusesWhatItDidNotWrite(string text) => Assert.Null(GradingInput.Read(text, true));

    [Fact]
    public void RefusesMoreScenariosThanTheSnapshotReaderAllows() =>
        Assert.Null(GradingInput.Read("JS-2026|50|1|" + new string('2', SnapshotReader.MaxScenarioNo + 1), true));

    [Fact]
    public void AnEditionWithTheSeparatorCannotBeWritten() =>
        Assert.Throws<ArgumentException>(() => GradingInput.Write(new Assessment { Edition = "A|B", DtScore = 0, CmmmLevel = 0 }));
}
