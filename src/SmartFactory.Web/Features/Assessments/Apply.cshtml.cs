using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Applications;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>The 省先进级 application: whether the latest submission is eligible and why not, applying, and the timeline.</summary>
public sealed class ApplyModel(AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) : EnterprisePage(db)
{
    public AssessmentRecord? Latest { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public List<ApplicationRecord> Applications { get; private set; } = [];
    public ApplicationRecord? Open => Applications.FirstOrDefault(a => a.State is not (ApplicationState.Recognised or ApplicationState.Returned or ApplicationState.Withdrawn));

    /// <summary>The confirmation step (?handler=Confirm): what will be sent, shown before the button that applies.</summary>
    public ApplyConfirmation? Confirmation { get; private set; }
    public ApplicationRecord? Recognised => Applications.FirstOrDefault(a => a.State == ApplicationState.Recognised);

    /// <summary>The conditions the latest submission is measured against (those of the current rule set before any submission).</summary>
    public ApplicationRule Rule => Latest is { } latest ? ApplicationCommands.RuleFor(editions, latest) : editions.CurrentRuleSet.Application!;

    /// <summary>How the conditions' provenance reads, in the words of the rule set they come from.</summary>
    public string RuleSetLabel(Domain.Rules.Provenance provenance) =>
        (Latest is { RuleSetId: { } id } latest ? editions.RuleSet(id, latest.RuleSetVersion!) : null)?.Label(provenance) ?? editions.CurrentRuleSet.Label(provenance);

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>GET ?handler=Confirm: the submission, the round and the route that applying will send, and the confirm button.</summary>
    public async Task OnGetConfirmAsync()
    {
        await LoadAsync();
        Confirmation = await ApplyConfirmation.OfAsync(Db, regions, EnterpriseId, Latest, Reasons, Open, clock);
    }

    /// <summary>The confirm post: applies with the submission the enterprise confirmed, and only that one (a later submission asks again).</summary>
    public async Task<IActionResult> OnPostAsync(int? submission)
    {
        var (made, problems) = await ApplicationCommands.ApplyAsync(Db, editions, regions, EnterpriseId, UserId, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
        if (made is not null && made.AssessmentId != submission)
        {
            problems = [submission is null ? "请先核对申报内容，再点击“确认申报”。" : "您确认的提交已不是最近一次提交，请重新核对后确认。"];
        }
        if (problems.Count > 0)
        {
            Db.ChangeTracker.Clear();
            await OnGetConfirmAsync();
            ModelState.AddModelError("", problems[0]);
            return Page();
        }
        await Db.SaveChangesAsync();
        return Redirect("/Assessments/Apply");
    }

    /// <summary>撤回: the enterprise takes its application back while no official has acted on it.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int application)
    {
        var tracked = await Db.Applications.FirstOrDefaultAsync(a => a.Id == application && a.EnterpriseId == EnterpriseId);
        if (tracked is null)
        {
            return NotFound();
        }
        var refusal = ApplicationCommands.Withdraw(Db, tracked, UserId, User.Identity!.Name!, clock.GetUtcNow().UtcDateTime);
        if (refusal is null)
        {
            try
            {
                await Db.SaveChangesAsync();
                return Redirect("/Assessments/Apply");
            }
            catch (DbUpdateConcurrencyException)
            {
                refusal = "主管部门刚刚已办理该申报，不能撤回。";
            }
        }
        Db.ChangeTracker.Clear();
        await LoadAsync();
        ModelState.AddModelError("", refusal);
        return Page();
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
        return File(Reports.ApplicationReport.Write(found, await Shared.SubmissionView.WithOriginsAsync(Db, submission, editions), regions, ApplicationCommands.RuleFor(editions, submission)), Reports.ReportsSetup.PdfType, $"申报书-{found.Enterprise!.Name}.pdf");
    }

    private async Task LoadAsync()
    {
        (Latest, Reasons) = await ApplicationCommands.EligibilityAsync(Db, editions, EnterpriseId);
        Applications = await Db.Applications.AsNoTracking().Include(a => a.Events).Include(a => a.Round).Where(a => a.EnterpriseId == EnterpriseId).OrderByDescending(a => a.Id).ToListAsync();
    }
}
