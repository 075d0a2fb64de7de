using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>The audit log (issue 12 part 5, decision 023) and the three administrators (part 4), on both databases where it matters.</summary>
public sealed class AuditTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Waits for the background sealer to chain every row written so far (it runs about once a second).</summary>
    internal static async Task SealedAsync(AppFactory app)
    {
        for (var i = 0; i < 300 && app.Query(db => db.AuditEvents.Any(e => e.Seq == null)); i++)
        {
            await Task.Delay(100);
        }
        Assert.False(app.Query(db => db.AuditEvents.Any(e => e.Seq == null)), "the sealer did not chain the new audit rows");
    }

    private static AuditChain.Verdict Verify(AppFactory app) => app.Query(db =>
        AuditChain.VerifyAsync(db, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Audit.Options>>().Value.KeyBytes()).GetAwaiter().GetResult());

    private static void Sql(AppFactory app, string sql) => app.Query(db => db.Database.ExecuteSqlRaw(sql));

    private static string DropTriggers(AppFactory app) => app.Provider == "Postgres"
        ? """DROP TRIGGER audit_events_append_only ON "AuditEvents" """
        : """DROP TRIGGER "AuditEvents_AppendOnly_Update"; DROP TRIGGER "AuditEvents_AppendOnly_Delete" """;

    /// <summary>An enterprise registered, a wrong password, a login, an official viewing its submission: six rows at least.</summary>
    private static async Task<int> SomeHistoryAsync(AppFactory app)
    {
        var browser = app.Browser();
        await Builders.RegisterAsync(browser, 1);
        const string login = "admin1@example.com";
        await app.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = "wrong-Passw0rd" });
        await Seed.SignInAsync(app, login);
        var enterprise = app.Query(db => db.Enterprises.Single().Id);
        var submission = Seed.Submission(app, enterprise, Tier.Advanced);
        var official = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync($"/Officials/Submission/{submission}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync($"/Officials/Submission/{submission}?handler=Pdf")).StatusCode);
        return submission;
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EveryRowIsChainedAndTheDatabaseRefusesToChangeOrDeleteOne(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        var submission = await SomeHistoryAsync(app);
        await SealedAsync(app);

        var actions = app.Query(db => db.AuditEvents.OrderBy(e => e.Seq).Select(e => e.Action).ToList());
        var verdict = Verify(app);
        var update = Record.Exception(() => Sql(app, """UPDATE "AuditEvents" SET "Detail" = 'nothing happened' WHERE "Seq" = 1"""));
        var delete = Record.Exception(() => Sql(app, """DELETE FROM "AuditEvents" WHERE "Seq" = 2"""));

        Assert.Contains("enterprise.registered", actions);
        Assert.Contains("user.login", actions);
        Assert.Contains("user.login-failed", actions);
        Assert.Contains("submission.viewed", actions);
        Assert.Contains("report.downloaded", actions);
        var viewed = app.Query(db => db.AuditEvents.Single(e => e.Action == "submission.viewed"));
        Assert.Equal($"assessment {submission}", viewed.Detail);
        Assert.NotNull(viewed.EnterpriseId);
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(actions.Count, verdict.Checked);
        Assert.Contains("append-only", update?.Message ?? "(no error)");
        Assert.Contains("append-only", delete?.Message ?? "(no error)");
        Assert.Equal(actions.Count, app.Query(db => db.AuditEvents.Count()));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task VerifyNamesTheFirstRowAlteredRemovedOrInserted(string provider)
    {
        using var app = new AppFactory { Provider = provider };
        await SomeHistoryAsync(app);
        await SealedAsync(app);
        Sql(app, DropTriggers(app));
        var rows = app.Query(db => db.AuditEvents.Count());
        Assert.True(rows >= 6, $"{rows} rows");

        Sql(app, """UPDATE "AuditEvents" SET "Detail" = 'nothing happened' WHERE "Seq" = 4""");
        var altered = Verify(app);
        Sql(app, """DELETE FROM "AuditEvents" WHERE "Seq" = 4""");
        var removed = Verify(app);
        Sql(app, """UPDATE "AuditEvents" SET "Seq" = "Seq" - 1 WHERE "Seq" > 4""");
        var renumbered = Verify(app);

        Assert.Equal(("altered", 4L), (altered.Problem, altered.Seq));
        Assert.Equal(3, altered.Checked);
        Assert.Equal(("removed", 4L), (removed.Problem, removed.Seq));
        Assert.Equal("altered", renumbered.Problem);
        Assert.Equal(4L, renumbered.Seq);
    }

    [Fact]
    public async Task ARowSqueezedInOrAppendedWithoutTheAppIsFound()
    {
        await SomeHistoryAsync(_app);
        await SealedAsync(_app);
        Sql(_app, DropTriggers(_app));
        var count = _app.Query(db => db.AuditEvents.Count());

        // Squeezed in at place 3: the rows from 3 on move one place up, the forger computes a fitting hash for the new one.
        Sql(_app, """UPDATE "AuditEvents" SET "Seq" = "Seq" + 1000 WHERE "Seq" >= 3""");
        Sql(_app, """UPDATE "AuditEvents" SET "Seq" = "Seq" - 999 WHERE "Seq" >= 1000""");
        var (before, at) = _app.Query(db => (db.AuditEvents.Single(e => e.Seq == 2).Hash, DateTime.UtcNow));
        var mac = new string('0', 64);
        Sql(_app, $"""INSERT INTO "AuditEvents" ("At", "Action", "Detail", "Mac", "Seq", "Hash") VALUES ('{at:yyyy-MM-dd HH:mm:ss}', 'user.login', 'forged', '{mac}', 3, '{AuditChain.Link(before, 3, mac)}')""");
        var squeezed = Verify(_app);

        Assert.Equal(count + 1, _app.Query(db => db.AuditEvents.Count()));
        Assert.Equal(("inserted", 3L), (squeezed.Problem, squeezed.Seq));
    }

    [Fact]
    public async Task AForgedRowThatTheSealerChainsStillFailsItsMac()
    {
        await SomeHistoryAsync(_app);
        await SealedAsync(_app);
        var count = _app.Query(db => db.AuditEvents.Count());

        Sql(_app, $"""INSERT INTO "AuditEvents" ("At", "Action", "Detail", "Mac") VALUES ('{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss}', 'user.login', 'forged', '{new string('0', 64)}')""");
        await SealedAsync(_app);
        var verdict = Verify(_app);

        Assert.Equal(("altered", (long)count + 1), (verdict.Problem, verdict.Seq));
    }

    [Fact]
    public async Task PruningKeepsTheChainVerifiableFromWhereItNowStarts()
    {
        var past = new FixedClock(new DateTime(2025, 1, 10, 2, 0, 0, DateTimeKind.Utc));
        using var app = new AppFactory { Clock = past };
        await SomeHistoryAsync(app);
        await SealedAsync(app);
        var old = app.Query(db => db.AuditEvents.Count());
        // A row of today, after the old ones.
        app.Query(db =>
        {
            db.Record(DateTime.UtcNow, null, null, "test.recent");
            return db.SaveChanges();
        });
        await SealedAsync(app);

        var deleted = app.Query(db => AuditChain.PruneAsync(db, DateTime.UtcNow, 180).GetAwaiter().GetResult());
        await SealedAsync(app);
        var verdict = Verify(app);

        Assert.Equal(old, deleted);
        Assert.Equal(["test.recent", AuditChain.PrunedAction], app.Query(db => db.AuditEvents.OrderBy(e => e.Seq).Select(e => e.Action).ToList()));
        Assert.True(verdict.Intact, verdict.Problem);
        Assert.Equal(2, verdict.Checked);
    }

    [Fact]
    public async Task TheAuditAdministratorFiltersAndExportsTheLogAndVerifiesItOnThePage()
    {
        await SomeHistoryAsync(_app);
        var (auditor, _) = await Seed.AdministratorAsync(_app, Role.AuditAdmin);
        await SealedAsync(_app);

        var all = await auditor.GetAsync("/Audit");
        var failed = await auditor.GetAsync("/Audit?Filter.Action=user.login-failed");
        var export = await auditor.Client.GetAsync("/Audit?Filter.Action=submission.&handler=Export");
        var verified = await Browser.ParseAsync(await auditor.PostAsync("/Audit", "/Audit?handler=Verify", []));

        Assert.Contains("enterprise.registered", Browser.Text(all));
        var failedRows = failed.QuerySelectorAll("[data-testid=audit-rows] tbody tr");
        Assert.Single(failedRows);
        Assert.Contains("user.login-failed", failedRows[0].TextContent);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var sheet = (await MiniExcel.QueryAsync(await export.Content.ReadAsStreamAsync(), useHeaderRow: true)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal("submission.viewed", Assert.Single(sheet)["操作"]);
        Assert.Contains("哈希链完好", verified.QuerySelector("[data-testid=verdict]")!.TextContent);
        Assert.Contains(_app.Query(db => db.AuditEvents.Select(e => e.Action).ToList()), a => a == "audit.exported");
    }

    [Fact]
    public async Task EachOfTheThreeAdministratorsDoesOnlyTheirOwnWorkAndSeesNoEnterpriseData()
    {
        var enterprise = Seed.Enterprise(_app, 1, Seed.HuqiuCounty);
        var submission = Seed.Submission(_app, enterprise, Tier.Advanced);
        var (system, _) = await Seed.AdministratorAsync(_app, Role.SystemAdmin);
        var (security, _) = await Seed.AdministratorAsync(_app, Role.SecurityAdmin);
        var (audit, _) = await Seed.AdministratorAsync(_app, Role.AuditAdmin);
        string[] enterpriseData = ["/Officials", $"/Officials/Submission/{submission}", $"/Officials/Enterprise/{enterprise}", "/Assessments", "/Providers", "/Team/Users"];

        Assert.Equal(HttpStatusCode.OK, (await system.Client.GetAsync("/Admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await security.Client.GetAsync("/Security")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await audit.Client.GetAsync("/Audit")).StatusCode);
        foreach (var (browser, others) in new[] { (system, new[] { "/Security", "/Audit" }), (security, ["/Admin", "/Audit"]), (audit, ["/Admin", "/Security"]) })
        {
            foreach (var url in others.Concat(enterpriseData))
            {
                await Seed.AssertDeniedAsync(browser, url);
            }
        }
        var refused = await audit.PostAsync("/Audit", "/Security?handler=Unlock", [new("id", "1")]);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("code=403", refused.Headers.Location!.OriginalString);
        Assert.False(_app.Query(db => db.AuditEvents.Any(e => e.Action.StartsWith("security."))));
    }

    [Fact]
    public async Task TheSecurityAdministratorUnlocksEndsSessionsAndRevokesTokensAndEachIsAudited()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        const string login = "admin1@example.com";
        var userId = _app.Query(db => db.Users.Single(u => u.Login == login).Id);
        for (var i = 0; i < 3; i++)
        {
            await _app.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = "wrong-Passw0rd" });
        }
        var (security, _) = await Seed.AdministratorAsync(_app, Role.SecurityAdmin);

        var found = await security.GetAsync($"/Security?Login={login}");
        var unlocked = await Browser.ParseAsync(await security.PostAsync("/Security", "/Security?handler=Unlock", [new("id", userId.ToString())]));
        var ended = await Browser.ParseAsync(await security.PostAsync("/Security", "/Security?handler=EndSessions", [new("id", userId.ToString())]));
        var afterEnd = await browser.Client.GetAsync("/Assessments");
        var signedIn = await Seed.SignInAsync(_app, login);

        Assert.Contains("当前计入的登录失败 3 次", found.QuerySelector("[data-testid=found]")!.TextContent);
        Assert.Contains("已解除登录限制", unlocked.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Contains("当前计入的登录失败 0 次", unlocked.QuerySelector("[data-testid=found]")!.TextContent);
        Assert.Contains("全部登录会话失效", ended.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, afterEnd.StatusCode);
        Assert.Contains("/Account/Login", afterEnd.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Equal(["security.sessions-ended", "security.unlocked"],
            _app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("security.") && e.Detail == login).Select(e => e.Action).OrderBy(a => a).ToList()));
    }

    [Fact]
    public async Task TheProvinceAdministratorCreatesAnAuditAdministratorWhoLandsOnTheLog()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);

        var created = await Browser.ParseAsync(await province.PostAsync("/Officials/Users", null,
            new Dictionary<string, string> { ["DisplayName"] = "审计员", ["Login"] = "audit@js.gov.cn", ["Division"] = nameof(Role.AuditAdmin) }));
        var byCity = await Browser.ParseAsync(await city.PostAsync("/Officials/Users", null,
            new Dictionary<string, string> { ["DisplayName"] = "审计员二", ["Login"] = "audit2@js.gov.cn", ["Division"] = nameof(Role.AuditAdmin) }));
        var link = new Uri(created.QuerySelector("code.invitation")!.TextContent).PathAndQuery;
        var invited = _app.Browser();
        await invited.PostAsync(link, null, new Dictionary<string, string> { ["Password"] = "Aud1tPass2026", ["Confirm"] = "Aud1tPass2026" });
        var auditor = await Seed.SignInAsync(_app, "audit@js.gov.cn", "Aud1tPass2026");

        Assert.Equal((Role.AuditAdmin, (string?)null), _app.Query(db => db.Users.Where(u => u.Login == "audit@js.gov.cn").Select(u => new { u.Role, u.DivisionCode }).AsEnumerable().Select(u => (u.Role, u.DivisionCode)).Single()));
        Assert.Contains("审计管理员", Browser.Text(created));
        Assert.Contains("您不能为该地区创建官员账号", Browser.Text(byCity));
        Assert.False(_app.Query(db => db.Users.Any(u => u.Login == "audit2@js.gov.cn")));
        Assert.Equal("/Audit", (await auditor.Client.GetAsync("/")).Headers.Location?.OriginalString);
    }
}
