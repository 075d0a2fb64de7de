using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Review;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Officials;

/// <summary>An enterprise in the official's division, read-only: its submissions, review flags and applications.</summary>
public sealed class EnterpriseModel(AppDbContext db, Regions regions, EditionLibrary editions) : OfficialPage(db, regions)
{
    public Data.Enterprise Enterprise { get; private set; } = null!;
    public List<AssessmentRecord> Submissions { get; private set; } = [];
    public bool HasDraft { get; private set; }
    public IReadOnlyList<ConsistencyFlag> Flags { get; private set; } = [];
    public List<ApplicationRecord> Applications { get; private set; } = [];
    public Dictionary<int, Issued.AssessmentOrigins> Origins { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var found = await Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id);
        if (found is null)
        {
            return NotFound();
        }
        Enterprise = found;
        Submissions = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files)
            .Where(a => a.EnterpriseId == id && a.Status == AssessmentStatus.Submitted)
            .OrderByDescending(a => a.SubmittedAt).ToListAsync();
        Origins = await Issued.AssessmentOrigins.OfAsync(Db, Submissions);
        HasDraft = await Db.Assessments.AnyAsync(a => a.EnterpriseId == id && a.Status == AssessmentStatus.Draft);
        if (Submissions.FirstOrDefault() is { } latest)
        {
            latest.Enterprise = found;
            Flags = await ReviewFlags.ForAsync(Db, latest, editions);
        }
        Applications = await Db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Round)
            .Where(a => a.EnterpriseId == id).OrderByDescending(a => a.Id).ToListAsync();
        await AuditViewAsync(id, "enterprise.viewed");
        return Page();
    }
}
