using System.Net;
using System.Text.RegularExpressions;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// 忘记密码 by mail through a real SMTP server (aiosmtpd on loopback), and the enterprise administrator's reset of a
/// colleague (decision 033): the link works once and not after 30 minutes, the answer is the same for any login, the old
/// password, sessions and tokens end, and only colleagues of one's own enterprise can be reset.
/// </summary>
public abstract partial class PasswordResetTests(string provider) : IDisposable
{
    private const string NewPassword = "Renewed2026x";
    private readonly SmtpSink _smtp = new();
    private readonly MovableClock _clock = new(DateTime.UtcNow);
    private AppFactory? _app;

    private AppFactory App => _app ??= new AppFactory { Provider = provider, Settings = _smtp.Settings, Clock = _clock };

    public void Dispose()
    {
        _app?.Dispose();
        _smtp.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AMailedLinkSetsANewPasswordOnceAndEndsEverySessionAndToken()
    {
        var admin = App.Browser();
        await Builders.RegisterAsync(admin, 1);
        var token = await CreateTokenAsync(admin);
        var other = await Seed.SignInAsync(App, "admin1@example.com");

        var answer = await ForgotAsync(App.Browser(), "Admin1@Example.com ");

        Assert.Contains("如果该账号存在且以邮箱登录", answer);
        var link = await LinkMailedToAsync("admin1@example.com");
        Assert.StartsWith("https://znzz.example.gov.cn/Account/Reset?token=", link);
        var path = new Uri(link).PathAndQuery;
        var stranger = App.Browser();
        Assert.Contains("admin1@example.com", Browser.Text(await stranger.GetAsync(path)));
        var done = await stranger.PostAsync(path, null, NewPasswordFields());
        Assert.Contains("密码已重设", Browser.Text(await Browser.ParseAsync(done)));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(App, token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("账号或密码不正确", await LoginTextAsync("admin1@example.com", Builders.Password));
        await Seed.SignInAsync(App, "admin1@example.com", NewPassword);
        // Posted as a form fetched before the link was used would post it: the spent link refuses it.
        var again = await App.Browser().PostAsync("/Account/Forgot", path, new Dictionary<string, string> { ["Password"] = "Another2026y", ["Confirm"] = "Another2026y" });
        Assert.Contains("链接无效、已使用或已过期", Browser.Text(await Browser.ParseAsync(again)));
        await Seed.SignInAsync(App, "admin1@example.com", NewPassword);
        Assert.Contains("user.password-reset", App.Query(db => db.AuditEvents.Select(e => e.Action).ToList()));
        Assert.DoesNotContain(new Uri(link).Query[7..], App.Query(db => string.Join("|", db.PasswordResets.Select(r => r.TokenHash))));
    }

    [Fact]
    public async Task AnExpiredLinkIsRefusedAndTheOldPasswordStillWorks()
    {
        await Builders.RegisterAsync(App.Browser(), 2);
        await ForgotAsync(App.Browser(), "admin2@example.com");
        var path = new Uri(await LinkMailedToAsync("admin2@example.com")).PathAndQuery;

        _clock.Advance(TimeSpan.FromMinutes(31));

        var page = await App.Browser().GetAsync(path);
        Assert.NotNull(page.QuerySelector("[data-testid=invalid]"));
        Assert.Null(page.QuerySelector("input[name=Password]"));
        await Seed.SignInAsync(App, "admin2@example.com");
    }

    [Fact]
    public async Task AnUnknownLoginGetsTheSameAnswerAndNoMail()
    {
        await Builders.RegisterAsync(App.Browser(), 3);

        var unknown = await ForgotAsync(App.Browser(), "nobody@example.com");
        var known = await ForgotAsync(App.Browser(), "admin3@example.com");

        Assert.Equal(known, unknown);
        await LinkMailedToAsync("admin3@example.com");
        Assert.Empty(_smtp.To("nobody@example.com"));
        Assert.Equal(1, App.Query(db => db.OutgoingMails.Count()));
    }

    [Fact]
    public async Task OneLoginGetsAtMostThreeMailsAWindowAndOneAddressIsSlowedDown()
    {
        await Builders.RegisterAsync(App.Browser(), 4);
        var browser = App.Browser();
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await ForgotAsync(browser, "admin4@example.com"));
        }

        Assert.Single(answers.Distinct());
        Assert.Equal(3, App.Query(db => db.PasswordResets.Count()));
        var eleventh = await browser.PostAsync("/Account/Forgot", null, new Dictionary<string, string> { ["Login"] = "admin4@example.com" });
        Assert.Contains("操作过于频繁", Browser.Text(await Browser.ParseAsync(eleventh)));
        await SmtpSink.WaitUntilAsync(() => _smtp.To("admin4@example.com").Count == 3, "3 mails");
    }

    [Fact]
    public async Task AUserWithTwoFactorKeepsItAfterAReset()
    {
        await Builders.RegisterAsync(App.Browser(), 5);
        App.Query(db =>
        {
            db.Users.Single(u => u.Login == "admin5@example.com").TotpSecret = "JBSWY3DPEHPK3PXP";
            return db.SaveChanges();
        });
        await ForgotAsync(App.Browser(), "admin5@example.com");
        var path = new Uri(await LinkMailedToAsync("admin5@example.com")).PathAndQuery;

        var done = await App.Browser().PostAsync(path, null, NewPasswordFields());

        Assert.Contains("仍需输入两步验证码", Browser.Text(await Browser.ParseAsync(done)));
        var login = await App.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = "admin5@example.com", ["Password"] = NewPassword });
        Assert.StartsWith("/Account/Code", login.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("Password", "short1", "密码至少 8 位")]
    [InlineData("Confirm", "Mismatch2026", "两次输入的密码不一致")]
    public async Task ABadNewPasswordIsRefusedAndLeavesTheLinkUsable(string field, string value, string message)
    {
        await Builders.RegisterAsync(App.Browser(), 6);
        await ForgotAsync(App.Browser(), "admin6@example.com");
        var path = new Uri(await LinkMailedToAsync("admin6@example.com")).PathAndQuery;
        var fields = NewPasswordFields();
        fields[field] = value;
        if (field == "Password")
        {
            fields["Confirm"] = value;
        }

        var refused = await Browser.ParseAsync(await App.Browser().PostAsync(path, null, fields));

        Assert.Contains(message, refused.QuerySelector($"[data-valmsg-for={field}]")!.TextContent);
        await Seed.SignInAsync(App, "admin6@example.com");
        Assert.Contains("密码已重设", Browser.Text(await Browser.ParseAsync(await App.Browser().PostAsync(path, null, NewPasswordFields()))));
    }

    [Fact]
    public async Task AnAdministratorsTemporaryPasswordMustBeChangedAtTheNextSignIn()
    {
        var (admin, colleague) = await AdminAndColleagueAsync(7);
        var token = await CreateTokenAsync(colleague);

        var page = await ResetAsync(admin, "colleague7@example.com", "TemporaryPassword");

        var temporary = page.QuerySelector("[data-testid=temporary-password]")!.TextContent.Trim();
        Assert.Matches("^[a-z2-9]{12}$", temporary);
        Assert.Contains("已重设，待设置新密码", Row(page, "colleague7@example.com"));
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api(App, token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Contains("账号或密码不正确", await LoginTextAsync("colleague7@example.com", "Colleag0e1"));

        var signedIn = await Seed.SignInAsync(App, "colleague7@example.com", temporary);
        var elsewhere = await signedIn.Client.GetAsync("/Assessments");
        Assert.Equal("/Account/Password", elsewhere.Headers.Location!.OriginalString);
        Assert.NotNull((await signedIn.GetAsync("/Account/Password")).QuerySelector("[data-testid=must-change]"));
        var same = await signedIn.PostAsync("/Account/Password", null, new Dictionary<string, string> { ["Current"] = temporary, ["New"] = temporary, ["Confirm"] = temporary });
        Assert.Contains("新密码不能与当前密码相同", Browser.Text(await Browser.ParseAsync(same)));
        await signedIn.PostAsync("/Account/Password", null, new Dictionary<string, string> { ["Current"] = temporary, ["New"] = NewPassword, ["Confirm"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Contains("账号或密码不正确", await LoginTextAsync("colleague7@example.com", temporary));
        Assert.Contains("已启用", Row(await admin.GetAsync("/Team/Users"), "colleague7@example.com"));
    }

    [Fact]
    public async Task ATemporaryPasswordSignsInNoMoreAfterSevenDays()
    {
        var (admin, _) = await AdminAndColleagueAsync(8);
        var temporary = (await ResetAsync(admin, "colleague8@example.com", "TemporaryPassword")).QuerySelector("[data-testid=temporary-password]")!.TextContent.Trim();

        _clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));

        Assert.Contains("临时密码已过期", await LoginTextAsync("colleague8@example.com", temporary));
    }

    [Fact]
    public async Task AnAdministratorsResetLinkWorksOnceForTheColleague()
    {
        var (admin, colleague) = await AdminAndColleagueAsync(9);

        var page = await ResetAsync(admin, "colleague9@example.com", "Link");

        var path = new Uri(page.QuerySelector("[data-testid=reset-link]")!.TextContent.Trim()).PathAndQuery;
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Contains("账号或密码不正确", await LoginTextAsync("colleague9@example.com", "Colleag0e1"));
        await App.Browser().PostAsync(path, null, NewPasswordFields());
        await Seed.SignInAsync(App, "colleague9@example.com", NewPassword);
        Assert.NotNull((await App.Browser().GetAsync(path)).QuerySelector("[data-testid=invalid]"));
        Assert.Contains("user.password-reset-issued", App.Query(db => db.AuditEvents.Select(e => e.Action).ToList()));
    }

    [Fact]
    public async Task AnAdministratorCannotResetAnotherEnterprisesUserOrThemself()
    {
        var (admin, _) = await AdminAndColleagueAsync(10);
        var (_, stranger) = await AdminAndColleagueAsync(11);
        var strangerId = App.Query(db => db.Users.Single(u => u.Login == "colleague11@example.com").Id);
        var adminId = App.Query(db => db.Users.Single(u => u.Login == "admin10@example.com").Id);
        var hash = App.Query(db => db.Users.Single(u => u.Id == strangerId).PasswordHash);

        var other = await admin.PostAsync("/Team/Users", "/Team/Users?handler=Reset", new Dictionary<string, string> { ["id"] = strangerId.ToString(), ["kind"] = "TemporaryPassword" });
        var self = await admin.PostAsync("/Team/Users", "/Team/Users?handler=Reset", new Dictionary<string, string> { ["id"] = adminId.ToString(), ["kind"] = "Link" });

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(hash, App.Query(db => db.Users.Single(u => u.Id == strangerId).PasswordHash));
        Assert.Equal(HttpStatusCode.OK, (await stranger.Client.GetAsync("/Assessments")).StatusCode);
        Assert.Contains("请在“修改密码”页修改", (await Browser.ParseAsync(self)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(0, App.Query(db => db.PasswordResets.Count()));
        await Seed.SignInAsync(App, "admin10@example.com");
    }

    [Fact]
    public async Task AColleagueWhoseInvitationRanOutGetsAFreshLink()
    {
        var admin = App.Browser();
        await Builders.RegisterAsync(admin, 12);
        await admin.PostAsync("/Team/Users", null, new Dictionary<string, string> { ["DisplayName"] = "李四", ["Login"] = "lisi@example.com" });
        _clock.Advance(TimeSpan.FromDays(8));
        admin = await Seed.SignInAsync(App, "admin12@example.com");
        var id = App.Query(db => db.Users.Single(u => u.Login == "lisi@example.com").Id);

        var renewed = await Browser.ParseAsync(await admin.PostAsync("/Team/Users", "/Team/Users?handler=Reset", new Dictionary<string, string> { ["id"] = id.ToString(), ["kind"] = "Link" }));

        var link = renewed.QuerySelector("code.invitation")!.TextContent;
        Assert.Contains("7 天内打开", Browser.Text(renewed));
        var accepted = await App.Browser().PostAsync(new Uri(link).PathAndQuery, null, new Dictionary<string, string> { ["Password"] = "Colleag0e1", ["Confirm"] = "Colleag0e1" });
        Assert.Equal("/Assessments", accepted.Headers.Location?.OriginalString);
    }

    private async Task<(Browser Admin, Browser Colleague)> AdminAndColleagueAsync(int n)
    {
        var admin = App.Browser();
        await Builders.RegisterAsync(admin, n);
        var invited = await Browser.ParseAsync(await admin.PostAsync("/Team/Users", null, new Dictionary<string, string> { ["DisplayName"] = "王五", ["Login"] = $"colleague{n}@example.com" }));
        Assert.Contains("把下面的一次性链接发给对方", Browser.Text(invited));
        var link = invited.QuerySelector("code.invitation")!.TextContent;
        var colleague = App.Browser();
        await colleague.PostAsync(new Uri(link).PathAndQuery, null, new Dictionary<string, string> { ["Password"] = "Colleag0e1", ["Confirm"] = "Colleag0e1" });
        return (admin, colleague);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> ResetAsync(Browser admin, string login, string kind)
    {
        var id = App.Query(db => db.Users.Single(u => u.Login == login).Id);
        var response = await admin.PostAsync("/Team/Users", "/Team/Users?handler=Reset", new Dictionary<string, string> { ["id"] = id.ToString(), ["kind"] = kind });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ParseAsync(response);
    }

    private static string Row(AngleSharp.Html.Dom.IHtmlDocument page, string login) =>
        page.QuerySelector($"[data-testid=colleague][data-login='{login}']")!.TextContent;

    private static Dictionary<string, string> NewPasswordFields() => new() { ["Password"] = NewPassword, ["Confirm"] = NewPassword };

    private static async Task<string> ForgotAsync(Browser browser, string login)
    {
        var response = await browser.PostAsync("/Account/Forgot", null, new Dictionary<string, string> { ["Login"] = login });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Browser.ParseAsync(response)).QuerySelector("main")?.TextContent ?? "";
    }

    private async Task<string> LoginTextAsync(string login, string password)
    {
        var response = await App.Browser().PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Browser.Text(await Browser.ParseAsync(response));
    }

    private async Task<string> LinkMailedToAsync(string address)
    {
        await SmtpSink.WaitUntilAsync(() => _smtp.To(address).Count > 0, $"a reset mail to {address}");
        var mail = _smtp.To(address).Last();
        Assert.Equal("【智能工厂自评测】重设密码", mail.Subject);
        return MailedLink().Match(mail.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"\S+/Account/Reset\?token=[0-9a-f]+")]
    private static partial Regex MailedLink();
}

public sealed class SqlitePasswordResetTests() : PasswordResetTests("Sqlite");

public sealed class PostgresPasswordResetTests() : PasswordResetTests("Postgres");

/// <summary>Without mail, 忘记密码 says whom to ask and sends nothing.</summary>
public sealed class ForgotWithoutMailTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task WithoutMailThePageSaysToAskTheAdministrator()
    {
        await Builders.RegisterAsync(_app.Browser(), 1);
        var browser = _app.Browser();

        var page = await browser.GetAsync("/Account/Forgot");
        var posted = await browser.Client.PostAsync("/Account/Forgot", new FormUrlEncodedContent([new("Login", "admin1@example.com")]));

        Assert.Contains("联系本企业的管理员", page.QuerySelector("[data-testid=no-mail]")!.TextContent);
        Assert.Null(page.QuerySelector("input[name=Login]"));
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode); // no form, no token: nothing to post
        Assert.Equal(0, _app.Query(db => db.PasswordResets.Count() + db.OutgoingMails.Count()));
        Assert.Contains("/Account/Forgot", (await browser.GetAsync("/Account/Login")).QuerySelector("a[href='/Account/Forgot']")!.GetAttribute("href"));
    }
}
