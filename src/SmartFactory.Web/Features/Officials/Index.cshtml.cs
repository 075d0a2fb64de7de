using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Reports;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The enterprises in the official's division: filters, search, sorting, paging, and the Excel export of the same filter.</summary>
public sealed class IndexModel(AppDbContext db, Regions regions) : OfficialListPage(db, regions)
{
    // Named, so that without any Filter.* value the binder does not fall back to bare names (the route's "page" is not Filter.Page).
    [BindProperty(SupportsGet = true, Name = "Filter")]
    public EnterpriseFilter Filter { get; set; } = new();

    public override OfficialListFilter ListFilter => Filter;

    public List<EnterpriseRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        IgnoreWhatCannotApply();
        Rows = await OnePageAsync(EnterpriseList.Query(Db, Enterprises, Filter), EnterpriseList.CountAsync(Db, Me, Enterprises, Filter));
    }

    /// <summary>GET ?handler=Export: exactly the filtered enterprises, every page, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        IgnoreWhatCannotApply();
        var rows = EnterpriseList.Query(Db, Enterprises, Filter).AsAsyncEnumerable();
        var sheet = new List<IReadOnlyDictionary<string, object?>>();
        await foreach (var r in rows)
        {
            sheet.Add(ToExcelRow(r));
        }
        await AuditViewAsync(null, "enterprises.exported", $"{sheet.Count} enterprises of {Me.DivisionCode}");
        return File(await Spreadsheet.WriteAsync(sheet, "企业名单"), Spreadsheet.ContentType, $"企业名单-{MyDivision}.xlsx");
    }

    private Dictionary<string, object?> ToExcelRow(EnterpriseRow r) => new()
    {
        ["统一社会信用代码"] = r.CreditCode,
        ["企业名称"] = r.Name,
        ["设区市"] = Regions.City(r.CityCode)?.Name,
        ["区县"] = Regions.County(r.CountyCode)?.Name,
        ["行业"] = Regions.Industry(r.IndustryCode)?.Name,
        ["规上"] = r.IsAboveScale ? "是" : "否",
        ["筑峰强链"] = r.IsFlagshipChain ? "是" : "否",
        ["参考等级"] = Tiers.ReferenceLevelName(r.ReferenceLevel),
        ["建设指数"] = r.Index,
        ["提交时间"] = BeijingTime.Of(r.SubmittedAt)?.ToString("yyyy-MM-dd HH:mm"),
        ["状态"] = EnterpriseList.StatusOf(r),
    };
}
