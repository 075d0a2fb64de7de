using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>The 省先进级 application: whether the latest submission is eligible and why not, applying, and the timeline.</summary>
public sealed class ApplyModel(AppDbContext db, EditionLibrary editions, Regions regions, TimeProvider clock) : EnterprisePage(db)
{
    public AssessmentRecord? Latest { get; private set; }
    public IReadOnlyList<string> Reasons { get; private set; } = [];
    public List<ApplicationRecord> Applications { get; private set; } = [];
    public ApplicationRecord? Open => Applications.FirstOrDefault(a => a.State is not (ApplicationState.Recognised or ApplicationState.Returned));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Latest is null || Reasons.Count > 0)
        {
            ModelState.AddModelError("", "不符合申报条件，不能申报。");
            return Page();
        }
        if (Open is not null)
        {
            ModelState.AddModelError("", "已有一项申报正在办理中，不能重复申报。");
            return Page();
        }
        var enterprise = await Db.Enterprises.SingleAsync(e => e.Id == EnterpriseId);
        var now = clock.GetUtcNow().UtcDateTime;
        var application = new ApplicationRecord
        {
            EnterpriseId = EnterpriseId,
            AssessmentId = Latest.Id,
            CountyCode = enterprise.CountyCode,
            CityCode = enterprise.CityCode,
            CountyReportsToProvince = regions.County(enterprise.CountyCode)?.ReportsToProvince ?? false,
            Flagship = enterprise.IsFlagshipChain,
            CreatedAt = now,
            CreatedBy = UserId,
            UpdatedAt = now,
        };
        application.State = ApplicationWorkflow.Start(application.Route);
        application.Events.Add(new ApplicationEvent { At = now, UserId = UserId, UserName = User.Identity!.Name!, Role = "企业", To = application.State });
        Db.Applications.Add(application);
        Db.Record(now, UserId, EnterpriseId, "application.submitted", $"assessment {Latest.Id}");
        await Db.SaveChangesAsync();
        return Redirect("/Assessments/Apply");
    }

    private async Task LoadAsync()
    {
        Latest = await Db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.EnterpriseId == EnterpriseId && a.IsLatest);
        Applications = await Db.Applications.AsNoTracking().Include(a => a.Events).Where(a => a.EnterpriseId == EnterpriseId).OrderByDescending(a => a.Id).ToListAsync();
        if (Latest is null)
        {
            Reasons = ["尚未提交自评估。"];
            return;
        }
        var rule = editions.RuleSet(Latest.RuleSetId!, Latest.RuleSetVersion!)?.Application ?? editions.RuleSetFor(Latest.Edition)!.Application!;
        var snapshot = Drafts.ToAssessment(await Db.Assessments.AsNoTracking().Include(a => a.Ratings).SingleAsync(a => a.Id == Latest.Id));
        Reasons = Eligibility.Reasons(rule, snapshot.DtScore, snapshot.CmmmLevel,
            Latest.ReferenceLevel is null or 0 ? null : (Tier)Latest.ReferenceLevel, snapshot.BasicRequirementsMet, Latest.PledgeSignatory is not null);
    }
}
