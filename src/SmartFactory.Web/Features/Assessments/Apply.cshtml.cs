using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>The 省先进级 application: whether the latest submission is eligible and why not, applying, and the timeline.</summary>
public sealed class ApplyModel(AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) : EnterprisePage(db)
{
    public AssessmentRecord? Latest { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public List<ApplicationRecord> Applications { get; private set; } = [];
    public ApplicationRecord? Open => Applications.FirstOrDefault(a => a.State is not (ApplicationState.Recognised or ApplicationState.Returned));
    public ApplicationRecord? Recognised => Applications.FirstOrDefault(a => a.State == ApplicationState.Recognised);

    /// <summary>The conditions the latest submission is measured against (those of the current rule set before any submission).</summary>
    public ApplicationRule Rule => Latest is { } latest ? ApplicationCommands.RuleFor(editions, latest) : editions.CurrentRuleSet.Application!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var (_, problems) = await ApplicationCommands.ApplyAsync(Db, editions, regions, EnterpriseId, UserId, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
        if (problems.Count > 0)
        {
            await LoadAsync();
            ModelState.AddModelError("", problems[0]);
            return Page();
        }
        await Db.SaveChangesAsync();
        return Redirect("/Assessments/Apply");
    }

    /// <summary>GET ?handler=Pdf&amp;application=N: the 申报书 of one of the enterprise's applications.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int application)
    {
        var found = await Db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Enterprise)
            .FirstOrDefaultAsync(a => a.Id == application && a.EnterpriseId == EnterpriseId);
        if (found is null)
        {
            return NotFound();
        }
        var submission = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Result).SingleAsync(a => a.Id == found.AssessmentId);
        submission.Enterprise = found.Enterprise;
        return File(Reports.ApplicationReport.Write(found, Shared.SubmissionView.Of(submission, editions), regions, ApplicationCommands.RuleFor(editions, submission)), Reports.ReportsSetup.PdfType, $"申报书-{found.Enterprise!.Name}.pdf");
    }

    private async Task LoadAsync()
    {
        (Latest, Reasons) = await ApplicationCommands.EligibilityAsync(Db, editions, EnterpriseId);
        Applications = await Db.Applications.AsNoTracking().Include(a => a.Events).Where(a => a.EnterpriseId == EnterpriseId).OrderByDescending(a => a.Id).ToListAsync();
    }
}
