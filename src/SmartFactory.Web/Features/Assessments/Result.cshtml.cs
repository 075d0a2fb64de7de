using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>A submitted assessment's frozen result, and how it compares with its peers.</summary>
public sealed class ResultModel(AppDbContext db, EditionLibrary editions) : EnterprisePage(db)
{
    public SubmissionView View { get; private set; } = null!;
    public PeerBenchmark? Peers { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var found = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Enterprise)
            .FirstOrDefaultAsync(a => a.Id == id && a.EnterpriseId == EnterpriseId && a.Status == AssessmentStatus.Submitted);
        if (found?.ResultJson is null)
        {
            return NotFound();
        }
        View = SubmissionView.Of(found, editions);
        Peers = await PeerBenchmark.ForAsync(Db, found, View.Catalog);
        return Page();
    }
}
