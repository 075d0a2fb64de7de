using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Reports;
using SmartFactory.Domain;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Domain.Grading;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Admin;

/// <summary>A policy simulation: its progress while it runs (from any node), then its matrices, shares and the changed enterprises.</summary>
public sealed class SimulationModel(AppDbContext db, Regions regions) : PageModel
{
    public const int Listed = 50;

    public SimulationRun Run { get; private set; } = null!;
    public SimulationResult? Result { get; private set; }
    public List<ChangedRow> Changed { get; private set; } = [];
    public int ChangedCount { get; private set; }
    public Regions Regions => regions;

    public sealed record ChangedRow(int EnterpriseId, string Name, string CreditCode, string CountyCode, string IndustryCode, int From, int To);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is not { } run)
        {
            return NotFound();
        }
        Run = run;
        Result = run.ResultJson is null ? null : JsonSerializer.Deserialize<SimulationResult>(run.ResultJson, Wire.Options);
        ChangedCount = await db.SimulationChanges.CountAsync(c => c.SimulationId == id);
        Changed = await ChangedRows(id).Take(Listed).ToListAsync();
        return Page();
    }

    /// <summary>For the progress bar's script: how far it is, polled every second from whichever node answers.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int id) =>
        await db.Simulations.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is { } s
            ? new JsonResult(new { s.Done, s.Total, state = s.State.ToString().ToLowerInvariant(), text = SimulationRunner.StateName(s) })
            : NotFound();

    /// <summary>Every enterprise whose level changes, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(int id)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var r in ChangedRows(id).AsAsyncEnumerable())
        {
            rows.Add(new Dictionary<string, object?>
            {
                ["统一社会信用代码"] = r.CreditCode,
                ["企业名称"] = r.Name,
                ["区县"] = regions.DivisionName(r.CountyCode),
                ["行业"] = regions.Industry(r.IndustryCode)?.Name,
                ["现参考等级"] = Tiers.ReferenceLevelName(r.From),
                ["模拟后参考等级"] = Tiers.ReferenceLevelName(r.To),
                ["变化"] = r.To > r.From ? "升级" : "降级",
            });
        }
        return File(Spreadsheet.Write(Table.Of("等级变化企业", rows)), Spreadsheet.ContentType, DownloadName.Of($"政策模拟-{id}-等级变化企业", ".xlsx"));
    }

    private IQueryable<ChangedRow> ChangedRows(int id) =>
        from c in db.SimulationChanges.AsNoTracking()
        where c.SimulationId == id
        join e in db.Enterprises on c.EnterpriseId equals e.Id
        orderby c.Id
        select new ChangedRow(e.Id, e.Name, e.CreditCode, e.CountyCode, e.IndustryCode, c.From, c.To);

    public string Scope => regions.DivisionName(Run.CountyCode ?? Run.CityCode ?? regions.Province.Code);

    public static string Share(decimal share) => (share * 100).ToString("0.0") + "%";
}
