using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Team;

/// <summary>
/// The one way an enterprise grants a service provider access, whether the administrator typed the provider's login or
/// chose it in the 服务商资源池 (decision 032). The caller saves.
/// </summary>
public static class ProviderAccess
{
    /// <summary>Adds the grant and its audit event; the refusal in Chinese when the provider already holds one in force.</summary>
    public static async Task<string?> GrantAsync(AppDbContext db, DateTime now, int enterpriseId, int grantedBy, User provider)
    {
        if (await db.ProviderGrants.InForce(provider.Id, enterpriseId).AnyAsync())
        {
            return "已授权该服务商。";
        }
        db.ProviderGrants.Add(new ProviderGrant { EnterpriseId = enterpriseId, ProviderUserId = provider.Id, GrantedAt = now, GrantedBy = grantedBy });
        db.Record(now, grantedBy, enterpriseId, "provider.granted", provider.Login);
        return null;
    }
}
