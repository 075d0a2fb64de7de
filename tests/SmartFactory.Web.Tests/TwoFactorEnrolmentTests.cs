using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Setting up a second factor that the role requires needs more than the password (decision 046): an invitation, a reset
/// link, or a 两步验证设置链接 from the security administrator, the operator or the login's mailbox opens the set-up once;
/// the password alone opens no page and no API token.
/// </summary>
public sealed partial class TwoFactorEnrolmentTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);
    private readonly MovableClock _clock = new(Start);
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    /// <summary>County officials must use a second factor; everyone else may.</summary>
    private AppFactory App(Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>(more ?? []) { ["Security:RequireTwoFactorFor:0"] = nameof(Role.CountyOfficial) };
        var app = new AppFactory { Clock = _clock, Settings = settings };
        _owned.Add(app);
        return app;
    }

    private static Task<HttpResponseMessage> LoginAsync(Browser browser, string login, string password = Builders.Password) =>
        browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = password });

    private static async Task<string> TextAsync(HttpResponseMessage response) => Browser.Text(await Browser.ParseAsync(response));

    /// <summary>An official of the required role with a password and no second factor, as after the operator turned the requirement on.</summary>
    private static (string Login, int Id) Official(AppFactory app)
    {
        var login = $"county-{Guid.NewGuid().ToString("N")[..6]}@gov.example.cn";
        return (login, Seed.Official(app, login, Role.CountyOfficial, Seed.HuqiuCounty));
    }

    /// <summary>An app whose mail goes to a real SMTP server on loopback.</summary>
    private (SmtpSink Smtp, AppFactory App) WithMail()
    {
        var smtp = new SmtpSink();
        _owned.Add(smtp);
        return (smtp, App(smtp.Settings));
    }

    private static string? KeyOf(AppFactory app, int id) => app.Query(db => db.Users.Single(u => u.Id == id).TotpSecret);

    private async Task AssertSetsUpAsync(Browser browser)
    {
        var sent = await browser.Client.GetAsync("/Officials");
        Assert.Equal("/Account/TwoFactor", sent.Headers.Location?.OriginalString);
        Assert.Contains("必须开启两步验证", Browser.Text(await browser.GetAsync("/Account/TwoFactor")));
        await TwoFactorTests.SetUpAsync(browser, _clock);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Officials")).StatusCode);
    }

    /// <summary>The security administrator's button for <paramref name="id"/>; returns the page it answers with.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> SecurityAsync(Browser security, string login, string handler, int id) =>
        await Browser.ParseAsync(await security.PostAsync($"/Security?Login={login}", $"/Security?handler={handler}", [new("id", id.ToString())]));

    /// <summary>Without mail the administrator's link is held (decision 049): the page says so and carries no token.</summary>
    private static void AssertHeld(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        Assert.Contains("须由一名省级官员复核", page.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.DoesNotContain("token=", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task ThePasswordAloneOpensNoPageAndNoTokenOfARoleThatMustSetUpASecondFactor()
    {
        var app = App();
        var (login, id) = Official(app);
        var browser = app.Browser();

        var refused = await LoginAsync(browser, login);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("您的账号需要两步验证，但尚未设置。请使用邀请或重设链接登录后设置，或请安全管理员发放两步验证设置链接。", await TextAsync(refused));
        foreach (var page in new[] { "/Officials", "/Account/TwoFactor", "/Account/Tokens", "/" })
        {
            var answer = await browser.Client.GetAsync(page);
            Assert.True(answer.StatusCode == HttpStatusCode.OK ? page == "/" : answer.Headers.Location!.OriginalString.Contains("/Account/Login"), $"{page} answered {(int)answer.StatusCode} {answer.Headers.Location}");
        }
        Assert.DoesNotContain("退出（", Browser.Text(await browser.GetAsync("/")));
        Assert.Null(KeyOf(app, id));
        Assert.Equal(0, app.Query(db => db.Sessions.Count(s => s.UserId == id)));
        Assert.Contains("user.login-two-factor-missing", app.Query(db => db.AuditEvents.Where(e => e.UserId == id).Select(e => e.Action).ToList()));

        var (_, token) = TokenHolder(app, Role.CountyOfficial, Seed.HuqiuCounty);
        var api = await Api(app, token).GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains("您的账号需要两步验证，但尚未设置", await api.Content.ReadAsStringAsync());
        var (_, optional) = TokenHolder(app, Role.CityOfficial, Seed.Suzhou);
        Assert.Equal(HttpStatusCode.OK, (await Api(app, optional).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task AnInvitationOpensTheSetUpOnceAndAfterItThePasswordAsksForTheCode()
    {
        var app = App();
        var (invited, login, id) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        var other = app.Browser();
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(other, login)));

        await AssertSetsUpAsync(invited);

        Assert.NotNull(KeyOf(app, id));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Account/Code", (await LoginAsync(other, login)).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ASessionOpenedWithoutASecondChannelEndsWhenItsAccountMustSetUpASecondFactorAgain()
    {
        var app = App();
        var (invited, login, id) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        var (secret, _) = await TwoFactorTests.SetUpAsync(invited, _clock);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var later = app.Browser();
        Assert.StartsWith("/Account/Code", (await LoginAsync(later, login)).Headers.Location!.OriginalString);
        await later.PostAsync("/Account/Code", null, new Dictionary<string, string> { ["Code"] = TwoFactorTests.CodeFor(secret, _clock), ["ReturnUrl"] = "/Officials" });
        Assert.Equal(HttpStatusCode.OK, (await later.Client.GetAsync("/Officials")).StatusCode);
        var sessions = app.Query(db => db.Sessions.Count(s => s.UserId == id));

        // The state of a session opened before the operator turned the requirement on: the account has no key, the
        // session's cookie is still good (same stamp) and no second channel opened it. It must not reach the set-up page.
        app.Query(db => db.Users.Where(u => u.Id == id).ExecuteUpdate(u => u.SetProperty(x => x.TotpSecret, (string?)null)));
        var ended = await later.Client.GetAsync("/Officials");

        Assert.Contains("/Account/Login", ended.Headers.Location?.OriginalString);
        Assert.Contains("/Account/Login", (await later.Client.GetAsync("/Account/TwoFactor")).Headers.Location?.OriginalString);
        Assert.Equal(sessions - 1, app.Query(db => db.Sessions.Count(s => s.UserId == id)));
        Assert.Null(KeyOf(app, id));
    }

    [Fact]
    public async Task AResetLinkOpensTheSetUpOnceAndUsedAgainChangesNothing()
    {
        var app = App();
        var (login, id) = Official(app);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);
        AssertHeld(await SecurityAsync(security, login, "ResetPassword", id));
        var link = await Seed.ApproveRecoveryAsync(app, login);
        var fields = new Dictionary<string, string> { ["Password"] = "Renewed2026x", ["Confirm"] = "Renewed2026x" };
        var holder = app.Browser();

        var done = await holder.PostAsync(link, null, fields);

        Assert.Contains("您的账号需要两步验证，已为您登录", await TextAsync(done));
        await AssertSetsUpAsync(holder);
        var key = KeyOf(app, id);
        var again = app.Browser();
        // Posted as the form fetched before the link was used would post it.
        var refused = await again.PostAsync("/Account/Login", link, new Dictionary<string, string> { ["Password"] = "Another2026y", ["Confirm"] = "Another2026y" });
        Assert.Contains("重设密码链接无效、已使用或已过期", await TextAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await again.Client.GetAsync("/Officials")).StatusCode);
        Assert.Equal(key, KeyOf(app, id));
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.StartsWith("/Account/Code", (await LoginAsync(app.Browser(), login, "Renewed2026x")).Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheSecurityAdministratorsLinkOpensTheSetUpOnceWithThePasswordAndNotWithoutIt()
    {
        var app = App();
        var (login, id) = Official(app);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);
        var found = await security.GetAsync($"/Security?Login={login}");
        Assert.Contains("仅凭密码无法登录", found.QuerySelector("[data-testid=found]")!.TextContent);

        var issued = await SecurityAsync(security, login, "IssueTwoFactorLink", id);

        AssertHeld(issued);
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(app.Browser(), login)));
        var link = await Seed.ApproveRecoveryAsync(app, login);
        Assert.DoesNotContain(link[(link.IndexOf('=') + 1)..], app.Query(db => string.Join("|", db.PasswordResets.Select(r => r.TokenHash))));
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(app.Browser(), login)));
        Assert.Contains("重设密码链接无效", Browser.Text(await app.Browser().GetAsync(link.Replace("/Account/Enrol", "/Account/Reset"))));
        var holder = app.Browser();
        Assert.Contains(login, Browser.Text(await holder.GetAsync(link)));
        var wrong = await holder.PostAsync(link, null, new Dictionary<string, string> { ["Password"] = "Wrong2026pass" });
        Assert.Contains("账号或密码不正确", await TextAsync(wrong));
        Assert.Equal(HttpStatusCode.Redirect, (await holder.Client.GetAsync("/Officials")).StatusCode);

        var opened = await holder.PostAsync(link, null, new Dictionary<string, string> { ["Password"] = Builders.Password });

        Assert.Equal("/Account/TwoFactor", opened.Headers.Location?.OriginalString);
        await AssertSetsUpAsync(holder);
        var key = KeyOf(app, id);
        var late = app.Browser();
        Assert.Contains("两步验证设置链接无效、已使用或已过期", Browser.Text(await late.GetAsync(link)));
        var replay = await late.PostAsync("/Account/Login", link, new Dictionary<string, string> { ["Password"] = Builders.Password });
        Assert.Contains("两步验证设置链接无效、已使用或已过期，未做任何更改", await TextAsync(replay));
        Assert.Equal(HttpStatusCode.Redirect, (await late.Client.GetAsync("/Officials")).StatusCode);
        Assert.Equal(key, KeyOf(app, id));
        Assert.Equal(["security.two-factor-link-issued", "user.two-factor-link-used"],
            app.Query(db => db.AuditEvents.Where(e => e.Action.Contains("two-factor-link")).OrderBy(e => e.Id).Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task TheResetOfARequiredSecondFactorYieldsASetUpLinkAndAnExpiredOneOpensNothing()
    {
        var app = App();
        var (official, login, id) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        await TwoFactorTests.SetUpAsync(official, _clock);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);

        var reset = await SecurityAsync(security, login, "ResetTwoFactor", id);

        Assert.Contains("该角色必须使用两步验证", reset.QuerySelector("[data-testid=notice]")!.TextContent);
        AssertHeld(reset);
        var link = await Seed.ApproveRecoveryAsync(app, login);
        Assert.Null(KeyOf(app, id));
        Assert.Equal(HttpStatusCode.Redirect, (await official.Client.GetAsync("/Officials")).StatusCode);
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(app.Browser(), login)));
        AssertHeld(await SecurityAsync(security, login, "IssueTwoFactorLink", id));
        var renewed = await Seed.ApproveRecoveryAsync(app, login);
        Assert.Contains("两步验证设置链接无效", Browser.Text(await app.Browser().GetAsync(link)));

        _clock.Advance(PasswordResets.IssuedLifetime + TimeSpan.FromMinutes(1));

        var holder = app.Browser();
        Assert.Contains("两步验证设置链接无效、已使用或已过期", Browser.Text(await holder.GetAsync(renewed)));
        var expired = await holder.PostAsync("/Account/Login", renewed, new Dictionary<string, string> { ["Password"] = Builders.Password });
        Assert.Contains("两步验证设置链接无效、已使用或已过期，未做任何更改", await TextAsync(expired));
        Assert.Equal(HttpStatusCode.Redirect, (await holder.Client.GetAsync("/Officials")).StatusCode);
        Assert.Equal(0, app.Query(db => db.Sessions.Count(s => s.UserId == id)));
        Assert.Null(KeyOf(app, id));
    }

    [Fact]
    public async Task TheSecurityAdministratorIssuesNoSetUpLinkWhereNoneIsNeeded()
    {
        var app = App();
        var (official, login, id) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        await TwoFactorTests.SetUpAsync(official, _clock);
        var cityLogin = $"city-{Guid.NewGuid().ToString("N")[..6]}@gov.example.cn";
        var city = Seed.Official(app, cityLogin, Role.CityOfficial, Seed.Suzhou);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);

        var enrolled = await SecurityAsync(security, login, "IssueTwoFactorLink", id);
        var optional = await SecurityAsync(security, cityLogin, "IssueTwoFactorLink", city);

        Assert.Contains("已开启两步验证，无需设置链接", enrolled.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Contains("该角色不要求两步验证", optional.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(0, app.Query(db => db.PasswordResets.Count()));
    }

    [Fact]
    public async Task ARoleThatDoesNotRequireASecondFactorSignsInWithThePasswordAndMayTurnOneOn()
    {
        var app = App();
        var cityLogin = $"city-{Guid.NewGuid().ToString("N")[..6]}@gov.example.cn";
        var id = Seed.Official(app, cityLogin, Role.CityOfficial, Seed.Suzhou);

        var city = await Seed.SignInAsync(app, cityLogin);

        Assert.Equal(HttpStatusCode.OK, (await city.Client.GetAsync("/Officials")).StatusCode);
        Assert.DoesNotContain("必须开启两步验证", Browser.Text(await city.GetAsync("/Account/TwoFactor")));
        await TwoFactorTests.SetUpAsync(city, _clock);
        Assert.NotNull(KeyOf(app, id));
    }

    [Fact]
    public async Task WithMailOnAnAccountAsksForASetUpLinkAtItsOwnAddressAndUsesItOnce()
    {
        var (smtp, app) = WithMail();
        var (login, id) = Official(app);
        var (enrolled, enrolledLogin, _) = await Seed.InvitedAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);
        await TwoFactorTests.SetUpAsync(enrolled, _clock);
        var refused = await Browser.ParseAsync(await LoginAsync(app.Browser(), login));
        Assert.NotNull(refused.QuerySelector("[data-testid=enrol-mail] a[href='/Account/Enrol']"));

        var answers = new List<string>();
        foreach (var who in new[] { login, "nobody@gov.example.cn", enrolledLogin })
        {
            var response = await app.Browser().PostAsync("/Account/Enrol", "/Account/Enrol?handler=Mail", new Dictionary<string, string> { ["Login"] = who });
            answers.Add((await Browser.ParseAsync(response)).QuerySelector("[data-testid=answer]")!.TextContent);
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("已向该邮箱发送两步验证设置链接", answers[0]);
        await SmtpSink.WaitUntilAsync(() => smtp.To(login).Count > 0, $"a set-up mail to {login}");
        var mail = smtp.To(login).Single();
        Assert.Equal("【智能工厂自评测】设置两步验证", mail.Subject);
        var link = new Uri(MailedLink().Match(mail.TextBody ?? "").Value).PathAndQuery;
        Assert.DoesNotContain(smtp.To(enrolledLogin), m => m.Subject?.Contains("两步验证") == true);
        var holder = app.Browser();
        Assert.Equal("/Account/TwoFactor", (await holder.PostAsync(link, null, new Dictionary<string, string> { ["Password"] = Builders.Password })).Headers.Location?.OriginalString);
        await AssertSetsUpAsync(holder);
        Assert.NotNull(KeyOf(app, id));
        Assert.Contains("两步验证设置链接无效", Browser.Text(await app.Browser().GetAsync(link)));
        Assert.Contains("user.two-factor-link-mailed", app.Query(db => db.AuditEvents.Where(e => e.UserId == id).Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task WithMailOnTheSecurityAdministratorsLinksGoToTheAccountsOwnMailboxAndAreNeverShownToTheAdministrator()
    {
        var (smtp, app) = WithMail();
        var (login, id) = Official(app);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);

        var issued = await SecurityAsync(security, login, "IssueTwoFactorLink", id);

        // An administrator who saw the link could take the official's account, and with it enterprise data (三员分立).
        Assert.DoesNotContain("token=", issued.DocumentElement.OuterHtml);
        Assert.Contains($"发送至对方邮箱 {login}", issued.QuerySelector("[data-testid=notice]")!.TextContent);
        await SmtpSink.WaitUntilAsync(() => smtp.To(login).Count > 0, $"a set-up mail to {login}");
        var enrol = new Uri(MailedLink().Match(smtp.To(login).Single().TextBody ?? "").Value).PathAndQuery;
        var holder = app.Browser();
        Assert.Equal("/Account/TwoFactor", (await holder.PostAsync(enrol, null, new Dictionary<string, string> { ["Password"] = Builders.Password })).Headers.Location?.OriginalString);

        var reset = await SecurityAsync(security, login, "ResetPassword", id);

        Assert.DoesNotContain("token=", reset.DocumentElement.OuterHtml);
        await SmtpSink.WaitUntilAsync(() => smtp.To(login).Count > 1, $"a reset mail to {login}");
        var mail = smtp.To(login).Single(m => m.Subject == "【智能工厂自评测】重设密码");
        var resetLink = new Uri(MailedReset().Match(mail.TextBody ?? "").Value).PathAndQuery;
        Assert.DoesNotContain("重设密码链接无效", Browser.Text(await app.Browser().GetAsync(resetLink)));
        // Once sent, the outbox keeps no link that still opens something: not for whoever reads the database or a backup.
        await SmtpSink.WaitUntilAsync(() => app.Query(db => db.OutgoingMails.Count(m => m.SentAt != null)) >= 2, "both mails marked sent");
        var kept = app.Query(db => db.OutgoingMails.Select(m => m.Body).ToList());
        Assert.DoesNotContain(kept, body => body.Contains(resetLink[(resetLink.IndexOf('=') + 1)..]) || body.Contains(enrol[(enrol.IndexOf('=') + 1)..]));
        Assert.All(kept, body => Assert.Contains("已发出，不再保存", body));
    }

    [Fact]
    public async Task ATemporaryPasswordFromTheEnterpriseAdministratorOpensTheSetUpOfARequiredEnterpriseRole()
    {
        var app = App(new() { ["Security:RequireTwoFactorFor:1"] = nameof(Role.EnterpriseUser) });
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);
        var hasher = app.Services.GetRequiredService<Microsoft.AspNetCore.Identity.IPasswordHasher<User>>();
        var colleague = app.Query(db =>
        {
            var user = new User { Login = "colleague1@example.com", DisplayName = "同事", Role = Role.EnterpriseUser, EnterpriseId = db.Enterprises.Single().Id, SecurityStamp = Auth.NewStamp(), CreatedAt = Start };
            user.PasswordHash = hasher.HashPassword(user, Builders.Password);
            db.Users.Add(user);
            db.SaveChanges();
            return user.Id;
        });
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(app.Browser(), "colleague1@example.com")));
        var issued = await admin.PostAsync("/Team/Users", "/Team/Users?handler=Reset", [new("id", colleague.ToString()), new("Kind", nameof(PasswordResetKind.TemporaryPassword))]);
        var temporary = (await Browser.ParseAsync(issued)).QuerySelector("[data-testid=temporary-password]")!.TextContent.Trim();
        var browser = app.Browser();

        Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(browser, "colleague1@example.com", temporary)).StatusCode);
        await browser.PostAsync("/Account/Password", null, new Dictionary<string, string> { ["Current"] = temporary, ["New"] = "Renewed2026x", ["Confirm"] = "Renewed2026x" });
        Assert.Equal("/Account/TwoFactor", (await browser.Client.GetAsync("/Assessments")).Headers.Location?.OriginalString);
        await TwoFactorTests.SetUpAsync(browser, _clock);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Assessments")).StatusCode);
    }

    [Fact]
    public async Task TheOperatorIssuesASetUpLinkForAnAdministratorNoSecurityAdministratorMayHelp()
    {
        var app = App(new() { ["Security:RequireTwoFactorFor:1"] = nameof(Role.SecurityAdmin) });
        app.Query(db => db.Users.Count()); // the database exists
        var login = $"security-{Guid.NewGuid().ToString("N")[..6]}@js.gov.cn";
        var on = new Dictionary<string, string> { ["Security__RequireTwoFactorFor__0"] = nameof(Role.SecurityAdmin), ["Network__PublicBaseUrl"] = "https://znzz.example.gov.cn" };
        string[] connection = ["--connection", app.ConnectionString];

        var created = await AdminCommandTests.RunAsync(on, ["create-admin", "--login", login, "--name", "安全员", "--password", Builders.Password, "--security", .. connection]);
        var again = await AdminCommandTests.RunAsync(on, ["two-factor-link", "--login", login, .. connection]);
        var unknown = await AdminCommandTests.RunAsync(on, ["two-factor-link", "--login", "nobody@js.gov.cn", .. connection]);

        Assert.True(created.Exit == AdminCommands.Ok, created.Err);
        Assert.Contains("两步验证设置链接", created.Out);
        Assert.True(again.Exit == AdminCommands.Ok, again.Err);
        Assert.Equal(AdminCommands.Invalid, unknown.Exit);
        Assert.Contains("尚未设置", await TextAsync(await LoginAsync(app.Browser(), login)));
        Assert.True(OperatorLink().IsMatch(created.Out), created.Out);
        var first = new Uri(OperatorLink().Match(created.Out).Value).PathAndQuery;
        var link = new Uri(OperatorLink().Match(again.Out).Value).PathAndQuery;
        Assert.Contains("两步验证设置链接无效", Browser.Text(await app.Browser().GetAsync(first)));
        var holder = app.Browser();
        Assert.Equal("/Account/TwoFactor", (await holder.PostAsync(link, null, new Dictionary<string, string> { ["Password"] = Builders.Password })).Headers.Location?.OriginalString);
        Assert.Equal("/Account/TwoFactor", (await holder.Client.GetAsync("/Security")).Headers.Location?.OriginalString);
        await TwoFactorTests.SetUpAsync(holder, _clock);
        Assert.Equal(HttpStatusCode.OK, (await holder.Client.GetAsync("/Security")).StatusCode);
        Assert.Equal(2, app.Query(db => db.AuditEvents.Count(e => e.Action == "admin.two-factor-link-issued")));
    }

    [GeneratedRegex(@"\S+/Account/Enrol\?token=[0-9a-f]+")]
    private static partial Regex MailedLink();

    [GeneratedRegex(@"\S+/Account/Reset\?token=[0-9a-f]+")]
    private static partial Regex MailedReset();

    [GeneratedRegex(@"https://\S+/Account/Enrol\?token=[0-9a-f]+")]
    private static partial Regex OperatorLink();
}
