using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Officials;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>One 申报批次: the province opens it or edits its dates and quotas, and sees every division's used / quota.</summary>
public sealed class RoundModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public CampaignRound? Existing { get; private set; }

    public DateOnly Today => BeijingTime.Today(clock.GetUtcNow().UtcDateTime);

    public IEnumerable<(string Code, string Name, int Used)> Divisions =>
        Rounds.QuotaDivisions(Regions).Select(d => (d.Code, d.Name, Existing?.Quotas.FirstOrDefault(q => q.DivisionCode == d.Code)?.Used ?? 0));

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null)
        {
            Input = RoundInput.New(Today);
            return Page();
        }
        Existing = await Db.Rounds.AsNoTracking().Include(r => r.Quotas).FirstOrDefaultAsync(r => r.Id == id);
        if (Existing is null)
        {
            return NotFound();
        }
        Input = RoundInput.Of(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var round = id is null ? null : await Db.Rounds.Include(r => r.Quotas).FirstOrDefaultAsync(r => r.Id == id);
        if (id is not null && round is null)
        {
            return NotFound();
        }
        Existing = round;
        var problems = await RoundForm.ValidateAsync(Db, Regions, Input, round);
        if (problems.Count > 0)
        {
            problems.ForEach(p => ModelState.AddModelError("", p));
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (round is null)
        {
            round = new CampaignRound { Name = "", CreatedAt = now, CreatedBy = UserId };
            Db.Rounds.Add(round);
        }
        RoundForm.Apply(Input, round, Regions);
        Db.Record(now, UserId, null, id is null ? "round.created" : "round.updated", $"{round.Year} {round.Name} {round.Tier} {round.OpensOn}–{round.ClosesOn}/{round.RecommendClosesOn}");
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "保存时恰有推荐占用了名额，请刷新后重新填写。");
            return Page();
        }
        return Redirect($"/Campaign/Round/{round.Id}");
    }
}
