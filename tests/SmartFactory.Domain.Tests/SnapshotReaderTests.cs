using System.Text;
using FsCheck.Xunit;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The stored-snapshot reader of the policy simulation reads what the file reader reads, and refuses without throwing.</summary>
[Properties(Arbitrary = [typeof(Generators)], MaxTest = 300)]
public class SnapshotReaderTests
{
    private const string Example = """{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"basicRequirementsMet":true,"scenarios":[{"no":1,"level":"basic","ai":false},{"no":20,"level":"advanced","ai":true},{"no":4,"level":"none","ai":false}]}""";

    [Property]
    public void ReadsWhatTheFileReaderReads(RandomAssessment random, bool listsNotBuilt)
    {
        var json = Snapshots.Json(random.Value, Bundled.Catalog, listsNotBuilt);

        var expected = Assert.Single(AssessmentReader.Read(json, Bundled.Library).Assessments);
        var read = SnapshotReader.Read(json);

        Assert.NotNull(read);
        Assert.Equal(Snapshots.Seen(expected), Snapshots.Seen(read));
        Assert.All(Enumerable.Range(-1, 45), no => Assert.Equal(expected.RatingOf(no), read.RatingOf(no)));
    }

    [Property]
    public void ReadsTheSameFromUtf8AsFromText(RandomAssessment random)
    {
        var json = Snapshots.Json(random.Value, Bundled.Catalog);

        Assert.Equal(Snapshots.Seen(SnapshotReader.Read(json)!), Snapshots.Seen(SnapshotReader.Read(Encoding.UTF8.GetBytes(json))!));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void TheCallersVerdictOnTheBasicRequirementsReplacesTheStoredFlag(bool? given, bool expected) =>
        Assert.Equal(expected, SnapshotReader.Read(Example, given)!.BasicRequirementsMet);

    [Fact]
    public void ReadsTheExample()
    {
        var read = SnapshotReader.Read(Example)!;

        Assert.Equal(("JS-2026", 72.5m, 2, true, 3, "1:2 4:0 20:3+AI"), Snapshots.Seen(read));
        Assert.Equal(default, read.RatingOf(2));
    }

    [Theory]
    [InlineData("""{"no":8,"level":"先进级"}""", "8:3")]
    [InlineData("""{"no":8,"level":"未建设","ai":null}""", "8:0")]
    [InlineData("""{"no":8.0,"level":"leading","ai":true}""", "8:5+AI")]
    [InlineData("""{"level":"basic","no":8,"evidence":{"text":"…"}}""", "8:2")]
    public void ReadsWhatTheFileFormatAllowsBeyondTheStoredForm(string scenario, string expected) =>
        Assert.Equal(expected, Snapshots.Seen(SnapshotReader.Read($$"""{"edition":"JS-2026","dtScore":60,"cmmmLevel":1,"scenarios":[{{scenario}}],"later":[1,{"a":2}]}""")!).Ratings);

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2} trailing""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2}{}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2 /* note */}""")]
    [InlineData("""{"dtScore":72.5,"cmmmLevel":2}""")]
    [InlineData("""{"edition":null,"dtScore":72.5,"cmmmLevel":2}""")]
    [InlineData("""{"edition":"JS-2026","cmmmLevel":2}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":"72.5","cmmmLevel":2}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2.5}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":1e10}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":1e400,"cmmmLevel":2}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"dtScore":80,"cmmmLevel":2}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"basicRequirementsMet":"yes"}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":{}}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[1]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"level":"basic"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"level":"基础"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"level":2}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic","ai":1}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"no":9,"level":"basic"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic"},{"no":8,"level":"none"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":0,"level":"basic"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":1000,"level":"basic"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":-3,"level":"basic"}]}""")]
    [InlineData("""{"edition":"JS-2026","dtScore":72.5,"cmmmLevel":2,"scenarios":[{"no":8,"level":"basic"}""")]
    public void UnreadableSnapshotsGiveNullNotAnException(string json)
    {
        Assert.Null(SnapshotReader.Read(json));
        Assert.Null(SnapshotReader.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Fact]
    public void InvalidUtf8GivesNull()
    {
        var json = Encoding.UTF8.GetBytes("""{"edition":"JS-2026?","dtScore":1,"cmmmLevel":1,"scenarios":[{"no":1,"level":"basic?"}]}""");
        var valid = SnapshotReader.Read(json.Where(b => b != '?').ToArray());
        var edition = SnapshotReader.Read(json.Select((b, i) => i == Array.IndexOf(json, (byte)'?') ? (byte)0xFF : b).ToArray());
        var level = SnapshotReader.Read(json.Select((b, i) => i == Array.LastIndexOf(json, (byte)'?') ? (byte)0xC3 : b).ToArray());

        Assert.Equal((false, true, true), (valid is null, edition is null, level is null));
    }

    [Fact]
    public void DeeplyNestedUnknownFieldsGiveNull() =>
        Assert.Null(SnapshotReader.Read($$"""{"edition":"JS-2026","dtScore":1,"cmmmLevel":1,"x":{{new string('[', 10_000)}}{{new string(']', 10_000)}}}"""));
}
