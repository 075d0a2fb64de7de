using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Team;

/// <summary>The enterprise administrator grants a service provider access to the drafts, and revokes it.</summary>
public sealed class ProvidersModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Organisation, string Name, string Login, DateTime GrantedAt);

    public List<Row> Grants { get; private set; } = [];

    [BindProperty, Display(Name = "服务商登录账号"), Required(ErrorMessage = "请填写服务商的登录账号。")]
    public string Login { get; set; } = "";

    private int EnterpriseId => User.EnterpriseId()!.Value;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostGrantAsync()
    {
        var login = Logins.Normalize(Login);
        var provider = await db.Users.FirstOrDefaultAsync(u => u.Login == login && u.Role == Role.ServiceProvider);
        if (provider is null)
        {
            ModelState.AddModelError(nameof(Login), "没有找到该服务商账号，请核对登录账号（服务商需先在本系统注册）。");
        }
        else if (ModelState.IsValid && await ProviderAccess.GrantAsync(db, clock.GetUtcNow().UtcDateTime, EnterpriseId, User.UserId()!.Value, provider) is { } refused)
        {
            ModelState.AddModelError(nameof(Login), refused);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        await db.SaveChangesAsync();
        return Redirect("/Team/Providers");
    }

    /// <summary>
    /// From a provider's page in the 服务商资源池: the same grant, of a provider that is in the pool; back to its page, which
    /// then says it is granted (a second click grants nothing more).
    /// </summary>
    public async Task<IActionResult> OnPostFromPoolAsync(int providerId)
    {
        var provider = await db.Users.FirstOrDefaultAsync(u => u.Id == providerId && u.Role == Role.ServiceProvider && db.ProviderProfiles.Any(p => p.UserId == u.Id));
        if (provider is null)
        {
            return NotFound();
        }
        if (await ProviderAccess.GrantAsync(db, clock.GetUtcNow().UtcDateTime, EnterpriseId, User.UserId()!.Value, provider) is null)
        {
            await db.SaveChangesAsync();
        }
        return Redirect($"/Pool/{providerId}");
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        var grant = await db.ProviderGrants.InForce().FirstOrDefaultAsync(g => g.Id == id && g.EnterpriseId == EnterpriseId);
        if (grant is null)
        {
            return NotFound();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        grant.RevokedAt = now;
        grant.RevokedBy = User.UserId();
        db.Record(now, User.UserId(), EnterpriseId, "provider.revoked", grant.ProviderUserId.ToString());
        await db.SaveChangesAsync();
        return Redirect("/Team/Providers");
    }

    private async Task LoadAsync() => Grants = await db.ProviderGrants.AsNoTracking().InForce()
        .Where(g => g.EnterpriseId == EnterpriseId)
        .Select(g => new Row(g.Id, g.Provider!.Organisation ?? "", g.Provider.DisplayName, g.Provider.Login, g.GrantedAt))
        .ToListAsync();
}
