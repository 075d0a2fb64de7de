using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>填报指南: the steps, the gates with the numbers of the rule set in force, what counts as evidence, and the deadlines of the open rounds.</summary>
public sealed class GuideModel(AppDbContext db, EditionLibrary editions, TimeProvider clock) : PageModel
{
    public RuleSet RuleSet => editions.CurrentRuleSet;

    public Catalog Catalog => editions.Catalog(RuleSet.CatalogEdition)!;

    public DateOnly Today { get; private set; }

    /// <summary>The rounds enterprises may apply in today, or will soon.</summary>
    public List<CampaignRound> Rounds { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Today = BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
        var today = Today;
        Rounds = await db.Rounds.AsNoTracking().Where(r => r.ClosesOn >= today).OrderBy(r => r.OpensOn).ToListAsync();
    }

    /// <summary>A rule-set number with its provenance in the rule set's own words, "—" where the tier has no such gate.</summary>
    public string Cell<T>(Sourced<T>? value, Func<T, string> show) =>
        value is null ? "—" : $"{show(value.Value)}（{RuleSet.Label(value.Provenance)}）";

    public static string Deadline(CampaignRound round, DateOnly today) => Campaign.Rounds.Deadline(round.ClosesOn, today);
}
