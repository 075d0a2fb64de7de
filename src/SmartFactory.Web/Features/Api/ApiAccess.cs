using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Api;

/// <summary>What an API caller may see and change: the same scopes as the pages, decided from the token owner's claims.</summary>
public static class ApiAccess
{
    /// <summary>Enterprises the caller may read: an official's division, an enterprise's own, a provider's grants.</summary>
    public static IQueryable<Enterprise> Visible(ClaimsPrincipal user, AppDbContext db)
    {
        if (user.Official() is { } official)
        {
            return db.Enterprises.InScope(official);
        }
        if (user.EnterpriseId() is int own)
        {
            return db.Enterprises.Where(e => e.Id == own);
        }
        var me = user.UserId();
        return user.IsInRole(nameof(Role.ServiceProvider))
            ? db.Enterprises.GrantedTo(db.ProviderGrants, me)
            : db.Enterprises.Where(_ => false);
    }

    /// <summary>May the caller edit this enterprise's draft: its own users, or a provider with a grant in force.</summary>
    public static async Task<bool> CanEditAsync(ClaimsPrincipal user, AppDbContext db, int enterpriseId)
    {
        if (user.EnterpriseId() is int own)
        {
            return own == enterpriseId;
        }
        var me = user.UserId();
        return user.IsInRole(nameof(Role.ServiceProvider))
            && await db.ProviderGrants.InForce(me, enterpriseId).AnyAsync();
    }

    /// <summary>Only the enterprise's own users submit and apply.</summary>
    public static bool IsOwnEnterprise(ClaimsPrincipal user, int enterpriseId) => user.EnterpriseId() == enterpriseId;
}
