using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// Each scenario of the current edition round by round, in the official's division: how many enterprises rated it at
/// 基础级 or above, and the average level. An earlier round of another edition is carried onto the current scenarios per
/// enterprise through the mapping, by the same rule as an enterprise's own history (decision 019).
/// </summary>
public sealed class ScenariosModel(AppDbContext db, Regions regions, EditionLibrary editions) : OfficialPage(db, regions)
{
    public const int Rounds = 3;

    public Catalog Catalog => editions.Current;
    public List<int> Years { get; private set; } = [];

    /// <summary>Per round: enterprises counted, and per scenario the sum of levels and those at 基础级 or above.</summary>
    public Dictionary<int, RoundFigures> Figures { get; } = [];

    /// <summary>Submissions of an edition with no mapping to the current one: not counted.</summary>
    public int Unmapped { get; private set; }

    public sealed class RoundFigures
    {
        public int Enterprises;
        public Dictionary<int, (int Sum, int AtBasic)> Scenarios { get; } = [];
    }

    public async Task OnGetAsync()
    {
        var submitted = Db.Assessments.AsNoTracking().InScope(Me).Where(a => a.Status == AssessmentStatus.Submitted);
        Years = (await submitted.Select(a => a.Year).Distinct().ToListAsync()).OrderDescending().Take(Rounds).Order().ToList();
        var first = Years.FirstOrDefault();
        // One stream; an enterprise's round counts with its last submission of that year (the first row of the pair).
        var rows = submitted.Where(a => a.Year >= first)
            .OrderBy(a => a.EnterpriseId).ThenBy(a => a.Year).ThenByDescending(a => a.Id)
            .Select(a => new { a.EnterpriseId, a.Year, a.Edition, a.SnapshotJson })
            .AsAsyncEnumerable();
        (int Enterprise, int Year) last = default;
        await foreach (var r in rows)
        {
            if ((r.EnterpriseId, r.Year) == last)
            {
                continue;
            }
            last = (r.EnterpriseId, r.Year);
            if (editions.Mapping(r.Edition, Catalog.Edition) is not { } mapping || r.SnapshotJson is null || SnapshotReader.Read(r.SnapshotJson) is not { } snapshot)
            {
                Unmapped++;
                continue;
            }
            Add(r.Year, mapping.From == mapping.To ? snapshot.Ratings : mapping.MapRatings(snapshot.Ratings));
        }
    }

    private void Add(int year, IReadOnlyDictionary<int, ScenarioRating> ratings)
    {
        if (!Figures.TryGetValue(year, out var round))
        {
            Figures[year] = round = new RoundFigures();
        }
        round.Enterprises++;
        foreach (var (no, rating) in ratings)
        {
            var (sum, atBasic) = round.Scenarios.GetValueOrDefault(no);
            round.Scenarios[no] = (sum + rating.Level.Ordinal(), atBasic + (rating.Level >= Tier.Basic ? 1 : 0));
        }
    }

    public string Cell(int year, int no)
    {
        if (!Figures.TryGetValue(year, out var round) || round.Enterprises == 0)
        {
            return "—";
        }
        var (sum, atBasic) = round.Scenarios.GetValueOrDefault(no);
        return $"{atBasic}（{100.0 * atBasic / round.Enterprises:0}%）· 均 {(double)sum / round.Enterprises:0.0}";
    }
}
