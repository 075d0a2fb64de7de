using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Features.Campaign;
using SmartFactory.Web.Infrastructure.ProvinceData;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// The demo: named enterprises and officials with the logins the README lists (the provider with its 资源池 profile, one
/// enterprise recognised 先进级 with a certificate), then a province of <see cref="GeneratedEnterprises"/> more from the
/// load tests' generator (<see cref="ProvinceSeeder"/>, decision 018) over all 104 county-level units, with varied
/// ratings over three yearly rounds, drafts and applications in every state. Loaded only into an empty database, and
/// only when Database:SeedDemoData is on.
/// </summary>
public static class DemoData
{
    public const string Password = "Demo2026";

    /// <summary>Enough for every county to have a distribution of its own, few enough to seed in seconds on first start.</summary>
    public const int GeneratedEnterprises = 2000;

    /// <param name="Recognised">Already 先进级 a year before, when it applied and was recognised (认定) with a certificate.</param>
    private sealed record Profile(string Login, string Name, string County, string Industry, Tier? Level, bool Submit, bool AboveScale, bool Flagship, bool Recognised = false);

    private static readonly Profile[] Profiles =
    [
        new("suzhou@demo.cn", "苏州精工电气有限公司", "320505", "38", Tier.Advanced, true, true, false),
        new("wuxi@demo.cn", "无锡新吴汽车零部件有限公司", "320214", "36", Tier.Basic, true, true, false),
        new("nanjing@demo.cn", "南京江宁智能装备股份有限公司", "320115", "39", Tier.Excellent, true, true, true),
        new("changzhou@demo.cn", "常州新北通用机械有限公司", "320411", "34", Tier.Workshop, true, false, false),
        new("nantong@demo.cn", "南通通州化工材料有限公司", "320612", "26", Tier.Basic, false, true, false),
        new("xuzhou@demo.cn", "徐州铜山工程机械有限公司", "320312", "35", Tier.Advanced, true, true, false, Recognised: true),
    ];

    /// <summary>What the generator wrote; null when the database already had enterprises and nothing was loaded.</summary>
    public static async Task<ProvinceReport?> SeedAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        if (await db.Enterprises.AnyAsync())
        {
            return null;
        }
        var editions = services.GetRequiredService<EditionLibrary>();
        var regions = services.GetRequiredService<Regions>();
        // One PBKDF2 hash of the demo password for every demo user: the salted hash verifies for any of them, and each hash
        // costs a noticeable part of the first start on a busy machine.
        var hash = services.GetRequiredService<IPasswordHasher<User>>().HashPassword(null!, Password);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var catalog = editions.Current;
        var attested = editions.RuleSetFor(catalog.Edition)!.BasicRequirements.Keys.ToList();
        var admins = new Dictionary<string, User>();
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
            admin.PasswordHash = hash;
            db.Users.Add(admin);
            admins[p.Login] = admin;
            await db.SaveChangesAsync();
            if (p.Level is { } level && p.Submit && level >= Tier.Basic)
            {
                var earlier = Submitted(enterprise.Id, admin.Id, catalog, editions, attested, p.Recognised ? level : level - 1, now.AddDays(-400));
                earlier.IsLatest = false;
                db.Assessments.Add(earlier);
            }
            db.Assessments.Add(p.Submit
                ? Submitted(enterprise.Id, admin.Id, catalog, editions, attested, p.Level, now.AddDays(-10 + i))
                : Draft(enterprise.Id, admin.Id, catalog, attested, p.Level, now.AddDays(-1)));
        }
        var suzhou = admins["suzhou@demo.cn"];
        AddUser(db, hash, now, "colleague@demo.cn", "苏州填报员", Role.EnterpriseUser, enterpriseId: suzhou.EnterpriseId);
        AddUser(db, hash, now, "province@demo.cn", "省厅管理员", Role.ProvinceOfficial, division: ApplicationWorkflow.Province);
        AddUser(db, hash, now, "suzhou-city@demo.cn", "苏州市工信局", Role.CityOfficial, division: "320500");
        AddUser(db, hash, now, "huqiu@demo.cn", "虎丘区工信局", Role.CountyOfficial, division: "320505");
        AddUser(db, hash, now, "nanjing-city@demo.cn", "南京市工信局", Role.CityOfficial, division: "320100");
        var provider = AddUser(db, hash, now, "provider@demo.cn", "服务商顾问", Role.ServiceProvider, organisation: "江苏智造咨询有限公司");
        await db.SaveChangesAsync();
        await DemoProviderProfile.SaveAsync(db, editions, regions, provider.Id, now);
        db.ProviderGrants.Add(new ProviderGrant { EnterpriseId = suzhou.EnterpriseId!.Value, ProviderUserId = provider.Id, GrantedAt = now, GrantedBy = suzhou.Id });
        var round = OpenRound(db, regions, now);
        await AddApplicationsAsync(db, regions, [suzhou, admins["nanjing@demo.cn"]], now, round);
        await db.SaveChangesAsync();
        var officials = await db.Users.Where(u => u.Login == "huqiu@demo.cn" || u.Login == "suzhou-city@demo.cn" || u.Login == "province@demo.cn")
            .ToDictionaryAsync(u => u.Role, u => u.Id);
        foreach (var p in Profiles.Where(p => p.Recognised))
        {
            await AddRecognisedAsync(db, regions, admins[p.Login], officials);
        }
        await db.SaveChangesAsync();
        // The generated enterprises' administrators (admin{id}@demo.cn) get the same password.
        return await ProvinceSeeder.SeedAsync(db, editions, regions, new ProvincePlan
        {
            Enterprises = GeneratedEnterprises,
            Now = now,
            LoginDomain = "demo.cn",
            AdminPasswordHash = hash,
            Officials = officials,
        });
    }

    private static User AddUser(AppDbContext db, string hash, DateTime now, string login, string name, Role role, int? enterpriseId = null, string? division = null, string? organisation = null)
    {
        var user = new User { Login = login, DisplayName = name, Role = role, EnterpriseId = enterpriseId, DivisionCode = division, Organisation = organisation, SecurityStamp = Auth.NewStamp(), CreatedAt = now };
        user.PasswordHash = hash;
        db.Users.Add(user);
        return user;
    }

    /// <summary>
    /// This year's 先进级 申报批次, open from a month ago for two more months (recommending a month longer), with 10 places for
    /// every city and 3 for every county that reports to the province: the demo lets an enterprise apply.
    /// </summary>
    private static CampaignRound OpenRound(AppDbContext db, Regions regions, DateTime now)
    {
        var today = BeijingTime.Today(now);
        var round = new CampaignRound
        {
            Year = today.Year, Name = $"{today.Year} 年度第一批", Tier = Tier.Advanced,
            OpensOn = today.AddDays(-30), ClosesOn = today.AddDays(60), RecommendClosesOn = today.AddDays(90),
            CreatedAt = now,
        };
        foreach (var (code, _) in Features.Campaign.Rounds.QuotaDivisions(regions))
        {
            round.Quotas.Add(new RoundQuota { DivisionCode = code, Quota = regions.City(code) is null ? 3 : 10 });
        }
        db.Rounds.Add(round);
        return round;
    }

    /// <summary>Two applications in flight: one waiting for its county, one (筑峰强链) at the province.</summary>
    private static async Task AddApplicationsAsync(AppDbContext db, Regions regions, IEnumerable<User> applicants, DateTime now, CampaignRound round)
    {
        foreach (var applicant in applicants)
        {
            var enterprise = applicant.Enterprise!;
            var latest = await db.Assessments.Latest().SingleAsync(a => a.EnterpriseId == enterprise.Id);
            var application = ProvinceApplications.Open(regions, enterprise, latest.Id, applicant.Id, now.AddDays(-3));
            application.Round = round;
            application.Events.Add(new ApplicationEvent { At = now.AddDays(-3), UserId = applicant.Id, UserName = enterprise.Name, Role = "企业", To = application.State });
            db.Applications.Add(application);
        }
    }

    /// <summary>
    /// The enterprise's application on its earlier 先进级 submission, walked along its route to 认定 (as the generator
    /// walks its applications, without a round) with a 文号 and a certificate whose code the public page verifies.
    /// </summary>
    private static async Task AddRecognisedAsync(AppDbContext db, Regions regions, User applicant, IReadOnlyDictionary<Role, int> officials)
    {
        var enterprise = applicant.Enterprise!;
        var earlier = await db.Assessments.SingleAsync(a => a.EnterpriseId == enterprise.Id && a.Status == AssessmentStatus.Submitted && !a.IsLatest);
        var at = earlier.SubmittedAt!.Value.AddDays(3);
        var application = ProvinceApplications.Open(regions, enterprise, earlier.Id, applicant.Id, at);
        application.Events.Add(new ApplicationEvent { At = at, UserId = applicant.Id, UserName = enterprise.Name, Role = "企业", To = application.State });
        while (ApplicationWorkflow.Holder(application.State, application.Route) is { } holder)
        {
            at = at.AddDays(9);
            var action = ApplicationWorkflow.AllowedActions(application.State)[0];
            var to = ApplicationWorkflow.Apply(application.State, application.Route, holder, action, null, earlier.Year).To!.Value;
            var (role, office) = ProvinceApplications.OfficialAt(holder.Level);
            application.Events.Add(new ApplicationEvent { At = at, UserId = officials[role], UserName = office, Role = office, From = application.State, To = to, Action = action });
            application.State = to;
        }
        var recognisedOn = BeijingTime.Today(at);
        application.BatchYear = earlier.Year;
        (application.RecognitionDocumentNo, application.RecognisedOn, application.ValidUntil, application.CertificateCode) =
            ($"苏工信智能〔{recognisedOn.Year}〕36号", recognisedOn, Recognition.DefaultValidUntil(recognisedOn), Recognition.NewCode());
        application.UpdatedAt = at;
        db.Applications.Add(application);
    }

    /// <summary>A valid credit code registered in the given county.</summary>
    public static string Code(string county, int n)
    {
        var first17 = $"91{county}MA1{n:D5}0";
        return first17 + CreditCode.CheckCharacter(first17);
    }

    private static AssessmentRecord Draft(int enterpriseId, int userId, Catalog catalog, IReadOnlyList<string> attested, Tier? level, DateTime at)
    {
        var draft = Answers(enterpriseId, userId, catalog, attested, level, at);
        draft.Ratings = draft.Ratings.Take(draft.Ratings.Count / 2).ToList();
        return draft;
    }

    private static AssessmentRecord Submitted(int enterpriseId, int userId, Catalog catalog, EditionLibrary editions, IReadOnlyList<string> attested, Tier? level, DateTime at)
    {
        var a = Answers(enterpriseId, userId, catalog, attested, level, at);
        a.PledgeSignatory = "演示法定代表人";
        a.PledgePosition = "总经理";
        a.PledgeDate = DateOnly.FromDateTime(at);
        Drafts.Freeze(a, editions, userId, at);
        return a;
    }

    /// <summary>Answers that reach about <paramref name="level"/>: every scenario rated at the highest defined tier up to it.</summary>
    private static AssessmentRecord Answers(int enterpriseId, int userId, Catalog catalog, IReadOnlyList<string> attested, Tier? level, DateTime at)
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
            BasicRequirements = string.Join(",", attested),
            Ratings = ratings,
            CreatedAt = at,
            CreatedBy = userId,
            UpdatedAt = at,
            UpdatedBy = userId,
        };
    }
}
