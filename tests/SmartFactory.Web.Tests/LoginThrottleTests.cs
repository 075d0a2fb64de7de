using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Logins cannot be probed or used to lock someone out (decision 021): the same answer for an unknown login and a wrong
/// password, failures counted per login and client address and per address, the address a trusted proxy forwarded.
/// </summary>
public sealed class LoginThrottleTests : IDisposable
{
    private const string Owner = "admin1@example.com";
    private const string Stranger = "203.0.113.7";
    private const string OwnersAddress = "198.51.100.2";

    private readonly List<AppFactory> _apps = [];

    public void Dispose() => _apps.ForEach(a => a.Dispose());

    /// <summary>An app behind a proxy on 127.0.0.1 (the test server's peer), whose forwarded addresses it believes.</summary>
    private AppFactory BehindProxy(Dictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string> { ["Network:KnownProxies:0"] = "127.0.0.1" };
        foreach (var (k, v) in settings ?? [])
        {
            all[k] = v;
        }
        var app = new AppFactory { Settings = all };
        _apps.Add(app);
        return app;
    }

    private static Browser From(AppFactory app, string address)
    {
        var browser = app.Browser();
        browser.Client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    private static Task<HttpResponseMessage> LoginAsync(Browser browser, string login, string password) =>
        browser.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = login, ["Password"] = password });

    private static async Task<string> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Browser.ParseAsync(response)).QuerySelector(".problems")!.TextContent.Trim();
    }

    [Fact]
    public async Task AnUnknownLoginAndAWrongPasswordGetTheSameAnswerAtEveryAttempt()
    {
        var app = BehindProxy();
        await Builders.RegisterAsync(app.Browser(), 1);
        var browser = From(app, Stranger);

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var known = await ProblemAsync(await LoginAsync(browser, Owner, "wrong-password1"));
            var unknown = await ProblemAsync(await LoginAsync(browser, "nobody@example.com", "wrong-password1"));

            Assert.Equal(known, unknown);
            Assert.DoesNotContain("锁定", known);
        }
    }

    [Fact]
    public async Task AStrangersFailuresSlowTheStrangerButDoNotLockTheOwnerOut()
    {
        var app = BehindProxy();
        await Builders.RegisterAsync(app.Browser(), 1);
        var stranger = From(app, Stranger);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            await LoginAsync(stranger, Owner, "wrong-password1");
        }

        var guessedRight = await LoginAsync(stranger, Owner, Builders.Password);
        var owner = await LoginAsync(From(app, OwnersAddress), Owner, Builders.Password);

        Assert.Contains("登录失败次数过多", await ProblemAsync(guessedRight));
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
    }

    [Fact]
    public async Task FailuresFromOneAddressAreLimitedOverAllTheLoginsItTries()
    {
        var app = BehindProxy(new() { ["Security:LoginThrottle:FailuresPerAddress"] = "6" });
        await Builders.RegisterAsync(app.Browser(), 1);
        var stranger = From(app, Stranger);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            Assert.Contains("账号或密码不正确", await ProblemAsync(await LoginAsync(stranger, $"guess{attempt}@example.com", "wrong-password1")));
        }

        var fromStranger = await LoginAsync(stranger, Owner, Builders.Password);
        var fromOwner = await LoginAsync(From(app, OwnersAddress), Owner, Builders.Password);

        Assert.Contains("登录失败次数过多", await ProblemAsync(fromStranger));
        Assert.Equal(HttpStatusCode.Redirect, fromOwner.StatusCode);
    }

    [Fact]
    public async Task AForwardedAddressFromAnUntrustedSenderIsIgnored()
    {
        var app = new AppFactory { Settings = new() { ["Security:LoginThrottle:FailuresPerAddress"] = "4" } };
        _apps.Add(app);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await LoginAsync(From(app, $"203.0.113.{attempt + 10}"), $"guess{attempt}@example.com", "wrong-password1");
        }

        var fresh = await LoginAsync(From(app, "203.0.113.99"), "guess-new@example.com", "wrong-password1");

        Assert.Contains("登录失败次数过多", await ProblemAsync(fresh));
    }

    [Fact]
    public async Task AnUnknownLoginIsCheckedAgainstAPasswordHashLikeAWrongPassword()
    {
        var hasher = new CountingHasher();
        var app = new AppFactory { TestServices = s => s.AddSingleton<IPasswordHasher<User>>(hasher) };
        _apps.Add(app);
        await Builders.RegisterAsync(app.Browser(), 1);
        var browser = app.Browser();

        var before = hasher.Verifications;
        await LoginAsync(browser, "nobody@example.com", "wrong-password1");
        var unknown = hasher.Verifications - before;
        await LoginAsync(browser, Owner, "wrong-password1");
        var wrong = hasher.Verifications - before - unknown;

        Assert.Equal(1, unknown);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task RegistrationAndInvitationDoNotSayThatALoginBelongsToSomeone()
    {
        var app = BehindProxy();
        var admin = app.Browser();
        await Builders.RegisterAsync(admin, 1);

        var registration = await app.Browser().PostAsync("/Account/Register", null, Builders.Registration(Builders.CreditCodeFor("320505", 2), Owner));
        var invitation = await admin.PostAsync("/Team/Users", null, new Dictionary<string, string> { ["DisplayName"] = "王五", ["Login"] = Owner });

        foreach (var (response, field) in new[] { (registration, "Input.Login"), (invitation, "Login") })
        {
            var message = (await Browser.ParseAsync(response)).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent;
            Assert.Equal(Logins.Unavailable, message);
            Assert.DoesNotContain("已被使用", message);
        }
        Assert.Equal(1, app.Query(db => db.Users.Count()));
        Assert.Equal(1, app.Query(db => db.Enterprises.Count()));
    }

    [Fact]
    public async Task PastTheLimitATakenAndAFreeLoginGetTheSameAnswerFromRegistration()
    {
        var app = BehindProxy(new() { ["Security:LoginThrottle:LoginChecksPerAddress"] = "3" });
        await Builders.RegisterAsync(From(app, OwnersAddress), 1);
        var stranger = From(app, Stranger);
        for (var n = 2; n <= 4; n++)
        {
            await stranger.PostAsync("/Account/Register", null, Builders.Registration(Builders.CreditCodeFor("320505", n), Owner));
        }

        var taken = await stranger.PostAsync("/Account/Register", null, Builders.Registration(Builders.CreditCodeFor("320505", 5), Owner));
        var free = await stranger.PostAsync("/Account/Register", null, Builders.Registration(Builders.CreditCodeFor("320505", 6), "free@example.com"));

        var answers = new List<string>();
        foreach (var response in new[] { taken, free })
        {
            answers.Add((await Browser.ParseAsync(response)).QuerySelector("[data-valmsg-for='Input.Login']")!.TextContent);
        }
        Assert.Equal(Logins.TooManyChecks, answers[0]);
        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(1, app.Query(db => db.Users.Count()));
    }

    /// <summary>The app's own hasher, counting how often a password is checked.</summary>
    private sealed class CountingHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _real = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(User user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
