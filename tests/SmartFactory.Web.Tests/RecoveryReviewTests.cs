using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Tests;

/// <summary>
/// 账号恢复复核 (decision 049): a link the security administrator issues for an account that mail does not reach is held
/// until a province official other than the account approves it, and only that official sees it, once. Neither the
/// administrator alone nor the official alone can sign in as the account.
/// </summary>
public sealed class RecoveryReviewTests : IDisposable
{
    private readonly MovableClock _clock = new(new DateTime(2026, 12, 3, 2, 0, 0, DateTimeKind.Utc));
    private readonly List<IDisposable> _owned = [];

    public void Dispose() => _owned.ForEach(o => o.Dispose());

    private AppFactory App(Dictionary<string, string>? settings = null, string provider = "Sqlite")
    {
        var app = new AppFactory { Clock = _clock, Settings = settings ?? [], Provider = provider };
        _owned.Add(app);
        return app;
    }

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> ResetAsync(Browser security, string login, int id) =>
        await Browser.ParseAsync(await security.PostAsync($"/Security?Login={login}", "/Security?handler=ResetPassword", [new("id", id.ToString())]));

    /// <summary>Posts a decision on request <paramref name="id"/>, with the antiforgery token of the always-present users page.</summary>
    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> DecideAsync(Browser province, string handler, string id) =>
        await Browser.ParseAsync(await province.PostAsync("/Officials/Users", $"/Officials/Recoveries?handler={handler}", [new("id", id)]));

    private string HeldId(AppFactory app, int userId)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return app.Query(db => Recoveries.Held(db, now).Single(r => r.UserId == userId).Id).ToString();
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task WithoutMailAResetWaitsForAProvinceOfficialWhoAloneSeesTheLinkOnce(string provider)
    {
        var app = App(provider: provider);
        var login = "huqiu-chen@gov.example.cn";
        var id = Seed.Official(app, login, Role.CountyOfficial, Seed.HuqiuCounty, "陈晓");
        var (security, securityLogin) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);

        var issued = await ResetAsync(security, login, id);

        Assert.Contains("须由一名省级官员复核", issued.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.DoesNotContain("token=", issued.DocumentElement.OuterHtml);
        Assert.Contains("待省级官员复核", issued.QuerySelector("[data-testid=held]")!.TextContent);
        Assert.Contains("账号或密码不正确", Browser.Text(await Browser.ParseAsync(await app.Browser().PostAsync("/Account/Login", null,
            new Dictionary<string, string> { ["Login"] = login, ["Password"] = Builders.Password }))));
        // Neither the administrator nor an official below the province opens the list.
        await Seed.AssertDeniedAsync(security, "/Officials/Recoveries");
        await Seed.AssertDeniedAsync(await Seed.OfficialAsync(app, Role.CityOfficial, Seed.Suzhou), "/Officials/Recoveries");

        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000", "省厅王");
        Assert.Contains("1 项待复核", (await province.GetAsync("/Officials/Users")).QuerySelector("[data-testid=recoveries]")!.ParentElement!.TextContent);
        var row = (await province.GetAsync("/Officials/Recoveries")).QuerySelector("[data-testid=requests] tbody tr")!.TextContent;
        Assert.Contains($"陈晓（{login}）", row);
        Assert.Contains("苏州市虎丘区", row);
        Assert.Contains("重设密码链接", row);
        Assert.Contains(securityLogin, row);

        var approved = await DecideAsync(province, "Approve", HeldId(app, id));

        var link = new Uri(approved.QuerySelector("[data-testid=approved-link] code")!.TextContent).PathAndQuery;
        Assert.StartsWith("/Account/Reset?token=", link);
        var after = await province.GetAsync("/Officials/Recoveries");
        Assert.NotNull(after.QuerySelector("[data-testid=none]"));
        Assert.DoesNotContain("token=", after.DocumentElement.OuterHtml);
        Assert.Null((await security.GetAsync($"/Security?Login={login}")).QuerySelector("[data-testid=held]"));
        var renewed = await app.Browser().PostAsync(link, null, new Dictionary<string, string> { ["Password"] = "Renewed2026x", ["Confirm"] = "Renewed2026x" });
        Assert.Contains("密码已重设", Browser.Text(await Browser.ParseAsync(renewed)));
        await Seed.SignInAsync(app, login, "Renewed2026x");
        Assert.Contains("重设密码链接无效", Browser.Text(await app.Browser().GetAsync(link)));
        Assert.Equal(["security.password-reset-issued " + login, $"official.recovery-approved {login} password reset link", "user.password-reset"],
            app.Query(db => db.AuditEvents.Where(e => e.Action == "security.password-reset-issued" || e.Action.StartsWith("official.recovery") || e.Action == "user.password-reset")
                .OrderBy(e => e.Id).Select(e => e.Action.StartsWith("user.") ? e.Action : e.Action + " " + e.Detail).ToList()));
    }

    [Fact]
    public async Task OfTwoProvinceOfficialsApprovingAtOnceOneGetsTheLinkAndTheOtherIsTold()
    {
        var app = App();
        var login = "kunshan-li@gov.example.cn";
        var id = Seed.Official(app, login, Role.CountyOfficial, Seed.KunshanCounty);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);
        await ResetAsync(security, login, id);
        var held = HeldId(app, id);
        var first = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");
        var second = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");

        var pages = await Task.WhenAll(DecideAsync(first, "Approve", held), DecideAsync(second, "Approve", held));

        var link = Assert.Single(pages.Select(p => p.QuerySelector("[data-testid=approved-link] code")?.TextContent).OfType<string>());
        Assert.Contains(pages, p => p.QuerySelector("[data-testid=notice]")!.TextContent.Contains("未做任何更改", StringComparison.Ordinal));
        var token = link[(link.IndexOf('=') + 1)..];
        Assert.Equal(Invitations.Hash(token), app.Query(db => db.PasswordResets.Single(r => r.UserId == id).TokenHash));
        Assert.Equal(1, app.Query(db => db.AuditEvents.Count(e => e.Action == "official.recovery-approved")));
    }

    [Fact]
    public async Task ADeclinedOrExpiredRequestIssuesNothingAndNobodyApprovesTheirOwn()
    {
        var app = App(new() { ["Security:RequireTwoFactorFor:0"] = nameof(Role.CountyOfficial) });
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);
        // An official who must set up a second factor and has none: the administrator's set-up link is held.
        var target = "huqiu-sun@gov.example.cn";
        var targetId = Seed.Official(app, target, Role.CountyOfficial, Seed.HuqiuCounty);
        var enrol = await Browser.ParseAsync(await security.PostAsync($"/Security?Login={target}", "/Security?handler=IssueTwoFactorLink", [new("id", targetId.ToString())]));
        Assert.Contains("两步验证设置链接须由一名省级官员复核", enrol.QuerySelector("[data-testid=notice]")!.TextContent);
        var held = HeldId(app, targetId);

        // The account itself may not approve it, whatever way it reached the approval.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.Null(await Recoveries.ApproveAsync(db, int.Parse(held), targetId, _clock.GetUtcNow().UtcDateTime));
        }
        var province = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");
        Assert.Contains("两步验证设置链接", (await ListedAsync(province))!);

        var declined = await DecideAsync(province, "Decline", held);

        Assert.Contains($"已驳回 {target} 的两步验证设置链接", declined.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Null(declined.QuerySelector("[data-testid=approved-link]"));
        var again = await DecideAsync(province, "Approve", held);
        Assert.Null(again.QuerySelector("[data-testid=approved-link]"));
        Assert.Contains("未做任何更改", again.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.Equal(0, app.Query(db => db.PasswordResets.Count(r => r.TokenHash != null)));

        // A request nobody decides on runs out with the link's 7 days.
        var county = "xinwu-zhao@gov.example.cn";
        var countyId = Seed.Official(app, county, Role.CountyOfficial, Seed.XinwuCounty);
        await ResetAsync(security, county, countyId);
        var stale = HeldId(app, countyId);
        _clock.Advance(PasswordResets.IssuedLifetime + TimeSpan.FromMinutes(1));
        var later = await Seed.OfficialAsync(app, Role.ProvinceOfficial, "320000");
        Assert.Null(await ListedAsync(later));
        Assert.Null((await DecideAsync(later, "Approve", stale)).QuerySelector("[data-testid=approved-link]"));
        Assert.Equal(0, app.Query(db => db.PasswordResets.Count(r => r.TokenHash != null)));
        Assert.Equal(["official.recovery-declined"], app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("official.recovery")).Select(e => e.Action).ToList()));
    }

    /// <summary>The text of the requests listed, null when none is.</summary>
    private static async Task<string?> ListedAsync(Browser province) =>
        (await province.GetAsync("/Officials/Recoveries")).QuerySelector("[data-testid=requests]")?.TextContent;

    [Fact]
    public async Task WithMailOnAPhoneNumberLoginIsHeldTooAndNoMailGoesOut()
    {
        var smtp = new SmtpSink();
        _owned.Add(smtp);
        var app = App(smtp.Settings);
        var login = "13912345678";
        var id = Seed.Official(app, login, Role.CountyOfficial, Seed.HuqiuCounty);
        var (security, _) = await Seed.AdministratorAsync(app, Role.SecurityAdmin);

        var issued = await ResetAsync(security, login, id);

        Assert.Contains("须由一名省级官员复核", issued.QuerySelector("[data-testid=notice]")!.TextContent);
        Assert.DoesNotContain("token=", issued.DocumentElement.OuterHtml);
        Assert.Equal(0, app.Query(db => db.OutgoingMails.Count()));
        var link = await Seed.ApproveRecoveryAsync(app, login);
        Assert.StartsWith("/Account/Reset?token=", link);
        Assert.Equal(HttpStatusCode.OK, (await app.Browser().Client.GetAsync(link)).StatusCode);
    }
}
