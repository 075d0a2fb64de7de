using System.Net;
using Microsoft.EntityFrameworkCore;

namespace SmartFactory.Web.Tests;

public sealed class AccountTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RegistersAnEnterpriseAndSignsItsAdministratorIn()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);

        var page = await browser.GetAsync("/Assessments");
        Assert.Contains("年度自评估", Browser.Text(page));
        var enterprise = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code));
        Assert.Equal("320500", enterprise.CityCode);
        Assert.True(enterprise.IsAboveScale);
    }

    [Theory]
    [InlineData("913205050000000001", "校验位不正确")]
    [InlineData("91320505MA1000010", "应为 18 位")]
    [InlineData("91320505MA10000I0X", "不是统一社会信用代码允许的字符")]
    [InlineData("914403001922038216", "江苏省")]
    public async Task RefusesABadCreditCodeAndCreatesNothing(string code, string message)
    {
        var browser = _app.Browser();
        var response = await browser.PostAsync("/Account/Register", null, Builders.Registration(code, "someone@example.com"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Input.CreditCode']")!.TextContent);
        Assert.Equal(0, _app.Query(db => db.Enterprises.Count()));
        Assert.Equal(0, _app.Query(db => db.Users.Count()));
    }

    [Fact]
    public async Task RefusesASecondRegistrationOfTheSameCreditCode()
    {
        var code = await Builders.RegisterAsync(_app.Browser(), 1);

        var response = await _app.Browser().PostAsync("/Account/Register", null, Builders.Registration(code, "other@example.com"));

        var page = await Browser.ParseAsync(response);
        Assert.Contains("已注册", page.QuerySelector("[data-valmsg-for='Input.CreditCode']")!.TextContent);
        Assert.Equal(1, _app.Query(db => db.Enterprises.Count()));
    }

    [Fact]
    public async Task LogsInLogsOutAndChangesPasswordEndingOtherSessions()
    {
        await Builders.RegisterAsync(_app.Browser(), 1);
        var first = _app.Browser();
        var second = _app.Browser();
        foreach (var b in new[] { first, second })
        {
            var login = await b.PostAsync("/Account/Login", null, new Dictionary<string, string> { ["Login"] = "ADMIN1@example.com ", ["Password"] = Builders.Password });
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var change = await first.PostAsync("/Account/Password", null, new Dictionary<string, string> { ["Current"] = Builders.Password, ["New"] = "NewPassw0rd", ["Confirm"] = "NewPassw0rd" });

        Assert.Contains("密码已修改", Browser.Text(await Browser.ParseAsync(change)));
        Assert.Equal(HttpStatusCode.OK, (await first.Client.GetAsync("/Assessments")).StatusCode);
        var stale = await second.Client.GetAsync("/Assessments");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/Account/Login", stale.Headers.Location!.PathAndQuery);

        await first.PostAsync("/Assessments", "/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, (await first.Client.GetAsync("/Assessments")).StatusCode);
    }

    [Fact]
    public async Task AnAdministratorInvitesAColleagueWhoSharesTheDraft()
    {
        var admin = _app.Browser();
        await Builders.RegisterAsync(admin, 1);
        await Builders.RateAsync(admin, Builders.Catalog(_app), 8, "basic");

        var invited = await admin.PostAsync("/Team/Users", null, new Dictionary<string, string> { ["DisplayName"] = "王五", ["Login"] = "wangwu@example.com" });
        var link = (await Browser.ParseAsync(invited)).QuerySelector("code.invitation")!.TextContent;
        var colleague = _app.Browser();
        var accepted = await colleague.PostAsync(new Uri(link).PathAndQuery, null, new Dictionary<string, string> { ["Password"] = "Colleag0e1", ["Confirm"] = "Colleag0e1" });

        Assert.Equal("/Assessments", accepted.Headers.Location?.OriginalString);
        var stage = await colleague.GetAsync("/Assessments/Stage/4");
        Assert.NotNull(stage.QuerySelector("#s8-basic[checked]"));
        Assert.Equal(HttpStatusCode.Redirect, (await colleague.Client.GetAsync("/Team/Users")).StatusCode);
        Assert.Equal(1, _app.Query(db => db.Assessments.Count()));
        Assert.True(_app.Query(db => db.Users.Single(u => u.Login == "wangwu@example.com").InvitationTokenHash is null));
    }

    [Fact]
    public async Task ShowsRegistrationErrorsInChinese()
    {
        var response = await _app.Browser().PostAsync("/Account/Register", null, new Dictionary<string, string> { ["Input.Size"] = "abc" });

        var text = Browser.Text(await Browser.ParseAsync(response));
        Assert.Contains("请填写统一社会信用代码", text);
        Assert.Contains("不是有效的企业规模", text);
        Assert.DoesNotContain("The value", text);
        Assert.Equal(0, await _app.Query(db => db.Users.CountAsync()));
    }
}
