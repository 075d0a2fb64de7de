using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Providers;

/// <summary>A provider fills many enterprises' drafts from one workbook: every cell is checked, and the import is all or nothing.</summary>
public sealed class ImportModel(AppDbContext db, EditionLibrary editions, TimeProvider clock, IOptions<UploadOptions> limits) : PageModel
{
    public ProblemReport<CellProblem> Problems { get; private set; } = new(0);
    public int? Imported { get; private set; }

    /// <summary>Cells of the file not taken because the draft's value was issued by its platform.</summary>
    public int KeptIssued { get; private set; }

    private int Me => User.UserId()!.Value;

    private IQueryable<Enterprise> Granted => db.Enterprises.GrantedTo(db.ProviderGrants, Me);

    public void OnGet()
    {
    }

    /// <summary>GET ?handler=Template: the workbook pre-filled with every granted enterprise's current draft.</summary>
    public async Task<IActionResult> OnGetTemplateAsync()
    {
        var enterprises = await Granted.AsNoTracking().OrderBy(e => e.Name).ToListAsync();
        // Joined in the database, not a list of ids: a provider may hold more grants than SQLite takes parameters.
        var drafts = await db.Assessments.AsNoTracking().Include(a => a.Ratings)
            .Where(a => Granted.Any(e => e.Id == a.EnterpriseId) && a.Status == AssessmentStatus.Draft).ToListAsync();
        var bytes = ImportWorkbook.Template(editions.Current, editions.CurrentRuleSet.BasicRequirements, enterprises.Select(e => (e, drafts.FirstOrDefault(d => d.EnterpriseId == e.Id))));
        return File(bytes, Reports.Spreadsheet.ContentType, Reports.DownloadName.Of("自评估批量导入模板", ".xlsx"));
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        var limit = limits.Value;
        if (file is null || file.Length == 0 || file.Length > limit.ImportMaxBytes || !file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Refused($"请选择不超过 {UploadOptions.Megabytes(limit.ImportMaxBytes)} 的 .xlsx 文件。");
        }
        // The grants first, as a whole (no list of codes as SQL parameters, however many rows): a provider that holds
        // none has nothing to import, and its file is not read at all.
        var granted = await Granted.ToDictionaryAsync(e => e.CreditCode, e => e.Id);
        if (granted.Count == 0)
        {
            return Refused("尚无企业授权本服务商代为填报，无法导入；请企业在“服务商授权”中授权后再上传。");
        }
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream);
        if (WorkbookScan.Problem(stream, limit) is { } tooMuch)
        {
            return Refused(tooMuch);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (rows, problems) = ImportWorkbook.Read(stream, editions.Current, BeijingTime.Today(now), granted.ContainsKey, limit.MaxListedProblems);
        Problems = problems;
        if (Problems.Count > 0)
        {
            return Page();
        }
        using var writer = await db.OneWriterAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var row in rows)
        {
            var draft = await Drafts.GetOrStartAsync(db, editions, granted[row.CreditCode], Me, now);
            Apply(draft, row, now);
        }
        db.Record(now, Me, null, "provider.imported", $"{rows.Count} enterprises from {file.FileName}");
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Imported = rows.Count;
        return Page();
    }

    private PageResult Refused(string message)
    {
        Problems = ProblemReport<CellProblem>.Of([new CellProblem(0, "", "", message)], 1);
        return Page();
    }

    /// <summary>Writes one row into a draft. Every cell was checked while reading, so the commands cannot refuse here.</summary>
    private void Apply(AssessmentRecord draft, ImportedRow row, DateTime now)
    {
        var catalog = editions.Catalog(draft.Edition)!;
        // A value the platform issued is the draft's and stays (decision 038); the page says how many were kept.
        if (draft.DtIssuedId is null)
        {
            draft.DtScore = row.DtScore ?? draft.DtScore;
            draft.DtDate = row.DtDate ?? draft.DtDate;
        }
        else if (row.DtScore is not null || row.DtDate is not null)
        {
            KeptIssued++;
        }
        if (draft.CmmmIssuedId is null)
        {
            draft.CmmmLevel = row.CmmmLevel ?? draft.CmmmLevel;
        }
        else if (row.CmmmLevel is not null)
        {
            KeptIssued++;
        }
        if (row.BasicMet is bool met)
        {
            draft.BasicRequirements = met ? string.Join(",", Drafts.RuleSetOf(draft, editions).BasicRequirements.Keys.Order()) : "";
        }
        foreach (var (no, (level, ai)) in row.Ratings)
        {
            var existing = draft.Ratings.FirstOrDefault(r => r.ScenarioNo == no)?.Evidence;
            if (DraftCommands.Rate(draft, catalog, no, level?.Code() ?? "none", ai, existing, Me, now) is { } refusal)
            {
                throw new InvalidOperationException($"A checked import row was refused: {refusal}");
            }
        }
        draft.UpdatedAt = now;
        draft.UpdatedBy = Me;
    }
}
