using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>Every submission of the enterprise, and the way to start the next round.</summary>
public sealed class HistoryModel(AppDbContext db, EditionLibrary editions, TimeProvider clock) : EnterprisePage(db)
{
    public sealed record Row(int Id, int Year, AssessmentStatus Status, DateTime UpdatedAt, DateTime? SubmittedAt, int? ReferenceLevel, double? Index);

    public List<Row> Rows { get; private set; } = [];

    /// <summary>The newest round against the submission before it, scenario by scenario, across editions through their mapping.</summary>
    public Comparison? Compared { get; private set; }

    public sealed record Comparison(Row Earlier, string EarlierEdition, Row Later, string LaterEdition, IReadOnlyList<ScenarioComparison>? Rows);

    public async Task OnGetAsync()
    {
        var enterprise = EnterpriseId;
        Rows = await Db.Assessments.AsNoTracking()
            .Where(a => a.EnterpriseId == enterprise)
            .OrderByDescending(a => a.Id)
            .Select(a => new Row(a.Id, a.Year, a.Status, a.UpdatedAt, a.SubmittedAt, a.ReferenceLevel, a.Index))
            .ToListAsync();
        if (Rows.Count > 1 && Rows.Skip(1).FirstOrDefault(r => r.Status == AssessmentStatus.Submitted) is { } earlier)
        {
            var two = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Where(a => a.Id == Rows[0].Id || a.Id == earlier.Id).ToDictionaryAsync(a => a.Id);
            var (from, to) = (two[earlier.Id], two[Rows[0].Id]);
            var mapping = editions.Mapping(from.Edition, to.Edition);
            Compared = new Comparison(earlier, from.Edition, Rows[0], to.Edition, mapping?.Compare(Drafts.RatingsOf(from.Ratings), Drafts.RatingsOf(to.Ratings)));
        }
    }

    /// <summary>Starts a new round as a draft copied from the last submission (or opens the draft already open).</summary>
    public async Task<IActionResult> OnPostNewRoundAsync()
    {
        await Drafts.GetOrStartAsync(Db, editions, EnterpriseId, UserId, clock.GetUtcNow().UtcDateTime);
        return Redirect("/Assessments");
    }
}
