using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Experts;

/// <summary>The expert's to-do list: the applications the province assigned to them, and whether their site check is recorded.</summary>
public sealed class IndexModel(AppDbContext db, Regions regions) : ExpertPage(db)
{
    public sealed record Row(int Id, string Enterprise, string CountyCode, ApplicationState State, DateTime AssignedAt, bool Recorded, int? ConfirmedLevel);

    public Regions Regions => regions;

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await Db.ExpertAssignments.AsNoTracking().Where(x => x.ExpertUserId == UserId)
            .Join(Db.Applications, x => x.ApplicationId, a => a.Id, (x, a) => new { x.AssignedAt, a })
            .OrderByDescending(r => r.AssignedAt)
            .Select(r => new Row(r.a.Id, r.a.Enterprise!.Name, r.a.CountyCode, r.a.State, r.AssignedAt,
                Db.SiteChecks.Any(s => s.ApplicationId == r.a.Id), Db.SiteChecks.Where(s => s.ApplicationId == r.a.Id).Select(s => (int?)s.ConfirmedLevel).FirstOrDefault()))
            .ToListAsync();
}
