using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>Official accounts descend from the first administrator: each level creates the ones below; and the province's 规上 targets.</summary>
public sealed class OfficialUsersTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static Dictionary<string, string> NewOfficial(string division, string login, string name = "新官员") =>
        new() { ["Division"] = division, ["DisplayName"] = name, ["Login"] = login };

    [Fact]
    public async Task TheCommandLineAdministratorCreatesACityOfficialWhoAcceptsTheInvitationAndSignsIn()
    {
        _ = _app.Services; // starts the app, which creates and migrates the database file
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] command = ["create-admin", "--login", "Admin@JS.gov.cn", "--name", "省厅管理员", "--password", "Adm1nPass2026", "--connection", $"Data Source={_app.DatabaseFile}"];

        var exit = await AdminCommands.RunAsync(command, output, error);

        Assert.True(exit == AdminCommands.Ok, error.ToString());
        Assert.Contains("已创建省级管理员 省厅管理员（admin@js.gov.cn）", output.ToString());
        var province = await Seed.SignInAsync(_app, "admin@js.gov.cn", "Adm1nPass2026");
        Assert.Equal("/Officials", (await province.Client.GetAsync("/")).Headers.Location?.OriginalString);
        Assert.Contains("企业名单 江苏省", Browser.Text(await province.GetAsync("/Officials")));

        var created = await province.PostAsync("/Officials/Users", null, NewOfficial("320500", "Wang@Suzhou.gov.cn", "苏州市王科长"));

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await Browser.ParseAsync(created);
        var link = page.QuerySelector("code.invitation")!.TextContent;
        Assert.Contains("wang@suzhou.gov.cn 苏州市 已邀请，待设置密码", string.Join("\n", page.QuerySelectorAll("tbody tr").Select(tr => string.Join(" ", tr.Children.Select(td => td.TextContent)))));
        var user = _app.Query(db => db.Users.Single(u => u.Login == "wang@suzhou.gov.cn"));
        Assert.Equal((Role.CityOfficial, "320500", null), (user.Role, user.DivisionCode, user.PasswordHash));

        var invited = _app.Browser();
        Assert.Contains("苏州市王科长，您好", Browser.Text(await invited.GetAsync(new Uri(link).PathAndQuery)));
        var accepted = await invited.PostAsync(new Uri(link).PathAndQuery, null, new Dictionary<string, string> { ["Password"] = "C1tyPass2026", ["Confirm"] = "C1tyPass2026" });

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var landing = await invited.Client.GetAsync(accepted.Headers.Location);
        if (landing.StatusCode == HttpStatusCode.Redirect)
        {
            landing = await invited.Client.GetAsync(landing.Headers.Location);
        }
        Assert.Equal(HttpStatusCode.OK, landing.StatusCode);
        Assert.Contains("企业名单 苏州市", Browser.Text(await Browser.ParseAsync(landing)));
        var city = await Seed.SignInAsync(_app, "wang@suzhou.gov.cn", "C1tyPass2026");
        Assert.Contains("企业名单 苏州市", Browser.Text(await city.GetAsync("/Officials")));
        Assert.Contains("wang@suzhou.gov.cn 苏州市 已启用", string.Join("\n", (await province.GetAsync("/Officials/Users")).QuerySelectorAll("tbody tr").Select(tr => string.Join(" ", tr.Children.Select(td => td.TextContent)))));
        Assert.Contains("邀请链接无效、已使用或已过期", Browser.Text(await _app.Browser().GetAsync(new Uri(link).PathAndQuery)));

        using var again = new StringWriter();
        Assert.Equal(AdminCommands.Invalid, await AdminCommands.RunAsync(command, TextWriter.Null, again));
        Assert.Contains("登录账号 admin@js.gov.cn 已存在", again.ToString());
    }

    [Fact]
    public async Task TheProvinceCreatesAnyOfficialAndACityOnlyTheCountiesOfItsOwnCity()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync("/Officials/Users", null, NewOfficial("320500", "city@suzhou.gov.cn"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await province.PostAsync("/Officials/Users", null, NewOfficial(Seed.KunshanCounty, "county@kunshan.gov.cn"))).StatusCode);
        Assert.Equal((Role.CityOfficial, "320500"), _app.Query(db => db.Users.Where(u => u.Login == "city@suzhou.gov.cn").Select(u => new { u.Role, u.DivisionCode }).AsEnumerable().Select(u => (u.Role, u.DivisionCode!)).Single()));
        Assert.Equal((Role.CountyOfficial, Seed.KunshanCounty), _app.Query(db => db.Users.Where(u => u.Login == "county@kunshan.gov.cn").Select(u => new { u.Role, u.DivisionCode }).AsEnumerable().Select(u => (u.Role, u.DivisionCode!)).Single()));

        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        var options = (await city.GetAsync("/Officials/Users")).QuerySelectorAll("select[name=Division] option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.Contains(Seed.HuqiuCounty, options);
        Assert.Contains(Seed.KunshanCounty, options);
        Assert.All(options, o => Assert.StartsWith("3205", o));
        Assert.DoesNotContain(Seed.Suzhou, options);

        var own = await city.PostAsync("/Officials/Users", null, NewOfficial(Seed.HuqiuCounty, "huqiu@suzhou.gov.cn"));
        Assert.NotNull((await Browser.ParseAsync(own)).QuerySelector("code.invitation"));
        Assert.Equal(Role.CountyOfficial, _app.Query(db => db.Users.Single(u => u.Login == "huqiu@suzhou.gov.cn").Role));
        foreach (var division in new[] { Seed.XinwuCounty, Seed.Wuxi, Seed.Suzhou, "320000" })
        {
            var refused = await city.PostAsync("/Officials/Users", null, NewOfficial(division, $"x{division}@gov.cn"));
            var page = await Browser.ParseAsync(refused);
            Assert.Contains("您不能为该地区创建官员账号。", page.QuerySelector("[data-valmsg-for=Division]")!.TextContent);
            Assert.Null(page.QuerySelector("code.invitation"));
        }
        var taken = await city.PostAsync("/Officials/Users", null, NewOfficial(Seed.HuqiuCounty, "HUQIU@suzhou.gov.cn"));
        Assert.Contains(SmartFactory.Web.Features.Account.Logins.Unavailable, Browser.Text(await Browser.ParseAsync(taken)));
        Assert.Equal(0, _app.Query(db => db.Users.Count(u => u.Login.StartsWith("x"))));

        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var countyPage = await county.GetAsync("/Officials/Users");
        Assert.Null(countyPage.QuerySelector("select[name=Division]"));
        Assert.Contains("区县不能再创建下级账号", Browser.Text(countyPage));
        var byCounty = await Seed.PostAsync(county, "/Officials/Users", NewOfficial(Seed.HuqiuCounty, "deputy@huqiu.gov.cn"));
        Assert.Null((await Browser.ParseAsync(byCounty)).QuerySelector("code.invitation"));
        Assert.False(_app.Query(db => db.Users.Any(u => u.Login == "deputy@huqiu.gov.cn")));
    }

    [Fact]
    public async Task OnlyTheProvinceSetsTargetsAndTheCitysGoalUsesItsTarget()
    {
        Seed.Submission(_app, Seed.Enterprise(_app, 1, Seed.HuqiuCounty), Tier.Basic);
        Seed.Submission(_app, Seed.Enterprise(_app, 2, Seed.KunshanCounty), Tier.Workshop);
        Seed.Enterprise(_app, 3, Seed.KunshanCounty, aboveScale: false);
        var county = await Seed.OfficialAsync(_app, Role.CountyOfficial, Seed.HuqiuCounty);
        var city = await Seed.OfficialAsync(_app, Role.CityOfficial, Seed.Suzhou);
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        await Seed.AssertDeniedAsync(county, "/Officials/Targets");
        await Seed.AssertDeniedAsync(city, "/Officials/Targets");
        var sneaked = await Seed.PostAsync(city, "/Officials/Targets", new Dictionary<string, string> { ["counts[320500]"] = "1" });
        Assert.NotEqual(HttpStatusCode.OK, sneaked.StatusCode);
        Assert.Equal(0, _app.Query(db => db.DivisionTargets.Count()));
        Assert.Null((await city.GetAsync("/Officials")).QuerySelector("a[href='/Officials/Targets']"));
        var before = await city.GetAsync("/Officials/Dashboard");
        Assert.StartsWith("1 / 2（50.0", before.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        Assert.Contains("尚未配置本地区规上企业总数", Browser.Text(before));

        var bad = await province.PostAsync("/Officials/Targets", null, new Dictionary<string, string> { ["counts[320500]"] = "-5" });
        Assert.Contains("苏州市：规上企业数应为 0–1000000 的整数。", Browser.Text(await Browser.ParseAsync(bad)));
        Assert.Equal(0, _app.Query(db => db.DivisionTargets.Count()));
        var saved = await province.PostAsync("/Officials/Targets", null, new Dictionary<string, string> { ["counts[320500]"] = "200" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("200", (await province.GetAsync("/Officials/Targets")).QuerySelector("input[name='counts[320500]']")!.GetAttribute("value"));
        var after = await city.GetAsync("/Officials/Dashboard");
        Assert.StartsWith("1 / 200（0.5", after.QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        Assert.Contains("本地区配置的规上企业数", Browser.Text(after));
        Assert.StartsWith("1 / 1（100.0", (await county.GetAsync("/Officials/Dashboard")).QuerySelector("[data-testid=goal]")!.TextContent.Trim());
        Assert.StartsWith("1 / 2（", (await province.GetAsync("/Officials/Dashboard")).QuerySelector("[data-testid=goal]")!.TextContent.Trim());
    }
}
