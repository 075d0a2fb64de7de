using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The policy simulation's figures: what grading each submission by itself under the draft gives, counted.</summary>
[Properties(Arbitrary = [typeof(PolicySimulationTests), typeof(RuleSetVariants)], MaxTest = 100)]
public class PolicySimulationTests
{
    private static readonly string[] Cities = ["320100", "320200", "320500"];
    private static readonly string[] Industries = ["13", "26", "38"];

    /// <summary>Nobody reaches 智能车间 under it.</summary>
    private static readonly RuleSet NobodyPasses = Draft(Tier.Workshop, r => r with { MinDtScore = new(101m, Provenance.Placeholder) });

    /// <summary>No gate at all: everybody is 领航级.</summary>
    private static readonly RuleSet EverybodyLeads = Bundled.RuleSet with
    {
        Tiers = [.. Bundled.RuleSet.Tiers.Select(t => new TierRule { Tier = t.Tier, RecommendFromDtScore = t.RecommendFromDtScore })],
    };

    public static Arbitrary<SimulatedSubmission[]> Submissions() => Arb.From(
        from items in Gen.ListOf(
            from a in Generators.Assessments().Generator
            from city in Gen.Elements(Cities)
            from industry in Gen.Elements(Industries)
            from aboveScale in Gen.Elements(true, true, false)
            from storedElsewhere in Gen.Elements(false, false, false, true)
            from other in Gen.Choose(0, Tiers.Count)
            select (a.Value, city, industry, aboveScale, Stored: storedElsewhere ? Tiers.FromOrdinal(other) : Grader.Grade(a.Value, Bundled.Catalog, Bundled.RuleSet).ReferenceLevel))
        select items.Select((s, i) => Submission(i + 1, s.Value, s.Stored, s.city, s.industry, s.aboveScale)).ToArray());

    [Property]
    public void FiguresEqualGradingEachSubmissionByItself(SimulatedSubmission[] submissions, DraftRuleSet draft, PositiveInt batch)
    {
        var simulation = new PolicySimulation(Bundled.Catalog, draft.Value);
        var changes = new List<LevelChange>();
        foreach (var s in submissions)
        {
            simulation.Add(s);
            if (simulation.PendingChanges >= batch.Get)
            {
                changes.AddRange(simulation.TakeChanges());
            }
        }
        changes.AddRange(simulation.TakeChanges());
        var result = simulation.Result();

        var graded = submissions.Select(s => (s, To: Grader.Grade(s.Assessment, Bundled.Catalog, draft.Value).ReferenceLevel)).ToArray();
        Assert.Equal(graded.Where(g => g.To != g.s.From).Select(g => new LevelChange(g.s.EnterpriseId, g.s.AssessmentId, g.s.From, g.To)), changes);
        Assert.Equal(Expected(null, graded), Json(result.Total));
        Assert.Equal(Cities.Where(c => graded.Any(g => g.s.CityCode == c)), result.ByCity.Select(f => f.Code));
        Assert.All(result.ByCity, f => Assert.Equal(Expected(f.Code, graded.Where(g => g.s.CityCode == f.Code)), Json(f)));
        Assert.All(result.ByIndustry, f => Assert.Equal(Expected(f.Code, graded.Where(g => g.s.IndustryCode == f.Code)), Json(f)));
        Assert.Equal(submissions.Length, result.ByIndustry.Sum(f => f.Submissions));
    }

    /// <summary>The figures counted the slow way, compared by their JSON (the record holds arrays).</summary>
    private static string Expected(string? code, IEnumerable<(SimulatedSubmission s, Tier? To)> graded)
    {
        var g = graded.ToArray();
        var goal = (int)Bundled.RuleSet.AboveScaleGoal.Tier;
        var matrix = Enumerable.Range(0, 6).Select(f => Enumerable.Range(0, 6).Select(t => g.Count(x => x.s.From.Ordinal() == f && x.To.Ordinal() == t)).ToArray()).ToArray();
        var above = g.Where(x => x.s.AboveScale).ToArray();
        decimal Share(int n) => above.Length == 0 ? 0 : Math.Round((decimal)n / above.Length, 4, MidpointRounding.AwayFromZero);
        int before = above.Count(x => x.s.From.Ordinal() >= goal), after = above.Count(x => x.To.Ordinal() >= goal);
        return Json(new SimulationFigures(code, g.Length,
            g.Count(x => x.To.Ordinal() > x.s.From.Ordinal()), g.Count(x => x.To == x.s.From), g.Count(x => x.To.Ordinal() < x.s.From.Ordinal()),
            matrix, above.Length, before, after, Share(before), Share(after)));
    }

    [Fact]
    public void ADraftNobodyPassesMovesEveryoneDownToNone()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, NobodyPasses);
        simulation.Add(Submission(1, Enterprise.Qualified.Build(), Tier.Basic));
        simulation.Add(Submission(2, Enterprise.Qualified.Build(), Tier.Workshop, aboveScale: false));
        simulation.Add(Submission(3, Enterprise.Qualified.Build(), Tier.Leading, city: "320200"));
        simulation.Add(Submission(4, Enterprise.Qualified.Build(), null));

        var total = simulation.Result().Total;

        Assert.Equal((4, 0, 1, 3), (total.Submissions, total.Up, total.Same, total.Down));
        Assert.Equal([1, 1, 1, 0, 0, 1], total.Matrix.Select(row => row[0]));
        Assert.Equal(4, total.Matrix.Sum(row => row.Sum()));
        Assert.Equal((3, 2, 0, 0.6667m, 0m), (total.AboveScale, total.AtGoalBefore, total.AtGoalAfter, total.ShareBefore, total.ShareAfter));
        Assert.Equal([(1, Tier.Basic), (2, Tier.Workshop), (3, Tier.Leading)], simulation.TakeChanges().Select(c => (c.EnterpriseId, c.From!.Value)));
    }

    [Fact]
    public void ADraftWithoutGatesRaisesEveryoneToLeadingAndGroupsByCityCountyAndIndustry()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, EverybodyLeads);
        simulation.Add(Submission(1, Enterprise.With().Build(), null, city: "320500", industry: "38"));
        simulation.Add(Submission(2, Enterprise.With().Build(), Tier.Leading, city: "320100", industry: "38"));

        var result = simulation.Result();

        Assert.Equal([("320100", 0, 1), ("320500", 1, 0)], result.ByCity.Select(f => (f.Code!, f.Up, f.Same)));
        Assert.Equal(["320100x", "320500x"], result.ByCounty.Select(f => f.Code));
        var industry = Assert.Single(result.ByIndustry);
        Assert.Equal(("38", 1, 1, 1), (industry.Code, industry.Matrix[0][5], industry.Matrix[5][5], industry.Up));
        Assert.Equal((2, 1, 2), (result.Total.AboveScale, result.Total.AtGoalBefore, result.Total.AtGoalAfter));
    }

    [Fact]
    public void TakingTheChangesEmptiesTheListAndTheNextTakeHasOnlyNewOnes()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, NobodyPasses);
        simulation.Add(Submission(1, Enterprise.Qualified.Build(), Tier.Basic));
        simulation.Add(Submission(2, Enterprise.Qualified.Build(), null));

        Assert.Equal(1, simulation.PendingChanges);
        Assert.Equal([1], simulation.TakeChanges().Select(c => c.EnterpriseId));
        Assert.Equal(0, simulation.PendingChanges);

        simulation.Add(Submission(3, Enterprise.Qualified.Build(), Tier.Advanced));
        Assert.Equal([3], simulation.TakeChanges().Select(c => c.EnterpriseId));
        Assert.Empty(simulation.TakeChanges());
        Assert.Equal(2, simulation.Result().Total.Down);
    }

    [Fact]
    public void AResultIsNotChangedByLaterSubmissions()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, NobodyPasses);
        simulation.Add(Submission(1, Enterprise.Qualified.Build(), Tier.Basic));
        var first = simulation.Result();
        var written = Json(first);

        simulation.Add(Submission(2, Enterprise.Qualified.Build(), Tier.Basic));

        Assert.Equal(written, Json(first));
        Assert.Equal((1, 2), (first.Total.Matrix[2][0], simulation.Result().Total.Matrix[2][0]));
    }

    [Fact]
    public void TheResultRoundTripsThroughJson()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, NobodyPasses);
        simulation.Add(Submission(1, Enterprise.Qualified.Build(), Tier.Basic));
        simulation.AddUnreadable(77);
        var json = Json(simulation.Result());

        var read = JsonSerializer.Deserialize<SimulationResult>(json, Wire.Options)!;

        Assert.Equal(json, Json(read));
        Assert.Contains("\"goal\": {\n    \"tier\": \"basic\",\n    \"share\": 0.5", json.ReplaceLineEndings("\n"));
        Assert.Equal(["none", "workshop", "basic", "advanced", "excellent", "leading"], read.Levels);
        Assert.Equal(1, read.Unreadable);
        Assert.Equal([77], read.UnreadableAssessmentIds);
        Assert.Equal(1, read.ByCity.Single().Matrix[2][0]);
    }

    [Fact]
    public void OnlyTheFirstHundredUnreadableAreListedButAllAreCounted()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, Bundled.RuleSet);
        foreach (var id in Enumerable.Range(1, 250))
        {
            simulation.AddUnreadable(id);
        }

        var result = simulation.Result();
        Assert.Equal((250, 100, 0), (result.Unreadable, result.UnreadableAssessmentIds.Count, result.Total.Submissions));
    }

    [Fact]
    public void RefusesAnAssessmentOfAnotherEditionAndARuleSetOfAnotherCatalog()
    {
        var simulation = new PolicySimulation(Bundled.Catalog, Bundled.RuleSet);

        Assert.Throws<ArgumentException>(() => simulation.Add(Submission(1, Enterprise.Qualified.Build() with { Edition = "JS-2025" }, null)));
        Assert.Throws<ArgumentException>(() => new PolicySimulation(Bundled.Catalog, Bundled.RuleSet with { CatalogEdition = "JS-2025" }));
    }

    private static SimulatedSubmission Submission(int id, Assessment a, Tier? from, string city = "320100", string industry = "38", bool aboveScale = true) => new()
    {
        EnterpriseId = id,
        AssessmentId = 1000 + id,
        CityCode = city,
        CountyCode = city + "x",
        IndustryCode = industry,
        AboveScale = aboveScale,
        From = from,
        Assessment = a,
    };

    private static RuleSet Draft(Tier tier, Func<TierRule, TierRule> change) =>
        Bundled.RuleSet with { Version = "draft", Tiers = [.. Bundled.RuleSet.Tiers.Select(t => t.Tier == tier ? change(t) : t)] };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, Wire.Options);
}
