using Microsoft.AspNetCore.Mvc.RazorPages;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>A page for officials: who they are, their division, and the data in it.</summary>
public abstract class OfficialPage(AppDbContext db, Regions regions) : PageModel
{
    protected AppDbContext Db => db;
    public Regions Regions => regions;

    /// <summary>The Official policy guarantees the role and division claims on every page of this folder.</summary>
    public Official Me => User.Official()!;

    public string MyDivision => regions.DivisionName(Me.DivisionCode);

    protected int UserId => User.UserId()!.Value;

    /// <summary>Records that this official opened or downloaded something of an enterprise (等保: every view of its data).</summary>
    protected Task AuditViewAsync(int? enterpriseId, string action, string? detail = null) =>
        db.RecordViewAsync(HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, UserId, enterpriseId, action, detail);

    public IQueryable<Enterprise> Enterprises => db.Enterprises.InScope(Me);

    /// <summary>The cities the official may filter on: their own, or every city for the province.</summary>
    public IEnumerable<City> Cities => Me.Level switch
    {
        OfficialLevel.Province => regions.Cities,
        OfficialLevel.City => regions.Cities.Where(c => c.Code == Me.DivisionCode),
        _ => regions.Cities.Where(c => c.Counties.Any(k => k.Code == Me.DivisionCode)),
    };

    public IEnumerable<County> Counties => Cities.SelectMany(c => c.Counties).Where(k => Me.Level != OfficialLevel.County || k.Code == Me.DivisionCode);
}
