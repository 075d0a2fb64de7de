using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Review;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>One application: its submission, review flags, timeline, and the holder's decision.</summary>
public sealed class ApplicationModel(AppDbContext db, Regions regions, EditionLibrary editions, TimeProvider clock) : OfficialPage(db, regions)
{
    public ApplicationRecord Application { get; private set; } = null!;
    public AssessmentRecord Submission { get; private set; } = null!;
    public IReadOnlyList<ConsistencyFlag> Flags { get; private set; } = [];
    public bool IsHolder => ApplicationWorkflow.Holder(Application.State, Application.Route) == Me;
    public IReadOnlyList<ApplicationAction> Actions => IsHolder ? ApplicationWorkflow.AllowedActions(Application.State) : [];

    [BindProperty]
    public ApplicationAction Action { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    [BindProperty]
    public int? BatchYear { get; set; }

    /// <summary>认定: the 文号, date and validity (the partial _Recognition).</summary>
    [BindProperty]
    public Campaign.RecognitionInput Recognition { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "application.viewed", $"application {id}");
        return Page();
    }

    /// <summary>GET ?handler=Pdf: the 申报书.</summary>
    public async Task<IActionResult> OnGetPdfAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Submission.Enterprise = Application.Enterprise;
        await AuditViewAsync(Application.EnterpriseId, "report.downloaded", $"application {id}");
        var view = await Shared.SubmissionView.WithOriginsAsync(Db, Submission, editions);
        return File(Reports.ApplicationReport.Write(Application, view, Regions, ApplicationCommands.RuleFor(editions, Submission)), Reports.ReportsSetup.PdfType, $"申报书-{Application.Enterprise!.Name}.pdf");
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Action))
        {
            ModelState.AddModelError("", "请选择办理意见（推荐、退回等）。");
            return Page();
        }
        var tracked = await Db.Applications.SingleAsync(a => a.Id == id);
        Recognition.BatchYear = BatchYear;
        var refusal = await ApplicationCommands.DecideAsync(Db, tracked, Me, MyDivision, Action, Comment, Recognition, UserId, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
        if (refusal is not null)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "该申报刚刚已被他人办理，请刷新后查看。");
            return Page();
        }
        return Redirect($"/Officials/Application/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var found = await Db.Applications.InScope(Me).AsNoTracking().Include(a => a.Events).Include(a => a.Round).Include(a => a.Enterprise)
            .FirstOrDefaultAsync(a => a.Id == id);
        if (found is null)
        {
            return false;
        }
        Application = found;
        Submission = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).Include(a => a.Result)
            .SingleAsync(a => a.Id == found.AssessmentId);
        Flags = await ReviewFlags.ForAsync(Db, Submission, editions);
        return true;
    }
}
