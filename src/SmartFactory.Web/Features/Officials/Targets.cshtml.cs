using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Officials;

/// <summary>The province sets how many 规上 enterprises each division has: the denominator of the 基础级 goal.</summary>
public sealed class TargetsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public Dictionary<string, int> Current { get; private set; } = [];

    public IEnumerable<(string Code, string Name)> Divisions =>
        new[] { (Regions.Province.Code, Regions.Province.Name) }
            .Concat(Regions.Cities.SelectMany(c => c.Counties.Select(k => (k.Code, $"　{k.Name}")).Prepend((c.Code, c.Name))));

    public async Task OnGetAsync() => Current = await Db.DivisionTargets.AsNoTracking().ToDictionaryAsync(t => t.DivisionCode, t => t.AboveScaleEnterprises);

    public async Task<IActionResult> OnPostAsync(Dictionary<string, string?> counts)
    {
        var known = Divisions.Select(d => d.Code).ToHashSet();
        var parsed = new Dictionary<string, int>();
        foreach (var (code, text) in counts.Where(c => known.Contains(c.Key) && !string.IsNullOrWhiteSpace(c.Value)))
        {
            if (!int.TryParse(text, out var n) || n < 0 || n > 1_000_000)
            {
                ModelState.AddModelError("", $"{Regions.DivisionName(code)}：规上企业数应为 0–1000000 的整数。");
                continue;
            }
            parsed[code] = n;
        }
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await Db.DivisionTargets.ToDictionaryAsync(t => t.DivisionCode);
        foreach (var (code, n) in parsed)
        {
            if (!existing.TryGetValue(code, out var target))
            {
                target = new DivisionTarget { DivisionCode = code };
                Db.DivisionTargets.Add(target);
            }
            (target.AboveScaleEnterprises, target.UpdatedAt, target.UpdatedBy) = (n, now, UserId);
        }
        Db.Record(now, UserId, null, "targets.updated", $"{parsed.Count} divisions");
        await Db.SaveChangesAsync();
        return Redirect("/Officials/Targets");
    }
}
