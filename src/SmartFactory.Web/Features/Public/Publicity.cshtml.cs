using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Public;

/// <summary>
/// /public/publicity: during a round's objection period the enterprises proposed for recognition, with the period and
/// how to object; and the enterprises recognised so far, by batch. Only names, places, industry, tier, batch and 文号.
/// </summary>
public sealed class PublicityModel(AppDbContext db, Regions regions, TimeProvider clock, IConfiguration configuration) : PublicPage(db)
{
    /// <summary>What the page says about objections unless Campaign:PublicityContact is set.</summary>
    public const string DefaultContact = "对公示名单有异议的，请于公示期内以书面形式向江苏省工业和信息化厅反映，并写明真实姓名、联系方式和具体事实；匿名或逾期的异议不予受理。";

    public sealed record Proposed(string Name, string City, string County, string Industry, string Tier);
    public sealed record Listing(string Round, DateOnly From, DateOnly Until, IReadOnlyList<Proposed> Enterprises);
    public sealed record Recognised(string Name, string City, string Tier, string Batch, string DocumentNo);

    public IReadOnlyList<Listing> Listings { get; private set; } = [];
    public IReadOnlyList<IGrouping<string, Recognised>> RecognisedByBatch { get; private set; } = [];
    public string Contact => configuration["Campaign:PublicityContact"] is { Length: > 0 } text ? text : DefaultContact;

    public async Task OnGetAsync()
    {
        var today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        var rounds = await Db.Rounds.AsNoTracking().Where(r => r.PublicityFrom <= today && today <= r.PublicityUntil).OrderBy(r => r.PublicityFrom).ToListAsync();
        var ids = rounds.Select(r => r.Id).ToList();
        var proposed = await Db.Applications.AsNoTracking().Include(a => a.Enterprise)
            .Where(a => a.RoundId != null && ids.Contains(a.RoundId.Value) && a.ProposedOn != null && a.State == ApplicationState.SiteChecked)
            .ToListAsync();
        Listings = rounds.Select(r => new Listing(r.Name, r.PublicityFrom!.Value, r.PublicityUntil!.Value, proposed.Where(a => a.RoundId == r.Id)
                .Select(a => new Proposed(a.Enterprise!.Name, regions.DivisionName(a.CityCode), regions.County(a.CountyCode)?.Name ?? "—",
                    regions.Industry(a.Enterprise.IndustryCode)?.Name ?? "—", $"{r.Tier.ChineseName()}智能工厂"))
                .OrderBy(p => p.City, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList()))
            .ToList();
        var recognised = await Db.Applications.AsNoTracking().Include(a => a.Enterprise).Include(a => a.Round)
            .Where(a => a.State == ApplicationState.Recognised && a.RecognitionDocumentNo != null)
            .OrderByDescending(a => a.RecognisedOn).ThenBy(a => a.Id).Take(2000).ToListAsync();
        RecognisedByBatch = recognised
            .Select(a => new Recognised(a.Enterprise!.Name, regions.DivisionName(a.CityCode), Recognition.TierName(a), Recognition.BatchName(a), a.RecognitionDocumentNo!))
            .GroupBy(r => r.Batch).ToList();
    }
}
