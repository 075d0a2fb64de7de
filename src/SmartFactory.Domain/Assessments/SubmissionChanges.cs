using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Domain.Assessments;

public enum ChangeKind
{
    Up,
    Down,
    New,
    Removed,
    AiOnly,
}

/// <summary>One scenario whose rating or AI flag differs from the previous submission.</summary>
public sealed record ScenarioChange(int No, ScenarioRating Before, ScenarioRating After, ChangeKind Kind)
{
    public string KindName => Kind switch
    {
        ChangeKind.Up => "提升",
        ChangeKind.Down => "下降",
        ChangeKind.New => "新增",
        ChangeKind.Removed => "取消",
        _ => After.Ai ? "新增应用人工智能" : "取消应用人工智能",
    };
}

/// <summary>A stage's index and highest rating, before and after.</summary>
public sealed record StageChange(string Stage, decimal IndexBefore, decimal IndexAfter, Tier? TopBefore, Tier? TopAfter)
{
    public bool Changed => IndexBefore != IndexAfter || TopBefore != TopAfter;
}

/// <summary>What changed between two submissions over the same catalog edition (part 5 of issue 14).</summary>
public static class SubmissionChanges
{
    public static IReadOnlyList<ScenarioChange> Scenarios(Assessment before, Assessment after, Catalog catalog) =>
        catalog.Scenarios.Select(s => (s.No, Before: before.RatingOf(s.No), After: after.RatingOf(s.No)))
            .Where(x => x.Before != x.After)
            .Select(x => new ScenarioChange(x.No, x.Before, x.After, KindOf(x.Before, x.After)))
            .ToList();

    public static IReadOnlyList<StageChange> Stages(Assessment before, Assessment after, Catalog catalog)
    {
        var (indexBefore, indexAfter) = (Grader.StageIndexes(before, catalog), Grader.StageIndexes(after, catalog));
        return catalog.Stages.Select((stage, i) => new StageChange(stage, indexBefore[i].Index, indexAfter[i].Index,
            Top(before, catalog, stage), Top(after, catalog, stage))).ToList();
    }

    private static Tier? Top(Assessment a, Catalog catalog, string stage) =>
        catalog.InStage(stage).Select(s => a.RatingOf(s.No).Level).MaxBy(l => l.Ordinal());

    private static ChangeKind KindOf(ScenarioRating before, ScenarioRating after) => (before.Level, after.Level) switch
    {
        (null, not null) => ChangeKind.New,
        (not null, null) => ChangeKind.Removed,
        var (b, a) when a.Ordinal() > b.Ordinal() => ChangeKind.Up,
        var (b, a) when a.Ordinal() < b.Ordinal() => ChangeKind.Down,
        _ => ChangeKind.AiOnly,
    };
}
