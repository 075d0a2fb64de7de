using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The enterprises in the official's division: filters, search, sorting, paging, and the Excel export of the same filter.</summary>
public sealed class IndexModel(AppDbContext db, Regions regions) : OfficialPage(db, regions)
{
    [BindProperty(SupportsGet = true)]
    public EnterpriseFilter Filter { get; set; } = new();

    public List<EnterpriseRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages => Math.Max(1, (Total + EnterpriseList.PageSize - 1) / EnterpriseList.PageSize);

    public async Task OnGetAsync()
    {
        var query = EnterpriseList.Query(Db, Enterprises, Filter);
        Total = await EnterpriseList.CountAsync(Db, Me, Enterprises, Filter);
        Filter.Page = Math.Clamp(Filter.Page, 1, Pages);
        Rows = await query.Skip((Filter.Page - 1) * EnterpriseList.PageSize).Take(EnterpriseList.PageSize).ToListAsync();
    }

    /// <summary>GET ?handler=Export: exactly the filtered enterprises, every page, as .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var rows = EnterpriseList.Query(Db, Enterprises, Filter).AsAsyncEnumerable();
        var sheet = new List<Dictionary<string, object?>>();
        await foreach (var r in rows)
        {
            sheet.Add(ToExcelRow(r));
        }
        var stream = new MemoryStream();
        await stream.SaveAsAsync(sheet, sheetName: "企业名单");
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"企业名单-{MyDivision}.xlsx");
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

    /// <summary>The list URL with one filter value changed (paging and sorting links).</summary>
    public string Link(string? sort = null, int? page = null, bool? desc = null)
    {
        var f = Filter;
        var values = new Dictionary<string, string?>
        {
            ["Filter.City"] = f.City, ["Filter.County"] = f.County, ["Filter.Industry"] = f.Industry, ["Filter.Level"] = f.Level,
            ["Filter.Status"] = f.Status, ["Filter.Year"] = f.Year?.ToString(), ["Filter.Q"] = f.Q,
            ["Filter.Sort"] = sort ?? f.Sort, ["Filter.Desc"] = (desc ?? f.Desc) ? "true" : null, ["Filter.Page"] = (page ?? 1).ToString(),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/Officials", values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }
}
