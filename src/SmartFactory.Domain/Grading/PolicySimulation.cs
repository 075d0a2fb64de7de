using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Domain.Grading;

/// <summary>One latest submission to regrade, with what the simulation groups it by.</summary>
public readonly record struct SimulatedSubmission
{
    public required int EnterpriseId { get; init; }
    public required int AssessmentId { get; init; }
    public required string CityCode { get; init; }
    public required string CountyCode { get; init; }

    /// <summary>GB/T 4754 division, e.g. "38".</summary>
    public required string IndustryCode { get; init; }

    /// <summary>规上: counts toward the goal's share.</summary>
    public required bool AboveScale { get; init; }

    /// <summary>The reference level stored at submission.</summary>
    public required Tier? From { get; init; }

    /// <summary>The submission as the draft grades it: in the draft's catalog edition, basic requirements decided by the draft's list.</summary>
    public required Assessment Assessment { get; init; }
}

/// <summary>
/// Regrades latest submissions one at a time under a draft rule-set version and keeps only counts, so that memory does
/// not grow with the number of submissions: the from × to matrix over the scope and per city, county and industry, and
/// the goal's share before and after. Enterprises whose level changes wait in a list the caller drains in batches
/// (<see cref="TakeChanges"/>); undrained, that list is the one thing that grows. Every figure equals grading each
/// submission by itself with <see cref="Grader.Grade"/>. One instance serves one thread.
/// </summary>
public sealed class PolicySimulation
{
    public const int UnreadableListed = 100;

    private readonly Catalog _catalog;
    private readonly RuleSet _draft;
    private readonly int _goal;
    private readonly Tally _total = new();
    private readonly Dictionary<string, Tally> _byCity = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _byCounty = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> _byIndustry = new(StringComparer.Ordinal);
    private readonly List<int> _unreadableIds = [];
    private List<LevelChange> _changes = [];
    private int _unreadable;

    /// <param name="catalog">The draft's catalog edition: submissions of another edition are mapped to it by the caller.</param>
    public PolicySimulation(Catalog catalog, RuleSet draft)
    {
        if (catalog.Edition != draft.CatalogEdition)
        {
            throw new ArgumentException($"Rule set {draft.Id} {draft.Version} grades catalog {draft.CatalogEdition}, not {catalog.Edition}.", nameof(catalog));
        }
        _catalog = catalog;
        _draft = draft;
        _goal = (int)draft.AboveScaleGoal.Tier;
    }

    /// <summary>The rule-set version every submission is regraded under.</summary>
    public RuleSet Draft => _draft;

    /// <summary>Changed enterprises not yet taken.</summary>
    public int PendingChanges => _changes.Count;

    /// <summary>Regrades one submission and counts it; returns its level under the draft.</summary>
    public Tier? Add(in SimulatedSubmission submission)
    {
        if (submission.Assessment.Edition != _catalog.Edition)
        {
            throw new ArgumentException($"Assessment {submission.AssessmentId} is of edition {submission.Assessment.Edition}; map it to {_catalog.Edition} first.", nameof(submission));
        }
        var to = Grader.ReferenceLevel(submission.Assessment, _catalog, _draft);
        int from = submission.From.Ordinal(), toOrdinal = to.Ordinal();
        _total.Add(from, toOrdinal, submission.AboveScale, _goal);
        TallyOf(_byCity, submission.CityCode).Add(from, toOrdinal, submission.AboveScale, _goal);
        TallyOf(_byCounty, submission.CountyCode).Add(from, toOrdinal, submission.AboveScale, _goal);
        TallyOf(_byIndustry, submission.IndustryCode).Add(from, toOrdinal, submission.AboveScale, _goal);
        if (from != toOrdinal)
        {
            _changes.Add(new LevelChange(submission.EnterpriseId, submission.AssessmentId, submission.From, to));
        }
        return to;
    }

    /// <summary>A submission whose snapshot could not be read: counted apart, in no figure.</summary>
    public void AddUnreadable(int assessmentId)
    {
        if (_unreadable++ < UnreadableListed)
        {
            _unreadableIds.Add(assessmentId);
        }
    }

    /// <summary>The changed enterprises since the last call, in the order added; the simulation forgets them.</summary>
    public IReadOnlyList<LevelChange> TakeChanges()
    {
        var taken = _changes;
        _changes = [];
        return taken;
    }

    /// <summary>The figures so far; the simulation can go on after it.</summary>
    public SimulationResult Result()
    {
        var goal = _draft.AboveScaleGoal;
        return new SimulationResult(
            _draft.Id,
            _draft.Version,
            _catalog.Edition,
            new SimulationGoal(goal.Tier.Code(), goal.Share.Value, goal.ByYear.Value),
            [.. Enumerable.Range(0, Levels).Select(Tiers.RatingCode)],
            _total.Figures(null),
            Figures(_byCity),
            Figures(_byCounty),
            Figures(_byIndustry),
            _unreadable,
            [.. _unreadableIds]);
    }

    /// <summary>None and the five tiers.</summary>
    private const int Levels = Tiers.Count + 1;

    private static Tally TallyOf(Dictionary<string, Tally> groups, string code)
    {
        if (!groups.TryGetValue(code, out var tally))
        {
            groups[code] = tally = new Tally();
        }
        return tally;
    }

    private static SimulationFigures[] Figures(Dictionary<string, Tally> groups) =>
        [.. groups.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value.Figures(g.Key))];

    /// <summary>The counts of one group.</summary>
    private sealed class Tally
    {
        private readonly int[] _matrix = new int[Levels * Levels];
        private int _aboveScale, _atGoalBefore, _atGoalAfter;

        public void Add(int from, int to, bool aboveScale, int goal)
        {
            _matrix[from * Levels + to]++;
            if (aboveScale)
            {
                _aboveScale++;
                _atGoalBefore += from >= goal ? 1 : 0;
                _atGoalAfter += to >= goal ? 1 : 0;
            }
        }

        public SimulationFigures Figures(string? code)
        {
            int up = 0, same = 0, down = 0;
            var rows = new IReadOnlyList<int>[Levels];
            for (var from = 0; from < Levels; from++)
            {
                var row = _matrix.AsSpan(from * Levels, Levels);
                rows[from] = row.ToArray();
                for (var to = 0; to < Levels; to++)
                {
                    up += to > from ? row[to] : 0;
                    same += to == from ? row[to] : 0;
                    down += to < from ? row[to] : 0;
                }
            }
            return new SimulationFigures(code, up + same + down, up, same, down, rows, _aboveScale, _atGoalBefore, _atGoalAfter, Share(_atGoalBefore), Share(_atGoalAfter));
        }

        private decimal Share(int atGoal) => _aboveScale == 0 ? 0 : Math.Round((decimal)atGoal / _aboveScale, 4, MidpointRounding.AwayFromZero);
    }
}
