using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// The result page's roadmap (decision 031): the saved target and estimates, the form that edits them (with the values
/// as typed and a message beside each refused field), and the roadmap from this submission to the target.
/// </summary>
public sealed record RoadmapSection(
    int SubmissionId,
    Catalog Catalog,
    int ThisYear,
    Roadmap? Roadmap,
    IReadOnlyDictionary<string, string?> Values,
    IReadOnlyDictionary<string, string> Problems,
    bool Saved)
{
    public string? Value(string field) => Values.GetValueOrDefault(field);

    public string? Problem(string field) => Problems.GetValueOrDefault(field);

    /// <summary>The section for a submission: the stored target's roadmap, or the form with defaults when none is set.</summary>
    public static async Task<RoadmapSection> LoadAsync(AppDbContext db, int enterpriseId, SubmissionView view, int thisYear, bool saved = false)
    {
        var target = await db.RoadmapTargets.AsNoTracking().FirstOrDefaultAsync(t => t.EnterpriseId == enterpriseId);
        var values = target is null ? Defaults(view, thisYear) : ValuesOf(target);
        var roadmap = target is null ? null : Plan(view, target.TargetTier, target.Year, target.Costs, thisYear);
        return new RoadmapSection(view.Submission.Id, view.Catalog, thisYear, roadmap, values, new Dictionary<string, string>(), saved);
    }

    /// <summary>Reads and saves the form; on refusal nothing is written and the section shows the typed values with their messages.</summary>
    public static async Task<(bool Saved, RoadmapSection Section)> SaveAsync(AppDbContext db, int enterpriseId, int userId, SubmissionView view,
        IReadOnlyDictionary<string, string?> form, int thisYear, DateTime now)
    {
        var steps = form.Where(f => f.Key.StartsWith("step", StringComparison.Ordinal) && int.TryParse(f.Key[4..], out _))
            .ToDictionary(f => int.Parse(f.Key[4..]), f => f.Value);
        var (request, problems) = RoadmapRequest.Read(form.GetValueOrDefault(RoadmapRequest.TierField), form.GetValueOrDefault(RoadmapRequest.YearField),
            form.GetValueOrDefault(RoadmapRequest.AiField), steps, view.Catalog, thisYear);
        if (request is null)
        {
            var stored = await LoadAsync(db, enterpriseId, view, thisYear);
            return (false, stored with { Values = form, Problems = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.First().Message) });
        }

        await StoreAsync(db, enterpriseId, userId, request, now);
        return (true, await LoadAsync(db, enterpriseId, view, thisYear, saved: true));
    }

    /// <summary>Saves a checked target, for the page and the API: the enterprise's one row, created on its first save.</summary>
    public static async Task<RoadmapTarget> StoreAsync(AppDbContext db, int enterpriseId, int userId, RoadmapRequest request, DateTime now)
    {
        var row = await db.RoadmapTargets.FirstOrDefaultAsync(t => t.EnterpriseId == enterpriseId);
        if (row is null)
        {
            row = new RoadmapTarget { EnterpriseId = enterpriseId };
            db.RoadmapTargets.Add(row);
        }
        (row.Tier, row.Year, row.AiFlagCost, row.StepCosts) = ((int)request.Tier, request.Year, request.Costs.AiFlagCost, RoadmapTarget.FormatSteps(request.Costs.StepCosts));
        (row.UpdatedAt, row.UpdatedBy) = (now, userId);
        await db.SaveChangesAsync();
        return row;
    }

    /// <summary>The roadmap from this submission as submitted, under the rule set it was graded with.</summary>
    public static Roadmap Plan(SubmissionView view, Domain.Tier target, int year, PlanCosts costs, int thisYear) =>
        RoadmapPlanner.Plan(Drafts.ToAssessment(view.Submission, view.RuleSet), view.Catalog, view.RuleSet, target, year, thisYear, costs);

    private static Dictionary<string, string?> Defaults(SubmissionView view, int thisYear) => new()
    {
        [RoadmapRequest.TierField] = view.Result.Plan?.Tier ?? "leading",
        [RoadmapRequest.YearField] = (thisYear + 1).ToString(),
        [RoadmapRequest.AiField] = "1",
    };

    private static Dictionary<string, string?> ValuesOf(RoadmapTarget target)
    {
        var values = new Dictionary<string, string?>
        {
            [RoadmapRequest.TierField] = target.TargetTier.Code(),
            [RoadmapRequest.YearField] = target.Year.ToString(),
            [RoadmapRequest.AiField] = target.AiFlagCost.ToString(),
        };
        foreach (var (no, cost) in RoadmapTarget.ParseSteps(target.StepCosts))
        {
            values[RoadmapRequest.StepField(no)] = cost.ToString();
        }
        return values;
    }
}
