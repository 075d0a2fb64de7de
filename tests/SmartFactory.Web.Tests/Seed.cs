using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Rows written straight into the test database where going through the pages would only be slow: officials,
/// enterprises and frozen submissions (graded by the app's own code), and signing in as any of them.
/// </summary>
public static class Seed
{
    public const string HuqiuCounty = "320505";
    public const string KunshanCounty = "320583";
    public const string XinwuCounty = "320214";
    public const string Suzhou = "320500";
    public const string Wuxi = "320200";

    private static readonly Lazy<SmartFactory.Domain.Rules.RuleSet> BundledRuleSet = new(() =>
        SmartFactory.DataFiles.DataFolder.RequireEditions(SmartFactory.DataFiles.DataFolder.Beside).RuleSetFor("JS-2026")!);

    /// <summary>The bundled rule set's basic requirements: what "attests every requirement" means in these tests.</summary>
    public static SmartFactory.Domain.Rules.BasicRequirementList BasicRequirements => BundledRuleSet.Value.BasicRequirements;

    /// <summary>An official bound to a division, with <see cref="Builders.Password"/>.</summary>
    public static int Official(AppFactory app, string login, Role role, string? division, string? name = null) => With(app, (db, services) =>
    {
        var hasher = services.GetRequiredService<IPasswordHasher<User>>();
        var user = new User { Login = login, DisplayName = name ?? login, Role = role, DivisionCode = division, SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow };
        user.PasswordHash = hasher.HashPassword(user, Builders.Password);
        db.Users.Add(user);
        db.SaveChanges();
        return user.Id;
    });

    /// <summary>A browser signed in through the login page.</summary>
    public static async Task<Browser> SignInAsync(AppFactory app, string login, string password = Builders.Password)
    {
        var browser = app.Browser();
        var response = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"login of {login} answered {(int)response.StatusCode}");
        return browser;
    }

    /// <summary>
    /// An official (or administrator) invited in the database, who sets <see cref="Builders.Password"/> through the
    /// invitation link and is signed in by it: the second channel that may set up a required second factor (decision 046).
    /// </summary>
    public static async Task<(Browser Browser, string Login, int Id)> InvitedAsync(AppFactory app, Role role, string? division)
    {
        var login = $"{role.ToString().ToLowerInvariant()}-{division}-{Guid.NewGuid().ToString("N")[..6]}@gov.example.cn";
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var (id, token) = With(app, (db, _) =>
        {
            var (user, token) = Features.Account.Invitations.Invite(login, login, role, now, division: division);
            db.Users.Add(user);
            db.SaveChanges();
            return (user.Id, token);
        });
        var browser = app.Browser();
        var accepted = await browser.PostAsync($"/Account/Accept?token={token}", null, new Dictionary<string, string> { ["Password"] = Builders.Password, ["Confirm"] = Builders.Password });
        Assert.True(accepted.StatusCode == HttpStatusCode.Redirect, $"the invitation of {login} answered {(int)accepted.StatusCode}");
        return (browser, login, id);
    }

    /// <summary>An official created in the database and signed in.</summary>
    public static Task<Browser> OfficialAsync(AppFactory app, Role role, string division, string? name = null)
    {
        var login = $"{role.ToString().ToLowerInvariant()}-{division}-{Guid.NewGuid().ToString("N")[..6]}@gov.example.cn";
        Official(app, login, role, division, name);
        return SignInAsync(app, login);
    }

    /// <summary>One of the three administrators (system, security, audit), created in the database and signed in.</summary>
    public static async Task<(Browser Browser, string Login)> AdministratorAsync(AppFactory app, Role role)
    {
        var login = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..6]}@js.gov.cn";
        Official(app, login, role, null, Roles.Name(role));
        return (await SignInAsync(app, login), login);
    }

    /// <summary>
    /// 账号恢复复核 (decision 049): a province official approves the one held request of <paramref name="login"/> on
    /// /Officials/Recoveries and reads the link shown there once; returns its path and query.
    /// </summary>
    public static async Task<string> ApproveRecoveryAsync(AppFactory app, string login, Browser? province = null)
    {
        province ??= await OfficialAsync(app, Role.ProvinceOfficial, "320000");
        var list = await province.GetAsync("/Officials/Recoveries");
        var row = list.QuerySelectorAll("[data-testid=requests] tbody tr").Single(r => r.TextContent.Contains(login, StringComparison.Ordinal));
        var id = row.QuerySelector("input[name=id]")!.GetAttribute("value")!;
        var approved = await Browser.ParseAsync(await province.PostAsync("/Officials/Recoveries", "/Officials/Recoveries?handler=Approve", [new("id", id)]));
        var link = approved.QuerySelector("[data-testid=approved-link] code");
        Assert.True(link is not null, $"no link shown: {approved.QuerySelector("[data-testid=notice]")?.TextContent}");
        return new Uri(link.TextContent).PathAndQuery;
    }

    /// <summary>An enterprise registered in <paramref name="county"/> without any user.</summary>
    public static int Enterprise(AppFactory app, int n, string county, string? name = null, string industry = "38", bool aboveScale = true, bool flagship = false) => With(app, (db, services) =>
    {
        var regions = services.GetRequiredService<Regions>();
        var enterprise = new Data.Enterprise
        {
            CreditCode = Builders.CreditCodeFor(county, n),
            Name = name ?? $"种子企业{n:D4}有限公司",
            CityCode = regions.County(county)!.CityCode,
            CountyCode = county,
            IndustryCode = industry,
            Size = EnterpriseSize.Medium,
            IsAboveScale = aboveScale,
            IsFlagshipChain = flagship,
            ContactName = "联系人",
            ContactPhone = "0512-12345678",
            CreatedAt = DateTime.UtcNow,
        };
        db.Enterprises.Add(enterprise);
        db.SaveChanges();
        return enterprise.Id;
    });

    /// <summary>
    /// A frozen submission whose every scenario is rated at the highest defined tier up to <paramref name="level"/>, all with AI
    /// (the evidence text per scenario from <paramref name="evidence"/>, none by default) except those <paramref name="notBuilt"/> picks;
    /// DT score and CMMM high enough for any tier.
    /// The latest one of its enterprise unless an existing submission is later.
    /// </summary>
    public static int Submission(AppFactory app, int enterpriseId, Tier? level, DateTime? at = null, Func<Scenario, string?>? evidence = null,
        decimal dtScore = 95, int cmmm = 4, Func<Scenario, bool>? notBuilt = null) => With(app, (db, services) =>
    {
        var editions = services.GetRequiredService<EditionLibrary>();
        var catalog = editions.Current;
        var when = at ?? DateTime.UtcNow.AddMinutes(-5);
        var ratings = catalog.Scenarios.Select(s =>
        {
            var tier = notBuilt?.Invoke(s) == true ? null : Tiers.All.Where(t => t <= (level ?? 0) && s.IsDefined(t)).Cast<Tier?>().LastOrDefault();
            var text = tier is null ? null : evidence?.Invoke(s);
            return new RatingRecord { ScenarioNo = s.No, Level = tier.Ordinal(), Ai = tier is not null, Evidence = text, EvidenceHash = Drafts.EvidenceHash(text), UpdatedAt = when };
        }).ToList();
        var submission = new AssessmentRecord
        {
            EnterpriseId = enterpriseId,
            Year = when.Year,
            Status = AssessmentStatus.Draft,
            Edition = catalog.Edition,
            DtScore = dtScore,
            DtDate = DateOnly.FromDateTime(when.AddDays(-30)),
            CmmmLevel = cmmm,
            BasicRequirements = string.Join(",", Seed.BasicRequirements.Keys),
            Ratings = ratings,
            CreatedAt = when,
            UpdatedAt = when,
            PledgeSignatory = "种子法定代表人",
            PledgePosition = "总经理",
            PledgeDate = DateOnly.FromDateTime(when),
        };
        Drafts.Freeze(submission, editions, 0, when);
        var later = db.Assessments.Any(a => a.EnterpriseId == enterpriseId && a.Status == AssessmentStatus.Submitted && a.SubmittedAt > when);
        submission.IsLatest = !later;
        if (!later)
        {
            foreach (var earlier in db.Assessments.Where(a => a.EnterpriseId == enterpriseId && a.IsLatest))
            {
                earlier.IsLatest = false;
            }
        }
        db.Assessments.Add(submission);
        db.SaveChanges();
        return submission.Id;
    });

    /// <summary>An empty open draft: the enterprise has started but not submitted.</summary>
    public static int Draft(AppFactory app, int enterpriseId) => With(app, (db, services) =>
    {
        var draft = new AssessmentRecord
        {
            EnterpriseId = enterpriseId, Year = DateTime.UtcNow.Year, Status = AssessmentStatus.Draft,
            Edition = services.GetRequiredService<EditionLibrary>().CurrentEdition, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        };
        db.Assessments.Add(draft);
        db.SaveChanges();
        return draft.Id;
    });

    /// <summary>
    /// A 申报批次 for <paramref name="tier"/> open around the app's clock (or now): applying from 30 days before to
    /// <paramref name="closesInDays"/> after, recommending 15 days longer, with <paramref name="quota"/> places for every city
    /// and every county that reports to the province.
    /// </summary>
    public static int Round(AppFactory app, int quota = 100, int closesInDays = 30, Tier tier = Tier.Advanced) => With(app, (db, services) =>
    {
        var regions = services.GetRequiredService<Regions>();
        var today = BeijingTime.Today((app.Clock ?? TimeProvider.System).GetUtcNow().UtcDateTime);
        var round = new CampaignRound
        {
            Year = today.Year,
            Name = $"{today.Year} 年度第一批",
            Tier = tier,
            OpensOn = today.AddDays(-30),
            ClosesOn = today.AddDays(closesInDays),
            RecommendClosesOn = today.AddDays(closesInDays + 15),
            CreatedAt = DateTime.UtcNow,
        };
        foreach (var (division, _) in SmartFactory.Web.Features.Campaign.Rounds.QuotaDivisions(regions))
        {
            round.Quotas.Add(new RoundQuota { DivisionCode = division, Quota = quota });
        }
        db.Rounds.Add(round);
        db.SaveChanges();
        return round.Id;
    });

    /// <summary>An application with the enterprise's latest submission, in <paramref name="state"/>.</summary>
    public static int Application(AppFactory app, int enterpriseId, ApplicationState state = ApplicationState.AtCounty) => With(app, (db, services) =>
    {
        var enterprise = db.Enterprises.Single(e => e.Id == enterpriseId);
        var regions = services.GetRequiredService<Regions>();
        var application = new ApplicationRecord
        {
            EnterpriseId = enterpriseId,
            AssessmentId = db.Assessments.Single(a => a.EnterpriseId == enterpriseId && a.IsLatest).Id,
            CountyCode = enterprise.CountyCode,
            CityCode = enterprise.CityCode,
            CountyReportsToProvince = regions.County(enterprise.CountyCode)!.ReportsToProvince,
            Flagship = enterprise.IsFlagshipChain,
            State = state,
            RoundId = db.Rounds.Where(r => r.Tier == Tier.Advanced).OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefault(),
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
        application.Events.Add(new ApplicationEvent { At = DateTime.UtcNow, UserName = enterprise.Name, Role = "企业", To = state });
        db.Applications.Add(application);
        db.SaveChanges();
        return application.Id;
    });

    /// <summary>
    /// Applies as the enterprise does: opens the confirmation step and posts its 确认申报 form with the submission it shows
    /// (without one when the step offers no button, so that the refusal comes back).
    /// </summary>
    public static async Task<HttpResponseMessage> ApplyAsync(Browser enterprise)
    {
        var page = await enterprise.GetAsync("/Assessments/Apply?handler=Confirm");
        var submission = page.QuerySelector("input[name=submission]")?.GetAttribute("value");
        return await enterprise.PostAsync("/Assessments/Apply?handler=Confirm", "/Assessments/Apply", submission is null ? [] : [new("submission", submission)]);
    }

    /// <summary>
    /// Posts a form to <paramref name="action"/> with the antiforgery token of the password page, which every signed-in user can open:
    /// for posts to pages the user cannot (or can no longer) open, as a forged or stale form would.
    /// </summary>
    public static Task<HttpResponseMessage> PostAsync(Browser browser, string action, IEnumerable<KeyValuePair<string, string>> fields, bool json = false) =>
        browser.PostAsync("/Account/Password", action, fields, json);

    /// <summary>
    /// Checks that a signed-in user is kept out of <paramref name="url"/>: a 403, or the redirect to the access-denied page,
    /// and either way the page says so.
    /// </summary>
    public static async Task AssertDeniedAsync(Browser browser, string url)
    {
        var response = await browser.Client.GetAsync(url);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!;
            Assert.False(location.OriginalString.Contains("/Account/Login", StringComparison.Ordinal), $"{url} sent a signed-in user to the login page");
            response = await browser.Client.GetAsync(location);
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"GET {url} answered {(int)response.StatusCode}");
        }
        Assert.Contains("您没有权限访问该页面", Browser.Text(await Browser.ParseAsync(response)));
    }

    private static T With<T>(AppFactory app, Func<AppDbContext, IServiceProvider, T> action)
    {
        using var scope = app.Services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }
}
