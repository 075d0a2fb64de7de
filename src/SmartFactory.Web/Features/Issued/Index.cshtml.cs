using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Shared;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Issued;

/// <summary>
/// The province official imports the results the platforms issued (decision 039): a workbook or a UTF-8 CSV, every cell
/// checked, all or nothing; on success the results are stored and the open drafts take them in the same transaction.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, IOptions<UploadOptions> limits) : PageModel
{
    public ProblemReport<CellProblem> Problems { get; private set; } = new(0);
    public IssuedImport? Imported { get; private set; }

    public void OnGet()
    {
    }

    /// <summary>GET ?handler=Template: an empty sheet per kind with its headers, and the notes.</summary>
    public IActionResult OnGetTemplate() => File(IssuedFile.Template(), Spreadsheet.ContentType, DownloadName.Of("平台出具结果导入模板", ".xlsx"));

    public async Task<IActionResult> OnPostAsync(IFormFile? file)
    {
        var limit = limits.Value;
        var csv = file?.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true;
        if (file is null || file.Length == 0 || file.Length > limit.ImportMaxBytes || !(csv || file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)))
        {
            return Refused($"请选择不超过 {UploadOptions.Megabytes(limit.ImportMaxBytes)} 的 .xlsx 工作簿或 UTF-8 编码的 .csv 文件。");
        }
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream);
        if (!csv && WorkbookScan.Problem(stream, limit) is { } tooMuch)
        {
            return Refused(tooMuch);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (rows, problems) = IssuedFile.Read(stream, csv, BeijingTime.Today(now), limit);
        Problems = problems;
        if (problems.Count == 0)
        {
            Imported = await IssuedValues.StoreAsync(db, rows, User.UserId()!.Value, now, file.FileName);
        }
        return Page();
    }

    private PageResult Refused(string message)
    {
        Problems = ProblemReport<CellProblem>.Of([new CellProblem(0, "", "", message)], 1);
        return Page();
    }
}
