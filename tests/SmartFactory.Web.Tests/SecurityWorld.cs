using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>One kind of caller of the authorization matrix: its column name and how it is made.</summary>
public sealed record Principal(string Column, string Description);

/// <summary>A caller signed in on a browser (pages) and holding a token (API); the anonymous one has neither.</summary>
public sealed class Caller(Principal principal, Browser browser, HttpClient api, int? userId)
{
    public Principal Principal => principal;
    public Browser Browser => browser;
    public HttpClient Api => api;
    public int? UserId => userId;

    /// <summary>The browser's antiforgery token once <see cref="SecurityWorld.AntiforgeryAsync"/> has read it.</summary>
    public string? Antiforgery { get; set; }
}

/// <summary>
/// The world the authorization matrix and the hostile-input corpus run in, on one app host: enterprise A in 虎丘区
/// (320505, 苏州) with an administrator, a colleague, a frozen submission, an application at the county (with an expert
/// of 无锡 assigned to it, and an earlier one recognised, with its certificate), a 申报批次, an open draft with an
/// evidence file, a provider acting for it under a grant and a finished simulation; enterprise B in 新吴区 (320214, 无锡);
/// officials in and out of A's scope; the three administrators. The ids are the placeholders of the
/// matrix's request column (<see cref="Values"/>). Besides the callers there are spare rows that an allowed request
/// may spend without changing what later cells see: a second grant, a second token, a victim user.
/// </summary>
public sealed class SecurityWorld : IAsyncDisposable
{
    public static readonly IReadOnlyList<Principal> Principals =
    [
        new("anon", "not signed in, no token"),
        new("ent-admin", "企业管理员 of A"),
        new("colleague", "企业用户 of A"),
        new("other-admin", "企业管理员 of B (320214)"),
        new("provider+grant", "服务商 with a grant on A, acting for A"),
        new("provider", "服务商 without a grant"),
        new("county-in", "县级官员 320505 虎丘区"),
        new("city-in", "市级官员 320500 苏州"),
        new("county-out", "县级官员 320214 新吴区"),
        new("city-out", "市级官员 320200 无锡"),
        new("province", "省级管理员 320000"),
        new("sys-admin", "系统管理员"),
        new("sec-admin", "安全管理员"),
        new("audit-admin", "审计管理员"),
        new("expert", "专家 of 320200 无锡, assigned to A's application"),
        new("platform", "平台对接客户端: the province platform's machine client, its token sent to pages too"),
    ];

    public const string RuleSetKey = "JS-2026@2026.1";

    public AppFactory App { get; } = new();
    public Dictionary<string, Caller> Callers { get; } = [];

    /// <summary>Placeholder → value: what <c>{enterprise}</c>, <c>{submission}</c>… in a request stand for.</summary>
    public Dictionary<string, string> Values { get; } = [];

    public int EnterpriseA { get; private set; }

    public static async Task<SecurityWorld> CreateAsync()
    {
        var world = new SecurityWorld();
        await world.BuildAsync();
        return world;
    }

    private async Task BuildAsync()
    {
        var a = EnterpriseA = Seed.Enterprise(App, 1, Seed.HuqiuCounty, "甲智造有限公司");
        var b = Seed.Enterprise(App, 2, Seed.XinwuCounty, "乙精工有限公司");
        var submission = Seed.Submission(App, a, Tier.Advanced);
        var application = Seed.Application(App, a);
        // An earlier application of A, recognised, with its certificate; and a round, for the 公示 page.
        var recognised = Seed.Application(App, a, ApplicationState.Recognised);
        var certificateCode = App.Query(db =>
        {
            var row = db.Applications.Single(x => x.Id == recognised);
            (row.BatchYear, row.RecognitionDocumentNo, row.RecognisedOn, row.ValidUntil) = (2025, "苏工信智能〔2025〕8号", new DateOnly(2025, 12, 1), new DateOnly(2028, 11, 30));
            row.CertificateCode = SmartFactory.Web.Features.Campaign.Recognition.NewCode();
            db.SaveChanges();
            return row.CertificateCode;
        });
        var round = Seed.Round(App);

        var admin = await AddAsync("ent-admin", Role.EnterpriseAdmin, enterprise: a);
        await AddAsync("colleague", Role.EnterpriseUser, enterprise: a);
        await AddAsync("other-admin", Role.EnterpriseAdmin, enterprise: b);
        var provider = await AddAsync("provider+grant", Role.ServiceProvider, organisation: "甲方数据服务有限公司");
        await AddAsync("provider", Role.ServiceProvider, organisation: "乙方数据服务有限公司");
        await AddAsync("county-in", Role.CountyOfficial, division: Seed.HuqiuCounty);
        await AddAsync("city-in", Role.CityOfficial, division: Seed.Suzhou);
        await AddAsync("county-out", Role.CountyOfficial, division: Seed.XinwuCounty);
        await AddAsync("city-out", Role.CityOfficial, division: Seed.Wuxi);
        await AddAsync("province", Role.ProvinceOfficial, division: "320000");
        var system = await AddAsync("sys-admin", Role.SystemAdmin);
        await AddAsync("sec-admin", Role.SecurityAdmin);
        await AddAsync("audit-admin", Role.AuditAdmin);
        var expert = UserRow("expert", Role.Expert);
        App.Query(db =>
        {
            db.ExpertProfiles.Add(new ExpertProfile { UserId = expert, CityCode = Seed.Wuxi, Industries = "38" });
            db.ExpertAssignments.Add(new ExpertAssignment { ApplicationId = application, ExpertUserId = expert, AssignedAt = DateTime.UtcNow });
            return db.SaveChanges();
        });
        await AddAsync("expert", Role.Expert, existing: expert);
        Callers["anon"] = new Caller(Principals[0], App.Browser(), ApiBuilders.Api(App), null);
        // The machine client has no session and cannot sign in (decision 039): its browser sends the token to pages too,
        // and needs no antiforgery token, since nothing but the push endpoint answers a request carrying it.
        var platform = UserRow("platform", Role.PlatformClient);
        var platformToken = TokenFor(platform);
        var platformBrowser = App.Browser();
        platformBrowser.Client.DefaultRequestHeaders.Authorization = new("Bearer", platformToken);
        Callers["platform"] = new Caller(Principals.Single(p => p.Column == "platform"), platformBrowser, ApiBuilders.Api(App, platformToken), platform) { Antiforgery = "" };

        ApiBuilders.Grant(App, a, provider.UserId!.Value);
        var acted = await provider.Browser.PostAsync("/Providers", "/Providers?handler=Act", [new("enterpriseId", a.ToString())]);
        Assert.Equal("/Assessments", acted.Headers.Location?.OriginalString);

        // The open draft, started from the submission as the enterprise does (开始下一轮自评估), with its DT evidence file.
        Assert.Equal(HttpStatusCode.Redirect, (await admin.Browser.PostAsync("/Assessments", "/Assessments/History?handler=NewRound", [])).StatusCode);
        (await Builders.UploadDtEvidenceAsync(admin.Browser)).EnsureSuccessStatusCode();
        var (draft, evidence) = App.Query(db => db.EvidenceFiles.OrderByDescending(f => f.Id).Select(f => new { f.AssessmentId, f.Id }).First() is var f ? (f.AssessmentId, f.Id) : default);

        var simulated = await system.Browser.PostAsync($"/Admin/RuleSet?key={Uri.EscapeDataString(RuleSetKey)}",
            $"/Admin/RuleSet?key={Uri.EscapeDataString(RuleSetKey)}&handler=Simulate", []);
        Assert.Equal(HttpStatusCode.Redirect, simulated.StatusCode);
        var simulation = int.Parse(simulated.Headers.Location!.OriginalString.Split("id=")[1]);
        await SimulationsFinishedAsync();

        var spareProvider = UserRow("spare-provider", Role.ServiceProvider, organisation: "丙方数据服务有限公司");
        var victim = UserRow("victim", Role.EnterpriseUser, enterprise: a);
        TokenFor(victim);
        var catalog = Builders.Catalog(App);
        Values["enterprise"] = a.ToString();
        Values["otherEnterprise"] = b.ToString();
        Values["submission"] = submission.ToString();
        Values["application"] = application.ToString();
        Values["certificate"] = recognised.ToString();
        Values["certificateCode"] = certificateCode;
        Values["round"] = round.ToString();
        Values["draft"] = draft.ToString();
        Values["evidence"] = evidence.ToString();
        // A file of the frozen submission, which the officials in scope open (decision 025), and a 备案 waiting at A's county.
        Values["submittedEvidence"] = CampaignUsers.EvidenceFile(App, submission, "评估报告.pdf", "application/pdf", Builders.Pdf, purpose: "dt").ToString();
        Values["filing"] = App.Query(db =>
        {
            var filing = new Filing { EnterpriseId = a, AssessmentId = submission, Level = 2, CountyCode = Seed.HuqiuCounty, CityCode = Seed.Suzhou, FiledAt = DateTime.UtcNow };
            db.Filings.Add(filing);
            db.SaveChanges();
            return filing.Id;
        }).ToString();
        Values["simulation"] = simulation.ToString();
        Values["spareGrant"] = ApiBuilders.Grant(App, a, spareProvider).ToString();
        // In the 服务商资源池 (decision 032): its page, and the grant from there (already held on A, so A's cell changes nothing).
        App.Query(db =>
        {
            db.ProviderProfiles.Add(new ProviderProfileRecord
            {
                UserId = spareProvider, Edition = catalog.Edition, Introduction = "丙方简介", Cities = Seed.Suzhou, CasesJson = "[]", UpdatedAt = DateTime.UtcNow,
                Offers = [new ProviderOfferRecord { ProviderUserId = spareProvider, ScenarioNo = catalog.Scenarios[0].No, MaxTier = 5 }],
            });
            return db.SaveChanges();
        });
        Values["poolProvider"] = spareProvider.ToString();
        Values["spareToken"] = App.Query(db => db.AccessTokens.Where(t => t.UserId == admin.UserId).Min(t => t.Id)).ToString();
        Values["victim"] = victim.ToString();
        Values["scenario"] = catalog.Scenarios[0].No.ToString();
        Values["stage"] = "1";
        Values["edition"] = catalog.Edition;
        Values["ruleSetKey"] = Uri.EscapeDataString(RuleSetKey);
        Values["ruleSetId"] = RuleSetKey.Split('@')[0];
        Values["ruleSetVersion"] = RuleSetKey.Split('@')[1];
        Values["year"] = BeijingTime.Of(DateTime.UtcNow).Year.ToString();
        Values["assessmentJson"] = File.ReadAllText(ApiBuilders.RepositoryFile("examples", "assessment.json")).ReplaceLineEndings(" ");
    }

    /// <summary>A user of <paramref name="column"/>'s kind, signed in through the login page, with a token of its own.</summary>
    private async Task<Caller> AddAsync(string column, Role role, int? enterprise = null, string? division = null, string? organisation = null, int? existing = null)
    {
        var id = existing ?? UserRow(column, role, enterprise, division, organisation);
        var token = TokenFor(id);
        var browser = await Seed.SignInAsync(App, Login(column));
        var caller = new Caller(Principals.Single(p => p.Column == column), browser, ApiBuilders.Api(App, token), id);
        Callers[column] = caller;
        return caller;
    }

    private static string Login(string column) => $"{column.Replace('+', '-')}@matrix.example.cn";

    private int UserRow(string column, Role role, int? enterprise = null, string? division = null, string? organisation = null)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new User
        {
            Login = Login(column), DisplayName = column, Role = role, EnterpriseId = enterprise, DivisionCode = division, Organisation = organisation,
            SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Builders.Password);
        db.Users.Add(user);
        db.SaveChanges();
        return user.Id;
    }

    /// <summary>A token stored as the app stores it; the first of a user is its spare, the second the one its client sends.</summary>
    private string TokenFor(int userId)
    {
        string last = "";
        App.Query(db =>
        {
            foreach (var name in new[] { "备用", "矩阵" })
            {
                last = AccessTokens.NewToken();
                db.AccessTokens.Add(new AccessToken
                {
                    UserId = userId, Name = name, Prefix = last[..10], Hash = AccessTokens.Hash(last), CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(30),
                });
                db.SaveChanges();
            }
            return 0;
        });
        return last;
    }

    /// <summary>Waits for background simulations, which write on their own, so that a snapshot sees only the request's writes.</summary>
    public async Task SimulationsFinishedAsync()
    {
        while (App.Query(db => db.Simulations.Any(s => s.State == SimulationState.Running)))
        {
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// A digest of every row of every table, except what changes without a request asking (the audit sealer's place and
    /// hash, a token's last use, rate counters, data-protection keys): equal before and after means the request changed nothing.
    /// </summary>
    public string Snapshot() => App.Query(db =>
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            connection.Open();
        }
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', 'RateCounters', 'DataProtectionKeys') ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var digest = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (IsVolatile(table, reader.GetName(i)))
                    {
                        continue;
                    }
                    hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetValue(i)}\u0001"));
                }
            }
            digest.Append($"{table}:{rows}:{Convert.ToHexString(hash.GetHashAndReset())[..12]} ");
        }
        return digest.ToString();
    });

    private static bool IsVolatile(string table, string column) =>
        (table, column) is ("AuditEvents", "Seq" or "Hash") or ("AccessTokens", "LastUsedAt") or ("Sessions", "LastSeenAt");

    /// <summary>The tables whose digest differs between two snapshots, to name in a failure.</summary>
    public static string Difference(string before, string after) =>
        string.Join(", ", before.Split(' ').Zip(after.Split(' ')).Where(p => p.First != p.Second).Select(p => $"{p.First} → {p.Second.Split(':', 2)[1]}"));

    /// <summary>The names of the tables whose digest differs between two snapshots.</summary>
    public static IEnumerable<string> ChangedTables(string before, string after) =>
        before.Split(' ').Zip(after.Split(' ')).Where(p => p.First != p.Second).Select(p => p.First.Split(':')[0]);

    /// <summary>An antiforgery token of the caller's browser, taken once from a page it can open: a token stays valid for the session.</summary>
    public async Task<string> AntiforgeryAsync(Caller caller)
    {
        if (caller.Antiforgery is null)
        {
            var page = await caller.Browser.GetAsync(caller.UserId is null ? "/Account/Login" : "/Account/Password");
            caller.Antiforgery = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }
        return caller.Antiforgery;
    }

    /// <summary>Replaces each {placeholder} of the world's values; unknown ones are left for the caller to report.</summary>
    public string Fill(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\{([A-Za-z]+)\}",
        m => Values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    public ValueTask DisposeAsync()
    {
        App.Dispose();
        return ValueTask.CompletedTask;
    }
}
