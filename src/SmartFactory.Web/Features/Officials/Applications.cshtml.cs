using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;
using SmartFactory.Web.Reports;

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
    public Task<IActionResult> OnGetExportAsync() => ExportAsync(DownloadFormat.Xlsx);

    /// <summary>GET ?handler=Csv: the same as UTF-8 CSV.</summary>
    public Task<IActionResult> OnGetCsvAsync() => ExportAsync(DownloadFormat.Csv);

    private async Task<IActionResult> ExportAsync(DownloadFormat format)
    {
        IgnoreWhatCannotApply();
        var rows = await ApplicationList.Query(Db, InScope, Me, Filter).ToListAsync();
        return await DownloadAsync(Table.Of("先进级申报", rows, Columns), format, "applications.exported");
    }

    private (string, Func<ApplicationRow, object?>)[] Columns =>
    [
        ("申报编号", r => r.Id),
        ("企业", r => r.Enterprise),
        ("统一社会信用代码", r => r.CreditCode),
        ("区县", r => Regions.DivisionName(r.Route.CountyCode)),
        ("年度", r => r.Year),
        ("状态", r => r.State.ChineseName()),
        ("待我办理", r => Mine(r) ? "是" : "否"),
        ("更新时间", r => BeijingTime.Of(r.UpdatedAt)),
    ];
}
