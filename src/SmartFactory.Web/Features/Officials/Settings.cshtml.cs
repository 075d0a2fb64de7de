using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Campaign;

namespace SmartFactory.Web.Features.Officials;

/// <summary>Whether a city requires 备案 of a self-declared 智能车间/基础级: the city sets its own, the province any city's; a county reads its city's.</summary>
public sealed class SettingsModel(AppDbContext db, Regions regions, TimeProvider clock) : OfficialPage(db, regions)
{
    public Dictionary<string, bool> Requires { get; private set; } = [];

    public bool MayChange => Me.Level != OfficialLevel.County;

    public async Task OnGetAsync()
    {
        var codes = Cities.Select(c => c.Code).ToList();
        Requires = await Db.CitySettings.AsNoTracking().Where(c => codes.Contains(c.CityCode)).ToDictionaryAsync(c => c.CityCode, c => c.RequiresFiling);
    }

    public async Task<IActionResult> OnPostAsync(string? cityCode, bool requiresFiling)
    {
        // A city outside the official's own, and any change by a county, is a city the official has no setting of.
        if (!MayChange || Cities.All(c => c.Code != cityCode))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", "请选择是否要求备案。");
            await OnGetAsync();
            return Page();
        }
        await Filings.SetRequirementAsync(Db, cityCode!, requiresFiling, UserId, clock.GetUtcNow().UtcDateTime);
        return Redirect("/Officials/Settings");
    }
}
