using Microsoft.EntityFrameworkCore;
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

    public async Task OnGetAsync()
    {
        var all = await Db.Applications.InScope(Me).AsNoTracking()
            .OrderByDescending(a => a.UpdatedAt)
            .Select(a => new { a.Id, a.Enterprise!.Name, a.CountyCode, a.CityCode, a.CountyReportsToProvince, a.Flagship, a.State, a.UpdatedAt })
            .Take(500).ToListAsync();
        Rows = all.Select(a => new Row(a.Id, a.Name, a.CountyCode, a.State, a.UpdatedAt,
                ApplicationWorkflow.Holder(a.State, new ApplicationRoute(a.CountyCode, a.CityCode, a.CountyReportsToProvince, a.Flagship)) == Me))
            .OrderByDescending(r => r.Mine).ToList();
    }
}
