using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>Applications waiting for this official, and every application in the division.</summary>
public sealed class ApplicationsModel(AppDbContext db, Regions regions) : OfficialPage(db, regions)
{
    public sealed record Row(int Id, string Enterprise, string CountyCode, ApplicationState State, DateTime UpdatedAt, bool Mine);

    public List<Row> Rows { get; private set; } = [];

    /// <summary>GET ?handler=Export: the same list as .xlsx.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetExportAsync()
    {
        await OnGetAsync();
        var sheet = Rows.Select(r => new Dictionary<string, object?>
        {
            ["申报编号"] = r.Id,
            ["企业"] = r.Enterprise,
            ["区县"] = Regions.DivisionName(r.CountyCode),
            ["状态"] = r.State.ChineseName(),
            ["待我办理"] = r.Mine ? "是" : "否",
            ["更新时间"] = BeijingTime.Of(r.UpdatedAt).ToString("yyyy-MM-dd HH:mm"),
        }).ToList();
        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheet, sheetName: "先进级申报");
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"先进级申报-{MyDivision}.xlsx");
    }

    public int Waiting { get; private set; }

    /// <summary>Those waiting for this official first, then the rest of the division, newest first (at most 500 rows shown).</summary>
    public async Task OnGetAsync()
    {
        var inScope = Db.Applications.InScope(Me).AsNoTracking();
        Waiting = await inScope.HeldBy(Me).CountAsync();
        // "Mine" is decided in the process by the workflow itself (the holder columns are derived from it).
        Rows = await inScope
            .OrderByDescending(QueryRules.IsHeldBy(Me)).ThenByDescending(a => a.UpdatedAt)
            .Take(500)
            .Select(a => new Row(a.Id, a.Enterprise!.Name, a.CountyCode, a.State, a.UpdatedAt,
                ApplicationWorkflow.Holder(a.State, new ApplicationRoute(a.CountyCode, a.CityCode, a.CountyReportsToProvince, a.Flagship)) == Me))
            .ToListAsync();
    }
}
