using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmartFactory.Domain;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Notices;
using static SmartFactory.Web.Tests.OfficialIsolationTests;

namespace SmartFactory.Web.Tests;

/// <summary>
/// 待办 and notices: mail through a real SMTP server on loopback (aiosmtpd) when an application is returned or recognised,
/// the 7-day reminder once whoever computes it, the outbox keeping what a server that is down did not take, the header's
/// counts, and the notice list.
/// </summary>
public abstract class NoticeTests(string provider) : IDisposable
{
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
    public async Task AReturnMailsTheEnterpriseOnceWithTheCommentAndLeavesANotice()
    {
        Seed.Round(App);
        var county = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty, "虎丘区工信局");
        var countyLogin = App.Query(db => db.Users.Single(u => u.Role == Role.CountyOfficial).Login);
        var enterprise = await EligibleAsync(1, Seed.HuqiuCounty);
        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(enterprise)).StatusCode);
        var id = App.Query(db => db.Applications.Single().Id);

        await ActAsync(county, id, Decision("Return", "证明材料不全，请补充设备联网清单后重新申报。"));

        await AllSentAsync(2);
        var mail = Assert.Single(_smtp.To("admin1@example.com"));
        Assert.Equal("【智能工厂自评测】申报已退回", mail.Subject);
        Assert.Contains("退回意见：证明材料不全，请补充设备联网清单后重新申报。", mail.TextBody);
        Assert.Contains("已被区县级主管部门退回", mail.TextBody);
        Assert.Contains("查看详情：https://znzz.example.gov.cn/Assessments/Apply", mail.TextBody);
        Assert.Equal("noreply@znzz.example.gov.cn", ((MailboxAddress)mail.From.Single()).Address);
        var told = Assert.Single(_smtp.To(countyLogin));
        Assert.Equal("【智能工厂自评测】有新的申报待您办理", told.Subject);

        var notices = await enterprise.GetAsync("/Notices");
        var notice = Assert.Single(notices.QuerySelectorAll("[data-testid=notice]"));
        Assert.Equal("true", notice.GetAttribute("data-unread"));
        Assert.Contains("证明材料不全", notice.TextContent);
        Assert.Equal("1", notices.QuerySelector("[data-testid=unread-count] .count")!.TextContent);
    }

    [Fact]
    public async Task ARecognitionMailsTheEnterpriseOnce()
    {
        var enterprise = await EligibleAsync(2, Seed.HuqiuCounty);
        var id = Seed.Application(App, EnterpriseOf("admin2@example.com"), ApplicationState.SiteChecked);
        var province = await Seed.OfficialAsync(App, Role.ProvinceOfficial, ApplicationWorkflow.Province, "江苏省工信厅");

        await ActAsync(province, id, Decision("Recognise", "同意认定。", 2026, "苏工信智能〔2026〕12号"));

        await AllSentAsync(1);
        var mail = Assert.Single(_smtp.Messages());
        Assert.Equal("admin2@example.com", ((MailboxAddress)mail.To.Single()).Address);
        Assert.Equal("【智能工厂自评测】已认定为省先进级智能工厂", mail.Subject);
        Assert.Contains("已被认定为省先进级智能工厂（2026 年度批次", mail.TextBody);
        Assert.Contains("已认定为省先进级智能工厂", Browser.Text(await enterprise.GetAsync("/Notices")));
    }

    [Fact]
    public async Task TheSevenDayReminderIsOneMailWhenComputedTwiceAndByTwoNodesAtOnce()
    {
        var round = Seed.Round(App, closesInDays: 5);
        await EligibleAsync(3, Seed.HuqiuCounty);
        var inFlight = await EligibleAsync(4, Seed.HuqiuCounty);
        Assert.Equal(HttpStatusCode.Redirect, (await Seed.ApplyAsync(inFlight)).StatusCode);
        await Builders.RegisterAsync(App.Browser(), 5, Seed.HuqiuCounty); // no submission: nothing to apply with
        var other = App.WithWebHostBuilder(b => b.UseSetting("Network:NodeName", "b"));

        await RemindAsync(App.Services);
        await RemindAsync(App.Services);
        await Task.WhenAll(RemindAsync(App.Services), RemindAsync(other.Services), RemindAsync(other.Services));

        var key = $"deadline:{round}:close:7:";
        await AllSentAsync(App.Query(db => db.OutgoingMails.Count()));
        Assert.Equal(1, App.Query(db => db.Notices.Count(n => n.Key!.StartsWith(key))));
        Assert.Equal(1, App.Query(db => db.OutgoingMails.Count(m => m.Key.StartsWith(key))));
        var mail = Assert.Single(_smtp.To("admin3@example.com"));
        Assert.Equal($"【智能工厂自评测】申报截止提醒：{BeijingTime.Today(_clock.GetUtcNow().UtcDateTime).Year} 年度第一批", mail.Subject);
        Assert.Contains("还剩 5 天", mail.TextBody);
        Assert.Contains("贵企业符合申报条件但尚未申报", mail.TextBody);
        Assert.DoesNotContain(_smtp.To("admin4@example.com"), m => m.Subject?.Contains("截止") == true);
        Assert.Empty(_smtp.To("admin5@example.com"));
        other.Dispose();
    }

    [Fact]
    public async Task AMailTheServerDidNotTakeStaysInTheOutboxWithItsErrorAndGoesOutWhenTheServerIsBack()
    {
        var enterprise = await EligibleAsync(6, Seed.HuqiuCounty);
        var id = Seed.Application(App, EnterpriseOf("admin6@example.com"));
        var county = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty);
        _smtp.Stop();

        await ActAsync(county, id, Decision("Return", "请补充材料。"));

        await SmtpSink.WaitUntilAsync(() => App.Query(db => db.OutgoingMails.Single().Attempts) >= 1, "a first attempt");
        var failed = App.Query(db => db.OutgoingMails.Single());
        Assert.Null(failed.SentAt);
        Assert.False(string.IsNullOrEmpty(failed.LastError), "the error is kept");
        Assert.Equal("admin6@example.com", failed.To);
        Assert.True(failed.ClaimedUntil > _clock.GetUtcNow().UtcDateTime, "the next attempt waits");
        Assert.Null(failed.ClaimedBy);

        _smtp.Start();
        _clock.Advance(Outbox.Backoff(failed.Attempts) + TimeSpan.FromSeconds(1));

        await AllSentAsync(1);
        var mail = Assert.Single(_smtp.To("admin6@example.com"));
        Assert.Contains("退回意见：请补充材料。", mail.TextBody);
        Assert.Equal(failed.Attempts + 1, App.Query(db => db.OutgoingMails.Single().Attempts));
        Assert.Contains("申报已退回", Browser.Text(await enterprise.GetAsync("/Notices")));
    }

    [Fact]
    public async Task OnTheLastDayTheRoundPageTheTodoAndTheReminderAllSayItIsTheLastDay()
    {
        Seed.Round(App, closesInDays: 0);
        var enterprise = await EligibleAsync(13, Seed.HuqiuCounty);

        await RemindAsync(App.Services);

        Assert.Contains("今天是最后一天", Browser.Text(await enterprise.GetAsync("/Assessments/Apply?handler=Confirm")));
        var todo = (await enterprise.GetAsync("/Notices/Todo")).QuerySelectorAll("[data-testid=todo-item]").Select(i => i.TextContent);
        Assert.Contains(todo, t => t.EndsWith("正在接受申报，今天是最后一天", StringComparison.Ordinal));
        var reminder = App.Query(db => db.Notices.Single(n => n.Key!.StartsWith("deadline:")).Body);
        Assert.Contains("今天是最后一天", reminder);
        Assert.DoesNotContain("还剩", reminder);
    }

    [Fact]
    public async Task TheHeaderCountsWhatWaitsForAnOfficialAndForAnEnterprise()
    {
        Seed.Round(App, closesInDays: 3);
        var enterprise = await EligibleAsync(7, Seed.HuqiuCounty);
        Seed.Application(App, EnterpriseOf("admin7@example.com"), ApplicationState.Returned);
        foreach (var (n, division, state) in new[]
                 {
                     (8, Seed.HuqiuCounty, ApplicationState.AtCounty), (9, Seed.HuqiuCounty, ApplicationState.AtCounty), (10, Seed.XinwuCounty, ApplicationState.AtCounty),
                     (11, Seed.KunshanCounty, ApplicationState.AtProvince), (12, Seed.KunshanCounty, ApplicationState.PreliminaryPassed),
                 })
        {
            var e = Seed.Enterprise(App, n, division);
            Seed.Submission(App, e, Tier.Advanced);
            Seed.Application(App, e, state);
        }
        var county = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty);
        var province = await Seed.OfficialAsync(App, Role.ProvinceOfficial, ApplicationWorkflow.Province);

        var countyPage = await county.GetAsync("/Officials/Applications");
        Assert.Equal("2", countyPage.QuerySelector("[data-testid=todo-count] .count")!.TextContent);
        var countyTodo = await county.GetAsync("/Notices/Todo");
        var line = Assert.Single(countyTodo.QuerySelectorAll("[data-testid=todo-item] a"));
        Assert.Equal("2 项申报待您办理", line.TextContent);
        Assert.Equal("/Officials/Applications?Filter.Holder=mine", line.GetAttribute("href"));

        var provinceTodo = await province.GetAsync("/Notices/Todo");
        Assert.Equal("2", provinceTodo.QuerySelector("[data-testid=todo-count] .count")!.TextContent);
        Assert.Equal(["1 项申报待您办理", "1 项初审通过的申报待指派现场核查专家"],
            provinceTodo.QuerySelectorAll("[data-testid=todo-item]").Select(i => i.TextContent));

        var enterpriseTodo = await enterprise.GetAsync("/Notices/Todo");
        Assert.Equal("2", enterpriseTodo.QuerySelector("[data-testid=todo-count] .count")!.TextContent);
        var items = enterpriseTodo.QuerySelectorAll("[data-testid=todo-item]").Select(i => i.TextContent).ToList();
        Assert.Equal("申报已退回，请按退回意见修改后重新申报", items[0]);
        Assert.Contains("正在接受申报，还剩 3 天", items[1]);

        Seed.Application(App, EnterpriseOf("admin7@example.com"), ApplicationState.AtCounty);
        Assert.Equal("0", (await enterprise.GetAsync("/Assessments")).QuerySelector("[data-testid=todo-count] .count")!.TextContent);
        Assert.Equal("3", (await county.GetAsync("/Officials")).QuerySelector("[data-testid=todo-count] .count")!.TextContent);
    }

    [Fact]
    public async Task NoticesAreListedUnreadFirstMarkedAndReadOneOrAll()
    {
        var enterprise = await EligibleAsync(13, Seed.HuqiuCounty);
        var county = await Seed.OfficialAsync(App, Role.CountyOfficial, Seed.HuqiuCounty);
        foreach (var comment in new[] { "第一次退回。", "第二次退回。" })
        {
            var id = Seed.Application(App, EnterpriseOf("admin13@example.com"));
            await ActAsync(county, id, Decision("Return", comment));
        }
        var page = await enterprise.GetAsync("/Notices");
        Assert.Equal("2", page.QuerySelector("[data-testid=unread]")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("[data-unread=true] [data-testid=unread-mark]").Length);
        Assert.Contains("第二次退回。", page.QuerySelectorAll("[data-testid=notice]")[0].TextContent);

        var first = App.Query(db => db.Notices.OrderBy(n => n.Id).First(n => n.Body.Contains("第一次")).Id);
        var someoneElse = await county.PostAsync("/Notices", $"/Notices?handler=Read&id={first}", []);
        Assert.Equal(HttpStatusCode.NotFound, someoneElse.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.PostAsync("/Notices", $"/Notices?handler=Read&id={first}", [])).StatusCode);
        page = await enterprise.GetAsync("/Notices");
        Assert.Equal("1", page.QuerySelector("[data-testid=unread]")!.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-testid=unread-count] .count")!.TextContent);
        Assert.Equal(["true", "false"], page.QuerySelectorAll("[data-testid=notice]").Select(n => n.GetAttribute("data-unread")));

        Assert.Equal(HttpStatusCode.Redirect, (await enterprise.PostAsync("/Notices", "/Notices?handler=ReadAll", [])).StatusCode);
        page = await enterprise.GetAsync("/Notices");
        Assert.Equal("0", page.QuerySelector("[data-testid=unread]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=unread-mark]"));
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=notice]").Length);
    }

    [Fact]
    public async Task WithoutAMailHostOnlyTheNoticeIsWritten()
    {
        using var app = new AppFactory { Provider = provider };
        var browser = app.Browser();
        var code = await Builders.RegisterAsync(browser, 14, Seed.HuqiuCounty);
        var enterprise = app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        Seed.Submission(app, enterprise, Tier.Advanced);
        var id = Seed.Application(app, enterprise);
        var county = await Seed.OfficialAsync(app, Role.CountyOfficial, Seed.HuqiuCounty);

        await ActAsync(county, id, Decision("Return", "请补充材料。"));

        Assert.Contains("请补充材料。", Browser.Text(await browser.GetAsync("/Notices")));
        Assert.Equal(0, app.Query(db => db.OutgoingMails.Count()));
    }

    private static async Task RemindAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        await Reminders.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
    }

    /// <summary>Waits until the outbox holds <paramref name="count"/> mails, all sent, and the server has received as many.</summary>
    private Task AllSentAsync(int count) => SmtpSink.WaitUntilAsync(
        () => App.Query(db => db.OutgoingMails.Count(m => m.SentAt != null)) == count && App.Query(db => db.OutgoingMails.Count()) == count && _smtp.Messages().Count == count,
        $"{count} mails sent");

    private int EnterpriseOf(string adminLogin) => App.Query(db => db.Users.Single(u => u.Login == adminLogin).EnterpriseId!.Value);

    private async Task<Browser> EligibleAsync(int n, string county)
    {
        var browser = App.Browser();
        var code = await Builders.RegisterAsync(browser, n, county);
        Seed.Submission(App, App.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id), Tier.Advanced);
        return browser;
    }

    private static async Task ActAsync(Browser official, int id, Dictionary<string, string> decision)
    {
        var response = await official.PostAsync($"/Officials/Application/{id}", null, decision);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{decision["Action"]} answered {(int)response.StatusCode}: {Browser.Text(await Browser.ParseAsync(response))}");
    }
}

public sealed class SqliteNoticeTests() : NoticeTests("Sqlite");

public sealed class PostgresNoticeTests() : NoticeTests("Postgres");
