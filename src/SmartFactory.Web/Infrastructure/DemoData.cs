using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Demo enterprises in different cities and industries with submissions at different levels, and their logins
/// (listed in the README). Loaded only into an empty database, and only when Database:SeedDemoData is on.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo2026";

    private sealed record Profile(string Login, string Name, string County, string Industry, Tier? Level, bool Submit, bool AboveScale, bool Flagship);

    private static readonly Profile[] Profiles =
    [
        new("suzhou@demo.cn", "苏州精工电气有限公司", "320505", "38", Tier.Advanced, true, true, false),
        new("wuxi@demo.cn", "无锡新吴汽车零部件有限公司", "320214", "36", Tier.Basic, true, true, false),
        new("nanjing@demo.cn", "南京江宁智能装备股份有限公司", "320115", "39", Tier.Excellent, true, true, true),
        new("changzhou@demo.cn", "常州新北通用机械有限公司", "320411", "34", Tier.Workshop, true, false, false),
        new("nantong@demo.cn", "南通通州化工材料有限公司", "320612", "26", Tier.Basic, false, true, false),
        new("xuzhou@demo.cn", "徐州铜山工程机械有限公司", "320312", "35", Tier.Advanced, true, true, false),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Enterprises.AnyAsync())
        {
            return;
        }
        var editions = services.GetRequiredService<EditionLibrary>();
        var regions = services.GetRequiredService<Regions>();
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var catalog = editions.Current;
        for (var i = 0; i < Profiles.Length; i++)
        {
            var p = Profiles[i];
            var enterprise = new Enterprise
            {
                CreditCode = Code(p.County, i),
                Name = p.Name,
                CityCode = regions.County(p.County)!.CityCode,
                CountyCode = p.County,
                IndustryCode = p.Industry,
                Size = p.AboveScale ? EnterpriseSize.Medium : EnterpriseSize.Small,
                IsAboveScale = p.AboveScale,
                IsFlagshipChain = p.Flagship,
                ContactName = "演示联系人",
                ContactPhone = "025-12345678",
                CreatedAt = now.AddDays(-60),
            };
            var admin = new User { Login = p.Login, DisplayName = $"{p.Name[..2]}管理员", Role = Role.EnterpriseAdmin, Enterprise = enterprise, SecurityStamp = Auth.NewStamp(), CreatedAt = now };
            admin.PasswordHash = hasher.HashPassword(admin, Password);
            db.Users.Add(admin);
            await db.SaveChangesAsync();
            if (p.Level is { } level && p.Submit && level >= Tier.Basic)
            {
                var earlier = Submitted(enterprise.Id, admin.Id, catalog, editions, level - 1, now.AddDays(-400));
                earlier.IsLatest = false;
                db.Assessments.Add(earlier);
            }
            db.Assessments.Add(p.Submit
                ? Submitted(enterprise.Id, admin.Id, catalog, editions, p.Level, now.AddDays(-10 + i))
                : Draft(enterprise.Id, admin.Id, catalog, p.Level, now.AddDays(-1)));
        }
        var colleague = new User { Login = "colleague@demo.cn", DisplayName = "苏州填报员", Role = Role.EnterpriseUser, EnterpriseId = 1, SecurityStamp = Auth.NewStamp(), CreatedAt = now };
        colleague.PasswordHash = hasher.HashPassword(colleague, Password);
        db.Users.Add(colleague);
        await db.SaveChangesAsync();
    }

    /// <summary>A valid credit code registered in the given county.</summary>
    public static string Code(string county, int n)
    {
        var first17 = $"91{county}MA1{n:D5}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static AssessmentRecord Draft(int enterpriseId, int userId, Catalog catalog, Tier? level, DateTime at)
    {
        var draft = Answers(enterpriseId, userId, catalog, level, at);
        draft.Ratings = draft.Ratings.Take(draft.Ratings.Count / 2).ToList();
        return draft;
    }

    private static AssessmentRecord Submitted(int enterpriseId, int userId, Catalog catalog, EditionLibrary editions, Tier? level, DateTime at)
    {
        var a = Answers(enterpriseId, userId, catalog, level, at);
        a.PledgeSignatory = "演示法定代表人";
        a.PledgePosition = "总经理";
        a.PledgeDate = DateOnly.FromDateTime(at);
        Drafts.Freeze(a, editions, userId, at);
        return a;
    }

    /// <summary>Answers that reach about <paramref name="level"/>: every scenario rated at the highest defined tier up to it.</summary>
    private static AssessmentRecord Answers(int enterpriseId, int userId, Catalog catalog, Tier? level, DateTime at)
    {
        var ordinal = level.Ordinal();
        var ratings = catalog.Scenarios.Select((s, i) =>
        {
            var tier = Tiers.All.Where(t => (int)t <= ordinal && s.IsDefined(t)).Cast<Tier?>().LastOrDefault();
            return new RatingRecord
            {
                ScenarioNo = s.No,
                Level = tier.Ordinal(),
                Ai = tier is not null && i % 3 == 0,
                Evidence = tier is null ? null : $"已建成{s.Name}相关系统并投入使用。",
                EvidenceHash = tier is null ? null : Drafts.EvidenceHash($"已建成{s.Name}相关系统并投入使用。"),
                UpdatedAt = at,
                UpdatedBy = userId,
            };
        }).ToList();
        return new AssessmentRecord
        {
            EnterpriseId = enterpriseId,
            Year = at.Year,
            Status = AssessmentStatus.Draft,
            Edition = catalog.Edition,
            DtScore = 45 + 10 * ordinal,
            DtDate = DateOnly.FromDateTime(at.AddDays(-30)),
            CmmmLevel = Math.Max(0, ordinal - 1),
            BasicRequirements = string.Join(",", BasicRequirements.All.Select(r => r.Key)),
            Ratings = ratings,
            CreatedAt = at,
            CreatedBy = userId,
            UpdatedAt = at,
            UpdatedBy = userId,
        };
    }
}
