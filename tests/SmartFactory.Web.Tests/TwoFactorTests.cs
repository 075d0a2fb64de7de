using System.Net;
using AngleSharp.Html.Dom;
using OtpNet;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Two-factor sign-in (decision 021): set up with a QR code, then a code at each login, or a recovery code once.</summary>
public sealed class TwoFactorTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);
    private readonly MovableClock _clock = new(Start);

    /// <summary>Two values of Security:SecretKey, for the tests of a rotation.</summary>
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)0xA, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)0xB, 32).ToArray());
    private readonly List<AppFactory> _apps = [];

    public void Dispose() => _apps.ForEach(a => a.Dispose());

    private AppFactory App(Dictionary<string, string>? settings = null)
    {
        var app = new AppFactory { Clock = _clock, Settings = settings ?? [] };
        _apps.Add(app);
        return app;
    }

    private string CodeFor(string secret) => CodeFor(secret, _clock);

    internal static string CodeFor(string secret, TimeProvider clock) => new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(clock.GetUtcNow().UtcDateTime);

    private Task<(string Secret, List<string> RecoveryCodes)> SetUpAsync(Browser browser) => SetUpAsync(browser, _clock);

    /// <summary>Sets two-factor sign-in up on the page as the signed-in user; returns the key and the recovery codes shown.</summary>
    internal static async Task<(string Secret, List<string> RecoveryCodes)> SetUpAsync(Browser browser, TimeProvider clock)
    {
        string CodeFor(string secret) => TwoFactorTests.CodeFor(secret, clock);
        var page = await browser.GetAsync("/Account/TwoFactor");
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img[alt='两步验证二维码']")!.GetAttribute("src"));
        var secret = page.QuerySelector(".totp-secret")!.TextContent.Trim();
        var pending = ((IHtmlInputElement)page.QuerySelector("input[name=Pending]")!).Value;
        var enabled = await browser.PostAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Enable",
            new Dictionary<string, string> { ["Pending"] = pending, ["Code"] = CodeFor(secret) });
        var codes = (await Browser.ParseAsync(enabled)).QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, codes.Count);
        return (secret, codes);
    }

    private static async Task<HttpResponseMessage> PasswordAsync(Browser browser, string login)
    {
        var response = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response;
    }

    private static Task<HttpResponseMessage> CodeAsync(Browser browser, string code) =>
        browser.PostAsync("/Account/Code", null, new Dictionary<string, string> { ["Code"] = code, ["ReturnUrl"] = "/Assessments" });

    [Fact]
    public async Task OfTwoSetUpsSentAtOnceOneWinsAndOnlyItsRecoveryCodesAreShown()
    {
        var app = App();
        var users = Enumerable.Range(1, 6).Select(_ => app.Browser()).ToList();
        for (var i = 0; i < users.Count; i++)
        {
            await Builders.RegisterAsync(users[i], i + 1);
        }

        // Each user opens the set-up on two pages (two QR codes) and confirms both at the same moment.
        var raced = await Task.WhenAll(users.Select(async user =>
        {
            var pages = new[] { await user.GetAsync("/Account/TwoFactor"), await user.GetAsync("/Account/TwoFactor") };
            var answers = await Task.WhenAll(pages.Select(async page =>
            {
                var secret = page.QuerySelector(".totp-secret")!.TextContent.Trim();
                var pending = ((IHtmlInputElement)page.QuerySelector("input[name=Pending]")!).Value;
                var enabled = await Browser.ParseAsync(await user.PostAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Enable",
                    new Dictionary<string, string> { ["Pending"] = pending, ["Code"] = CodeFor(secret) }));
                return (Secret: secret, Codes: enabled.QuerySelectorAll(".recovery-codes code").Select(c => c.TextContent).ToList());
            }));
            return answers;
        }));

        _clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < users.Count; i++)
        {
            // Codes are shown on one page only, and they are the ones that work; the key is that page's.
            var (secret, codes) = Assert.Single(raced[i], a => a.Codes.Count > 0);
            Assert.Equal(10, codes.Count);
            var withRecovery = app.Browser();
            await PasswordAsync(withRecovery, $"admin{i + 1}@example.com");
            Assert.Equal("/Assessments", (await CodeAsync(withRecovery, codes[0])).Headers.Location?.OriginalString);
            var withCode = app.Browser();
            await PasswordAsync(withCode, $"admin{i + 1}@example.com");
            Assert.Equal("/Assessments", (await CodeAsync(withCode, CodeFor(secret))).Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task AUserSetsUpTwoFactorThenSignsInWithACodeAndOnceWithEachRecoveryCode()
    {
        var app = App();
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);
        var (secret, recovery) = await SetUpAsync(admin);
        Assert.Equal(10, app.Query(db => db.RecoveryCodes.Count(c => c.UsedAt == null)));
        Assert.DoesNotContain(app.Query(db => db.RecoveryCodes.Select(c => c.Hash).ToList()), recovery.Contains);
        _clock.Advance(TimeSpan.FromMinutes(1));

        var withCode = app.Browser();
        var password = await PasswordAsync(withCode, "admin1@example.com");
        Assert.StartsWith("/Account/Code", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await withCode.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Contains("验证码或恢复码不正确", Browser.Text(await Browser.ParseAsync(await CodeAsync(withCode, "000000"))));
        var code = CodeFor(secret);
        Assert.Equal("/Assessments", (await CodeAsync(withCode, code)).Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await withCode.Client.GetAsync("/Assessments")).StatusCode);

        var replayed = app.Browser();
        await PasswordAsync(replayed, "admin1@example.com");
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync(replayed, code)).StatusCode);

        var withRecovery = app.Browser();
        await PasswordAsync(withRecovery, "admin1@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(withRecovery, recovery[3].ToLowerInvariant())).StatusCode);
        var again = app.Browser();
        await PasswordAsync(again, "admin1@example.com");
        Assert.Contains("验证码或恢复码不正确", Browser.Text(await Browser.ParseAsync(await CodeAsync(again, recovery[3]))));
        Assert.Equal(9, app.Query(db => db.RecoveryCodes.Count(c => c.UsedAt == null)));
    }

    [Fact]
    public async Task TheCodeStepWithoutThePasswordStepSignsNobodyIn()
    {
        var app = App();
        await Builders.RegisterAsync(app.Browser(), 1);
        var browser = app.Browser();

        var response = await CodeAsync(browser, "123456");

        Assert.Contains("验证已超时", Browser.Text(await Browser.ParseAsync(response)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Client.GetAsync("/Assessments")).StatusCode);
    }

    [Fact]
    public async Task AWrongCodeAtSetUpTurnsNothingOn()
    {
        var app = App();
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);
        var page = await admin.GetAsync("/Account/TwoFactor");
        var pending = ((IHtmlInputElement)page.QuerySelector("input[name=Pending]")!).Value;

        var response = await admin.PostAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Enable", new Dictionary<string, string> { ["Pending"] = pending, ["Code"] = "12ab56" });

        Assert.Contains("验证码不正确", (await Browser.ParseAsync(response)).QuerySelector("[data-valmsg-for=Code]")!.TextContent);
        Assert.Null(app.Query(db => db.Users.Single().TotpSecret));
    }

    [Fact]
    public async Task AnOfficialWhoseRoleRequiresTwoFactorIsSentToSetItUpAndCannotTurnItOff()
    {
        var app = App(new() { ["Security:RequireTwoFactorFor:0"] = nameof(Role.CountyOfficial), ["Security:RequireTwoFactorFor:1"] = nameof(Role.ProvinceOfficial) });
        var (official, _, _) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);

        var sent = await official.Client.GetAsync("/Officials");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/Account/TwoFactor", sent.Headers.Location!.OriginalString);
        Assert.Contains("必须开启两步验证", Browser.Text(await official.GetAsync("/Account/TwoFactor")));

        var (secret, _) = await SetUpAsync(official);
        Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync("/Officials")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var off = await official.PostAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Disable", new Dictionary<string, string> { ["Code"] = CodeFor(secret) });
        Assert.Contains("不能关闭", Browser.Text(await Browser.ParseAsync(off)));
        Assert.NotNull(app.Query(db => db.Users.Single().TotpSecret));
    }

    public static TheoryData<string?> SealingKeys => [null, Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())];

    /// <summary>A copy of the database or of a backup must not hand out second factors: the key is kept sealed (decision 041).</summary>
    [Theory]
    [MemberData(nameof(SealingKeys))]
    public async Task TheAuthenticatorKeyIsStoredSealedAndStillSignsIn(string? secretKey)
    {
        var app = App(secretKey is null ? null : new() { ["Security:SecretKey"] = secretKey });
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);
        var (secret, _) = await SetUpAsync(admin);

        var stored = app.Query(db => db.Users.Single().TotpSecret)!;
        Assert.DoesNotContain(secret, stored);
        Assert.StartsWith(secretKey is null ? "r1:" : "k1:", stored);
        Assert.Equal(secretKey is null, app.Logs.Entries.Any(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning && e.Message.Contains("Security:SecretKey is not set", StringComparison.Ordinal)));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var browser = app.Browser();
        await PasswordAsync(browser, "admin1@example.com");
        Assert.Equal("/Assessments", (await CodeAsync(browser, CodeFor(secret))).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AKeyStoredBeforeSealingStillSignsInAndIsSealedAtItsFirstUse()
    {
        const string legacy = "JBSWY3DPEHPK3PXP";
        var app = App(new() { ["Security:SecretKey"] = Convert.ToBase64String(new byte[32]) });
        await Builders.RegisterAsync(app.Browser(), 1);
        app.Query(db =>
        {
            db.Users.Single().TotpSecret = legacy;
            return db.SaveChanges();
        });

        var browser = app.Browser();
        await PasswordAsync(browser, "admin1@example.com");
        Assert.Contains("验证码或恢复码不正确", Browser.Text(await Browser.ParseAsync(await CodeAsync(browser, "000000"))));
        Assert.Equal(legacy, app.Query(db => db.Users.Single().TotpSecret));
        Assert.Equal("/Assessments", (await CodeAsync(browser, CodeFor(legacy))).Headers.Location!.OriginalString);

        var stored = app.Query(db => db.Users.Single().TotpSecret)!;
        Assert.StartsWith("k1:", stored);
        Assert.DoesNotContain(legacy, stored);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var later = app.Browser();
        await PasswordAsync(later, "admin1@example.com");
        Assert.Equal("/Assessments", (await CodeAsync(later, CodeFor(legacy))).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnOperatorRotatesTheSecretKeyAndADroppedKeyLeavesTheRecoveryCodes()
    {
        var first = App(new() { ["Security:SecretKey"] = KeyA });
        var admin = first.Browser();
        await Builders.RegisterAsync(admin, 1);
        var (secret, recovery) = await SetUpAsync(admin);
        var underA = first.Query(db => db.Users.Single().TotpSecret);
        AppFactory Node(Dictionary<string, string> keys) => App(new(keys) { ["Database:ConnectionString"] = first.ConnectionString });
        async Task<HttpResponseMessage> SignInAsync(AppFactory node, Func<string> code)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            var browser = node.Browser();
            await PasswordAsync(browser, "admin1@example.com");
            return await CodeAsync(browser, code());
        }

        var rotated = Node(new() { ["Security:SecretKey"] = KeyB, ["Security:PreviousSecretKey"] = KeyA });
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(rotated, () => CodeFor(secret))).StatusCode);
        Assert.NotEqual(underA, first.Query(db => db.Users.Single().TotpSecret));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Node(new() { ["Security:SecretKey"] = KeyB }), () => CodeFor(secret))).StatusCode);

        var dropped = Node(new() { ["Security:SecretKey"] = KeyA });
        Assert.Contains("验证码或恢复码不正确", Browser.Text(await Browser.ParseAsync(await SignInAsync(dropped, () => CodeFor(secret)))));
        Assert.Equal("/Assessments", (await SignInAsync(dropped, () => recovery[0])).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheSecurityAdministratorResetsALostSecondFactorAndIssuesAResetLinkButNotForAnotherAdministrator()
    {
        var app = App(new() { ["Security:RequireTwoFactorFor:0"] = nameof(Role.CountyOfficial) });
        var (official, login, id) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        await SetUpAsync(official);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);
        var (system, _) = await Seed.AdministratorAsync(app, Role.SystemAdmin);
        var systemId = app.Query(db => db.Users.Single(u => u.Role == Role.SystemAdmin).Id);
        Assert.Contains("两步验证已开启", (await security.GetAsync($"/Security?Login={login}")).QuerySelector("[data-testid=found]")!.TextContent);

        var reset = await Browser.ParseAsync(await security.PostAsync($"/Security?Login={login}", "/Security?handler=ResetTwoFactor", [new("id", id.ToString())]));

        Assert.Contains("已清除两步验证密钥和恢复码", reset.QuerySelector("[data-testid=notice]")!.TextContent);
        // Without mail the set-up link waits for a province official's 复核 and is never on the administrator's page.
        Assert.Contains("须由一名省级官员复核", reset.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.DoesNotContain("token=", reset.DocumentElement.OuterHtml);
        Assert.Contains("/Account/Enrol?token=", await Seed.ApproveRecoveryAsync(app, login));
        Assert.Equal(HttpStatusCode.Redirect, (await official.Client.GetAsync("/Officials")).StatusCode);
        Assert.Equal((null, 0), app.Query(db => (db.Users.Single(u => u.Id == id).TotpSecret, db.RecoveryCodes.Count(c => c.UserId == id))));
        var again = await app.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password });
        Assert.Contains("您的账号需要两步验证，但尚未设置", Browser.Text(await Browser.ParseAsync(again)));

        var issued = await Browser.ParseAsync(await security.PostAsync($"/Security?Login={login}", "/Security?handler=ResetPassword", [new("id", id.ToString())]));
        Assert.DoesNotContain("token=", issued.DocumentElement.OuterHtml);
        Assert.Contains("待省级官员复核", issued.QuerySelector("[data-testid=held]")!.TextContent);
        var link = await Seed.ApproveRecoveryAsync(app, login);
        var oldPassword = await app.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password });
        Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        var renewed = await app.Browser().PostAsync(link, null, new Dictionary<string, string> { ["Password"] = "Renewed2026x", ["Confirm"] = "Renewed2026x" });
        Assert.Contains("密码已重设", Browser.Text(await Browser.ParseAsync(renewed)));

        var refused = await Browser.ParseAsync(await security.PostAsync("/Security", "/Security?handler=ResetPassword", [new("id", systemId.ToString())]));
        Assert.Contains("三员分立", refused.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await system.Client.GetAsync("/Admin")).StatusCode);
        Assert.Equal(["security.password-reset-issued", "security.two-factor-link-issued", "security.two-factor-reset"],
            app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("security.") && e.Detail == login).Select(e => e.Action).OrderBy(a => a).ToList()));
    }

    [Fact]
    public async Task AfterARotationTheResealCommandMovesEveryKeyToTheNewOne()
    {
        var first = App(new() { ["Security:SecretKey"] = KeyA });
        var admin = first.Browser();
        await Builders.RegisterAsync(admin, 1);
        var (secret, _) = await SetUpAsync(admin);
        string[] on = ["--provider", first.Provider, "--connection", first.ConnectionString];

        var refused = await AdminCommandTests.RunAsync(["reseal-secrets", .. on]);
        var run = await AdminCommandTests.RunAsync(new() { ["Security__SecretKey"] = KeyB, ["Security__PreviousSecretKey"] = KeyA }, ["reseal-secrets", .. on]);
        var again = await AdminCommandTests.RunAsync(new() { ["Security__SecretKey"] = KeyB }, ["reseal-secrets", .. on]);

        Assert.Equal(AdminCommands.Invalid, refused.Exit);
        Assert.Contains("未配置 Security:SecretKey", refused.Err);
        Assert.True(run.Exit == AdminCommands.Ok, run.Err);
        Assert.Contains("已用当前密钥重新封存 1 个", run.Out);
        Assert.Contains("已用当前密钥重新封存 0 个", again.Out);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var onlyB = App(new() { ["Security:SecretKey"] = KeyB, ["Database:ConnectionString"] = first.ConnectionString });
        var browser = onlyB.Browser();
        await PasswordAsync(browser, "admin1@example.com");
        Assert.Equal("/Assessments", (await CodeAsync(browser, CodeFor(secret))).Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all")]
    public void ASecretKeyThatIsNotThirtyTwoBytesOfBase64StopsTheStart(string secretKey)
    {
        var app = App(new() { ["Security:SecretKey"] = secretKey });

        var error = Assert.ThrowsAny<Exception>(() => app.Browser());
        Assert.Contains("SecretKey", error.ToString());
    }
}
