using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The applications in the official's division, waiting-for-me first: filters, search, sorting, paging and the Excel export of the same filter.</summary>
public sealed class ApplicationsModel(AppDbContext db, Regions regions) : OfficialListPage(db, regions)
{
    // Named, so that without any Filter.* value the binder does not fall back to bare names (the route's "page" is not Filter.Page).
    [BindProperty(SupportsGet = true, Name = "Filter")]
    public ApplicationFilter Filter { get; set; } = new();

    public override OfficialListFilter ListFilter => Filter;

    public List<ApplicationRow> Rows { get; private set; } = [];

    /// <summary>How many applications in the division wait for this official, whatever the filter.</summary>
    public int Waiting { get; private set; }

    private IQueryable<ApplicationRecord> InScope => Db.Applications.InScope(Me).AsNoTracking();

    public async Task OnGetAsync()
    {
        IgnoreWhatCannotApply();
        Waiting = await InScope.HeldBy(Me).CountAsync();
        Rows = await OnePageAsync(ApplicationList.Query(Db, InScope, Me, Filter), ApplicationList.Matching(Db, InScope, Me, Filter).CountAsync());
    }

    /// <summary>Whether the official may act on the application now: decided by the workflow itself (the holder columns derive from it).</summary>
    public bool Mine(ApplicationRow r) => ApplicationWorkflow.Holder(r.State, r.Route) == Me;

    /// <summary>GET ?handler=Export: exactly the filtered applications, every page, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        IgnoreWhatCannotApply();
        var sheet = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var r in ApplicationList.Query(Db, InScope, Me, Filter).AsAsyncEnumerable())
        {
            sheet.Add(new Dictionary<string, object?>
            {
                ["申报编号"] = r.Id,
                ["企业"] = r.Enterprise,
                ["统一社会信用代码"] = r.CreditCode,
                ["区县"] = Regions.DivisionName(r.Route.CountyCode),
                ["年度"] = r.Year,
                ["状态"] = r.State.ChineseName(),
                ["待我办理"] = Mine(r) ? "是" : "否",
                ["更新时间"] = BeijingTime.Of(r.UpdatedAt).ToString("yyyy-MM-dd HH:mm"),
            });
        }
        await AuditViewAsync(null, "applications.exported", $"{sheet.Count} applications of {Me.DivisionCode}");
        return File(await Reports.Spreadsheet.WriteAsync(sheet, "先进级申报"), Reports.Spreadsheet.ContentType, $"先进级申报-{MyDivision}.xlsx");
    }
}
