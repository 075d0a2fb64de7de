using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Experts;

/// <summary>One scenario's row of the posted site-check form: an empty level confirms the self-assessed tier.</summary>
public sealed class FindingForm
{
    public int ScenarioNo { get; set; }
    public int? Level { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// An application assigned to the expert (anything else is 404): the self-assessed scenarios with their evidence, and the
/// 现场核查 form — or, once recorded, the record with the reference level recomputed from it (decision 026).
/// </summary>
public sealed class CheckModel(AppDbContext db, Regions regions, EditionLibrary editions, EvidenceStore store, TimeProvider clock) : ExpertPage(db)
{
    public Regions Regions => regions;
    public ApplicationRecord Application { get; private set; } = null!;
    public AssessmentRecord Submission { get; private set; } = null!;
    public Catalog Catalog { get; private set; } = null!;
    public SiteCheckView? Record { get; private set; }
    public List<string> Problems { get; } = [];
    public bool CanRecord => Application.State == ApplicationState.PreliminaryPassed && Record is null;

    [BindProperty]
    public List<FindingForm> Findings { get; set; } = [];

    [BindProperty]
    public DateOnly? VisitedOn { get; set; }

    [BindProperty]
    public string? Members { get; set; }

    [BindProperty]
    public string? Opinion { get; set; }

    [BindProperty]
    public bool? Passed { get; set; }

    [BindProperty]
    public IFormFile? Report { get; set; }

    /// <summary>What was posted for a scenario, to show the form again as it was sent.</summary>
    public FindingForm? Posted(int scenarioNo) => Findings.FirstOrDefault(f => f.ScenarioNo == scenarioNo);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "expert.application.viewed", $"application {id}");
        return Page();
    }

    /// <summary>GET ?handler=File&amp;fileId=: an evidence file of the submission the assigned application rests on.</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, int fileId)
    {
        if (!await LoadAsync(id) || Submission.Files.FirstOrDefault(f => f.Id == fileId) is not { } file || await store.BytesAsync(Db, file) is not { } bytes)
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "expert.evidence.downloaded", $"application {id}: file {fileId}");
        return File(bytes, file.ContentType, file.FileName);
    }

    /// <summary>GET ?handler=Report: the recorded site check's report.</summary>
    public async Task<IActionResult> OnGetReportAsync(int id)
    {
        if (!await LoadAsync(id) || Record?.Check.Report is not { } file
            || await SiteChecks.ReportBytesAsync(Db, file.Id) is not { } bytes)
        {
            return NotFound();
        }
        await AuditViewAsync(Application.EnterpriseId, "sitecheck.report.downloaded", $"application {id}: file {file.Id}");
        return File(bytes, file.ContentType, file.FileName);
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        if (!CanRecord)
        {
            Problems.Add(Record is not null ? "该申报的现场核查记录已提交，不能再修改。" : $"该申报当前为“{Application.State.ChineseName()}”，不能提交现场核查记录。");
            return Page();
        }
        Problems.AddRange(ModelState.Where(e => e.Value!.Errors.Count > 0).Select(e => e.Value!.Errors[0].ErrorMessage).Distinct());
        var findings = Findings.Select(f => new FindingInput(f.ScenarioNo, f.Level, f.Reason)).ToList();
        var today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        Problems.AddRange(SiteChecks.Problems(Submission, Catalog, findings, VisitedOn, today, Members, Opinion, Passed));
        if (await SiteChecks.ReportProblemAsync(store, Report) is { } reportProblem)
        {
            Problems.Add(reportProblem);
        }
        if (Problems.Count > 0)
        {
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var report = await SiteChecks.ReportAsync(Report!, UserId, now);
        if (await SiteChecks.RecordAsync(Db, editions, Application, Submission, findings, VisitedOn!.Value, Members!, Opinion!, Passed!.Value, report, UserId, now) is { } refusal)
        {
            Problems.Add(refusal);
            await LoadAsync(id);
            return Page();
        }
        return Redirect($"/Experts/Check/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        if (await FindAsync(id) is not { } found)
        {
            return false;
        }
        Application = found;
        Submission = await Db.Assessments.AsNoTracking().Include(a => a.Ratings).Include(a => a.Files).SingleAsync(a => a.Id == found.AssessmentId);
        Catalog = editions.Catalog(Submission.Edition)!;
        Record = await SiteChecks.ViewAsync(Db, editions, found);
        return true;
    }
}
