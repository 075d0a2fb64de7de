using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Officials;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>The province's 申报批次: every round, newest first, with its dates and how many places are used.</summary>
public sealed class RoundsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public List<(CampaignRound Round, int Used, int Quota, int Applications)> List { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        Today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        var rounds = await Db.Rounds.AsNoTracking().Include(r => r.Quotas).OrderByDescending(r => r.OpensOn).ThenByDescending(r => r.Id).ToListAsync();
        var counts = await Db.Applications.Where(a => a.RoundId != null).GroupBy(a => a.RoundId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        List = rounds.Select(r => (r, r.Quotas.Sum(q => q.Used), r.Quotas.Sum(q => q.Quota), counts.GetValueOrDefault(r.Id))).ToList();
    }
}
