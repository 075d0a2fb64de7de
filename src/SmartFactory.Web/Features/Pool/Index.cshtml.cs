using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Providers;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Pool;

/// <summary>
/// A provider's page in the 服务商资源池, for the users of an enterprise (decision 032): what it delivers, where, and its
/// cases; the enterprise administrator grants it access from here (through <see cref="Team.ProviderAccess"/>).
/// </summary>
public sealed class IndexModel(AppDbContext db, EditionLibrary editions, Regions regions) : PageModel
{
    public PoolProfile Provider { get; private set; } = null!;
    public Catalog? Catalog { get; private set; }
    public Regions Regions => regions;
    public bool Granted { get; private set; }
    public bool IsAdmin => User.IsInRole(nameof(Role.EnterpriseAdmin));

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await PoolProfiles.LoadAsync(db, id) is not { } provider)
        {
            return NotFound();
        }
        Provider = provider;
        Catalog = editions.Catalog(provider.Edition);
        var enterprise = User.EnterpriseId()!.Value;
        Granted = await db.ProviderGrants.InForce(id, enterprise).AnyAsync();
        return Page();
    }
}
