using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Contracts;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>A submitted assessment's frozen result: level, every gate, radar chart, plan, and the ratings.</summary>
public sealed class ResultModel(AppDbContext db, EditionLibrary editions) : EnterprisePage(db)
{
    public AssessmentRecord Submission { get; private set; } = null!;
    public GradeResultDto Result { get; private set; } = null!;
    public Catalog Catalog { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var enterprise = EnterpriseId;
        var found = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Enterprise)
            .FirstOrDefaultAsync(a => a.Id == id && a.EnterpriseId == enterprise && a.Status == AssessmentStatus.Submitted);
        if (found?.ResultJson is null)
        {
            return NotFound();
        }
        Submission = found;
        Result = JsonSerializer.Deserialize<GradeResultDto>(found.ResultJson, Wire.Options)!;
        Catalog = editions.Catalog(found.Edition)!;
        return Page();
    }

    public static string TierName(string? code) =>
        code is not null && SmartFactory.Domain.Tiers.TryParseRating(code, out var t) ? SmartFactory.Domain.Tiers.ChineseName(t) : "—";

    public int StageNumberOf(int no) => Catalog.StageIndex(Catalog.Find(no)!.Stage) + 1;
}
