using FsCheck;
using FsCheck.Fluent;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>A random self-assessment over the bundled catalog, printed readably when a property fails.</summary>
public sealed record RandomAssessment(Assessment Value)
{
    public override string ToString() => Describe(Value);

    internal static string Describe(Assessment a) =>
        $"DT {a.DtScore} CMMM {a.CmmmLevel} 基本要求 {a.BasicRequirementsMet}; " +
        string.Join(" ", a.Ratings.Where(r => r.Value.Level is not null).OrderBy(r => r.Key)
            .Select(r => $"{r.Key}:{r.Value.Level!.Value.Code()}{(r.Value.Ai ? "+AI" : "")}"));
}

/// <summary>
/// An assessment and the same assessment with one thing raised: a rating (keeping its AI flag, or with AI),
/// an AI flag, the DT score or CMMM. <see cref="AddsUnflagged"/>: a rating raised without AI.
/// </summary>
public sealed record RaisedAssessment(Assessment Before, Assessment After, string Raise, bool AddsUnflagged = false)
{
    public override string ToString() => $"{RandomAssessment.Describe(Before)}\n  raised: {Raise}";
}

public static class Generators
{
    public static Arbitrary<RandomAssessment> Assessments() =>
        Arb.From(AssessmentOver(Bundled.Catalog).Select(a => new RandomAssessment(a)));

    public static Arbitrary<RaisedAssessment> Raised() => Arb.From(
        from before in AssessmentOver(Bundled.Catalog)
        from kind in Gen.Choose(0, 4)
        from pick in Gen.Choose(0, 1000)
        from amount in Gen.Choose(1, 10000)
        select Raise(before, kind, pick, amount));

    /// <summary>
    /// Each scenario not built or at a random defined tier; DT 0–100 and CMMM 0–5, leaning high so that the upper
    /// tiers get reached. How much is built varies per stage and the AI rate per assessment, so some assessments
    /// crowd into a few stages and others spread out.
    /// </summary>
    internal static Gen<Assessment> AssessmentOver(Catalog catalog) =>
        from density in Gen.ArrayOf(Gen.Choose(0, 100), catalog.Stages.Count)
        from aiRate in Gen.Choose(0, 100)
        from ratings in Gen.CollectToArray(catalog.Scenarios, s => Rating(s, density[catalog.StageIndex(s.Stage)], aiRate))
        from dt in Gen.OneOf(Gen.Choose(0, 10000), Gen.Choose(7000, 10000))
        from cmmm in Gen.OneOf(Gen.Choose(0, 5), Gen.Choose(2, 5))
        from basic in Gen.Elements(true, true, true, false)
        select new Assessment
        {
            Edition = catalog.Edition,
            DtScore = dt / 100m,
            CmmmLevel = cmmm,
            BasicRequirementsMet = basic,
            Ratings = catalog.Scenarios.Select((s, i) => (s.No, ratings[i])).Where(r => r.Item2.Level is not null).ToDictionary(),
        };

    private static Gen<ScenarioRating> Rating(Scenario scenario, int density, int aiRate) =>
        from built in Gen.Choose(0, 99)
        from tier in Gen.Elements(Tiers.All.Where(scenario.IsDefined).ToArray())
        from ai in Gen.Choose(0, 99)
        select built < density ? new ScenarioRating(tier, ai < aiRate) : default;

    private static RaisedAssessment Raise(Assessment before, int kind, int pick, int amount)
    {
        var catalog = Bundled.Catalog;
        var raisable = catalog.Scenarios.Where(s => Tiers.All.Any(t => (int)t > before.RatingOf(s.No).Level.Ordinal() && s.IsDefined(t))).ToList();
        var flaggable = before.Ratings.Where(r => r.Value.Level is not null && !r.Value.Ai).Select(r => r.Key).Order().ToList();
        switch (kind)
        {
            case 0 or 4 when raisable.Count > 0:
                var s = raisable[pick % raisable.Count];
                var current = before.RatingOf(s.No);
                var higher = Tiers.All.Where(t => (int)t > current.Level.Ordinal() && s.IsDefined(t)).ToList();
                var raised = new ScenarioRating(higher[pick % higher.Count], current.Ai || kind == 4);
                return new(before, With(before, s.No, raised), $"场景 {s.No} → {raised}", !raised.Ai);
            case 1 when flaggable.Count > 0:
                var no = flaggable[pick % flaggable.Count];
                return new(before, With(before, no, before.RatingOf(no) with { Ai = true }), $"场景 {no} AI");
            case 2 when before.CmmmLevel < 5:
                var cmmm = before.CmmmLevel + 1 + pick % (5 - before.CmmmLevel);
                return new(before, before with { CmmmLevel = cmmm }, $"CMMM {cmmm}");
            default:
                var dt = Math.Min(100m, before.DtScore + amount / 100m);
                return new(before, before with { DtScore = dt }, $"DT {dt}");
        }
    }

    private static Assessment With(Assessment a, int no, ScenarioRating rating) =>
        a with { Ratings = new Dictionary<int, ScenarioRating>(a.Ratings) { [no] = rating } };
}
