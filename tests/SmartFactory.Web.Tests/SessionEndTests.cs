using System.Net;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Sessions end when they should (decision 021): at logout, at a password change, and for officials after idling.</summary>
public sealed class SessionEndTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 12, 2, 1, 0, 0, DateTimeKind.Utc);
    private readonly MovableClock _clock = new(Start);
    private readonly AppFactory _app;

    public SessionEndTests() => _app = new AppFactory { Clock = _clock };

    public void Dispose() => _app.Dispose();

    /// <summary>Signs in and returns the browser with the session cookie as it was sent, for replaying it elsewhere.</summary>
    private async Task<(Browser Browser, string Cookie)> SignInKeepingTheCookieAsync(string login)
    {
        var browser = _app.Browser();
        var response = await browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sf.auth=", StringComparison.Ordinal)).Split(';')[0];
        return (browser, cookie);
    }

    private async Task<HttpResponseMessage> ReplayAsync(string cookie, string path, bool json = false)
    {
        var client = Api(_app);
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        if (json)
        {
            request.Headers.Accept.ParseAdd("application/json");
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task ACookieCopiedBeforeLogoutIsRefusedAfterIt()
    {
        await Builders.RegisterAsync(_app.Browser(), 1);
        var (browser, cookie) = await SignInKeepingTheCookieAsync("admin1@example.com");
        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(cookie, "/Assessments")).StatusCode);

        await browser.PostAsync("/Assessments", "/Account/Logout", []);

        var page = await ReplayAsync(cookie, "/Assessments");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ReplayAsync(cookie, "/Assessments", json: true)).StatusCode);
    }

    [Fact]
    public async Task LoggingOutOnOneDeviceLeavesTheOthersSignedIn()
    {
        await Builders.RegisterAsync(_app.Browser(), 1);
        var (laptop, _) = await SignInKeepingTheCookieAsync("admin1@example.com");
        var (_, phone) = await SignInKeepingTheCookieAsync("admin1@example.com");

        await laptop.PostAsync("/Assessments", "/Account/Logout", []);

        Assert.Equal(HttpStatusCode.OK, (await ReplayAsync(phone, "/Assessments")).StatusCode);
    }

    [Fact]
    public async Task APasswordChangeRevokesTheUsersApiTokens()
    {
        var enterprise = await EnterpriseAsync(_app, 1);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.Api.GetAsync("/api/v1/me")).StatusCode);

        var change = await enterprise.Browser.PostAsync("/Account/Password", null, new Dictionary<string, string> { ["Current"] = Builders.Password, ["New"] = "NewPassw0rd", ["Confirm"] = "NewPassw0rd" });

        Assert.Contains("API 令牌已全部撤销", Browser.Text(await Browser.ParseAsync(change)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await enterprise.Api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await enterprise.Browser.Client.GetAsync("/Assessments")).StatusCode);
    }

    [Fact]
    public async Task AnOfficialsSessionEndsAfterThirtyIdleMinutesWhileActivityKeepsItOpen()
    {
        var login = "county@gov.example.cn";
        Seed.Official(_app, login, Role.CountyOfficial, Seed.HuqiuCounty);
        var (official, _) = await SignInKeepingTheCookieAsync(login);

        foreach (var _ in Enumerable.Range(0, 3))
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await official.Client.GetAsync("/Officials")).StatusCode);
        }
        _clock.Advance(TimeSpan.FromMinutes(32));

        var idle = await official.Client.GetAsync("/Officials");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.StartsWith("/Account/Login", idle.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AnEnterpriseUsersSessionOutlastsAnOfficialsIdleLimit()
    {
        await Builders.RegisterAsync(_app.Browser(), 1);
        var (enterprise, _) = await SignInKeepingTheCookieAsync("admin1@example.com");

        _clock.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(HttpStatusCode.OK, (await enterprise.Client.GetAsync("/Assessments")).StatusCode);
    }
}
