using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Issued;
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
    public Task<IActionResult> OnGetExportAsync() => ExportAsync(DownloadFormat.Xlsx);

    /// <summary>GET ?handler=Csv: the same as UTF-8 CSV.</summary>
    public Task<IActionResult> OnGetCsvAsync() => ExportAsync(DownloadFormat.Csv);

    private async Task<IActionResult> ExportAsync(DownloadFormat format)
    {
        IgnoreWhatCannotApply();
        var rows = await EnterpriseList.Query(Db, Enterprises, Filter).ToListAsync();
        return await DownloadAsync(Table.Of("企业名单", rows, Columns), format, "enterprises.exported");
    }

    private (string, Func<EnterpriseRow, object?>)[] Columns =>
    [
        ("统一社会信用代码", r => r.CreditCode),
        ("企业名称", r => r.Name),
        ("设区市", r => Regions.City(r.CityCode)?.Name),
        ("区县", r => Regions.County(r.CountyCode)?.Name),
        ("行业", r => Regions.Industry(r.IndustryCode)?.Name),
        ("规上", r => r.IsAboveScale ? "是" : "否"),
        ("筑峰强链", r => r.IsFlagshipChain ? "是" : "否"),
        ("参考等级", r => Tiers.ReferenceLevelName(r.ReferenceLevel)),
        ("建设指数", r => r.Index),
        ("数字化转型得分", r => (double?)r.DtScore), // a double, so 82 is written 82 on every database, not 82.0
        ("得分来源", r => r.SubmittedAt is null ? null : AssessmentOrigins.Mark(r.DtIssued)),
        ("成熟度等级", r => r.CmmmLevel),
        ("等级来源", r => r.SubmittedAt is null ? null : AssessmentOrigins.Mark(r.CmmmIssued)),
        ("人工智能场景应用等级", r => r.AiLevel),
        ("提交时间", r => BeijingTime.Of(r.SubmittedAt)),
        ("状态", r => EnterpriseList.StatusOf(r)),
    ];
}
