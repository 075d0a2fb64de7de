using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>
/// 公示 of a round (province only): which of its site-checked applications are proposed for recognition, and the
/// objection period. Both can be changed until the period begins; from then on they are what the public saw (decision 027).
/// </summary>
public sealed class PublicityModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public IReadOnlyList<CampaignRound> Rounds { get; private set; } = [];
    public CampaignRound? Round { get; private set; }

    /// <summary>The round's applications that can be or have been on the list: site-checked, or recognised after it.</summary>
    public IReadOnlyList<ApplicationRecord> Candidates { get; private set; } = [];
    public DateOnly Today => BeijingTime.Today(clock.GetUtcNow().UtcDateTime);
    public bool Locked => Round?.PublicityFrom is DateOnly from && from <= Today;

    [BindProperty]
    public DateOnly? PublicityFrom { get; set; }

    [BindProperty]
    public DateOnly? PublicityUntil { get; set; }

    [BindProperty]
    public List<int> Proposed { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(int? roundId)
    {
        if (!await LoadAsync(roundId))
        {
            return NotFound();
        }
        PublicityFrom = Round?.PublicityFrom;
        PublicityUntil = Round?.PublicityUntil;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? roundId)
    {
        if (roundId is null || !await LoadAsync(roundId))
        {
            return NotFound();
        }
        var round = Round!;
        var today = Today;
        var proposed = Proposed.Distinct().ToHashSet();
        if (Locked)
        {
            ModelState.AddModelError("", $"公示已于 {round.PublicityFrom:yyyy-MM-dd} 开始，拟认定名单和公示期不能再修改。");
        }
        else if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", "公示期的日期格式不正确，请按“年-月-日”填写。");
        }
        else if (PublicityFrom is not { } from || PublicityUntil is not { } until)
        {
            ModelState.AddModelError("", "请填写公示期的开始和结束日期。");
        }
        else if (from < today)
        {
            ModelState.AddModelError("", "公示期不能早于今天开始。");
        }
        else if (until < from.AddDays(4))
        {
            ModelState.AddModelError("", "公示期至少 5 天（含开始和结束当日）。");
        }
        else if (proposed.Count == 0)
        {
            ModelState.AddModelError("", "请至少选择一家拟认定的企业。");
        }
        else if (proposed.Except(Candidates.Where(a => a.State == ApplicationState.SiteChecked).Select(a => a.Id)).Any())
        {
            ModelState.AddModelError("", "只能选择本批次中“现场核查通过，待认定”的申报。");
        }
        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }
        var tracked = await Db.Rounds.SingleAsync(r => r.Id == round.Id);
        (tracked.PublicityFrom, tracked.PublicityUntil) = (PublicityFrom, PublicityUntil);
        foreach (var application in await Db.Applications.Where(a => a.RoundId == round.Id && a.State == ApplicationState.SiteChecked).ToListAsync())
        {
            application.ProposedOn = proposed.Contains(application.Id) ? today : null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        Db.Record(now, UserId, null, "publicity.published", $"round {round.Id}: {PublicityFrom:yyyy-MM-dd}..{PublicityUntil:yyyy-MM-dd}, applications {string.Join(",", proposed.Order())}");
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "名单中的申报刚刚已被办理，请刷新后重新选择。");
            return Page();
        }
        return Redirect($"/Officials/Publicity/{round.Id}");
    }

    private async Task<bool> LoadAsync(int? roundId)
    {
        Rounds = await Db.Rounds.AsNoTracking().OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).ToListAsync();
        if (roundId is null)
        {
            return true;
        }
        Round = Rounds.FirstOrDefault(r => r.Id == roundId);
        if (Round is null)
        {
            return false;
        }
        Candidates = await Db.Applications.AsNoTracking().Include(a => a.Enterprise)
            .Where(a => a.RoundId == roundId && (a.State == ApplicationState.SiteChecked || (a.State == ApplicationState.Recognised && a.ProposedOn != null)))
            .OrderBy(a => a.CityCode).ThenBy(a => a.Id).ToListAsync();
        return true;
    }
}
