using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Providers;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Providers;

/// <summary>A provider's profile as stored, with its organisation: what an enterprise sees in the pool (decision 032).</summary>
public sealed record PoolProfile(int ProviderId, string Organisation, string Edition, ProviderProfile Profile, DateTime UpdatedAt);

/// <summary>Reading and writing the 服务商资源池's profiles: the provider's page, the pool's page and the plan's suggestions share these.</summary>
public static class PoolProfiles
{
    public static async Task<PoolProfile?> LoadAsync(AppDbContext db, int providerId)
    {
        var row = await db.ProviderProfiles.AsNoTracking().Include(p => p.Offers).Include(p => p.User)
            .FirstOrDefaultAsync(p => p.UserId == providerId && p.User!.Role == Role.ServiceProvider);
        return row is null ? null : new PoolProfile(row.UserId, row.User!.Organisation ?? row.User.DisplayName, row.Edition, new ProviderProfile(
            row.Introduction, row.Contact,
            row.Offers.OrderBy(o => o.ScenarioNo).ToDictionary(o => o.ScenarioNo, o => (Tier)o.MaxTier),
            SplitCities(row.Cities),
            JsonSerializer.Deserialize<List<ProviderCase>>(row.CasesJson) ?? []), row.UpdatedAt);
    }

    /// <summary>Writes the whole profile: its row and every offer, replacing what was there, in one save.</summary>
    public static async Task SaveAsync(AppDbContext db, int providerId, string edition, ProviderProfile profile, DateTime now)
    {
        var row = await db.ProviderProfiles.Include(p => p.Offers).FirstOrDefaultAsync(p => p.UserId == providerId);
        if (row is null)
        {
            row = new ProviderProfileRecord { UserId = providerId, Edition = edition, Introduction = "", Cities = "", CasesJson = "[]" };
            db.ProviderProfiles.Add(row);
        }
        row.Edition = edition;
        row.Introduction = profile.Introduction;
        row.Contact = profile.Contact;
        row.Cities = string.Join(',', profile.Cities);
        row.CasesJson = JsonSerializer.Serialize(profile.Cases);
        row.UpdatedAt = now;
        row.Offers.RemoveAll(o => !profile.Offers.ContainsKey(o.ScenarioNo));
        foreach (var (no, tier) in profile.Offers)
        {
            if (row.Offers.Find(o => o.ScenarioNo == no) is { } kept)
            {
                kept.MaxTier = (int)tier;
            }
            else
            {
                row.Offers.Add(new ProviderOfferRecord { ProviderUserId = providerId, ScenarioNo = no, MaxTier = (int)tier });
            }
        }
        db.Record(now, providerId, null, "provider.profile", $"{profile.Offers.Count} 个场景");
        await db.SaveChangesAsync();
    }

    /// <summary>The pool members of one catalog edition who deliver any of the scenarios at the lowest tier asked or above.</summary>
    public static async Task<List<PoolMember>> MembersAsync(AppDbContext db, string edition, IReadOnlyList<PlanNeed> needs)
    {
        if (needs.Count == 0)
        {
            return [];
        }
        var nos = needs.Select(n => n.ScenarioNo).Distinct().ToList();
        var lowest = needs.Min(n => (int)n.Target);
        var rows = await db.ProviderProfiles.AsNoTracking()
            .Where(p => p.Edition == edition && p.User!.Role == Role.ServiceProvider
                        && p.Offers.Any(o => nos.Contains(o.ScenarioNo) && o.MaxTier >= lowest))
            .Select(p => new
            {
                p.UserId,
                Organisation = p.User!.Organisation ?? p.User.DisplayName,
                p.Cities,
                Offers = p.Offers.Where(o => nos.Contains(o.ScenarioNo)).Select(o => new { o.ScenarioNo, o.MaxTier }).ToList(),
            })
            .ToListAsync();
        return rows.Select(r => new PoolMember(r.UserId, r.Organisation, SplitCities(r.Cities),
            r.Offers.ToDictionary(o => o.ScenarioNo, o => (Tier)o.MaxTier))).ToList();
    }

    private static List<string> SplitCities(string cities) => [.. cities.Split(',', StringSplitOptions.RemoveEmptyEntries)];
}
