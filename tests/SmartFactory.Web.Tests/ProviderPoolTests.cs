using System.Net;
using SmartFactory.Domain;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The 服务商资源池 (issue 14 part 6, decision 032): a provider's profile, the providers matching each item of an
/// enterprise's upgrade plan (its city first), the grant from there, and the banner of a provider acting for an enterprise.
/// </summary>
public sealed class ProviderPoolTests : IDisposable
{
    private const string Suzhou = "320500", Wuxi = "320200", Nanjing = "320100";
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static string Field(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelector($"[data-valmsg-for='{name}']")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task AProfileIsRefusedBesideEachWrongFieldInChineseAndNothingIsSaved()
    {
        var (provider, _) = await PoolBuilders.ProviderAsync(_app, "江苏智造咨询有限公司", "advisor@example.com");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Introduction", "  "), new("Contact", new string('电', 61)),
            new("Offers[1]", ""), new("Offers[999]", "advanced"), new("Offers[2]", "legendary"),
            new("Cities", "999999"),
            new("Cases[0].Title", "只有标题"),
            new("Cases[1].Title", new string('长', 41)), new("Cases[1].EnterpriseType", "化工 · 大型"), new("Cases[1].Text", "一\n二\n三\n四\n五\n六"),
        };

        var refused = await provider.PostAsync("/Providers/Profile", null, fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Browser.ParseAsync(refused);
        Assert.Equal("请填写机构简介。", Field(page, "Introduction"));
        Assert.Equal("联系方式最多 60 个字（现为 61 个）。", Field(page, "Contact"));
        Assert.Equal("请选择可提供的最高等级。", Field(page, "Offers[2]"));
        Assert.Equal("请从列表中选择服务的设区市。", Field(page, "Cities"));
        Assert.Equal("请填写企业类型（如：汽车零部件 · 中型）。", Field(page, "Cases[0].EnterpriseType"));
        Assert.Equal("请用几行文字说明做了什么、效果如何。", Field(page, "Cases[0].Text"));
        Assert.Equal("案例标题最多 40 个字（现为 41 个）。", Field(page, "Cases[1].Title"));
        Assert.Equal("案例说明最多 5 行。", Field(page, "Cases[1].Text"));
        Assert.Equal("只有标题", page.QuerySelector("#case-0-title")?.GetAttribute("value")); // what was typed stays on the page
        Assert.Equal(0, _app.Query(db => db.ProviderProfiles.Count()));

        var nothing = await provider.PostAsync("/Providers/Profile", null, [new("Introduction", "简介")]);
        var empty = await Browser.ParseAsync(nothing);
        Assert.Equal("请至少选择一个可提供服务的场景及最高等级。", Field(empty, "Offers"));
        Assert.DoesNotContain("提交的内容无法识别", Browser.Text(empty)); // a form without offers is not read as offers named after its fields
        Assert.Equal("请至少选择一个服务的设区市。", Field(empty, "Cities"));
        Assert.Equal(0, _app.Query(db => db.ProviderProfiles.Count()));

        await PoolBuilders.SaveProfileAsync(provider, [(8, Tier.Advanced)], Suzhou, Wuxi);
        var saved = await provider.GetAsync("/Providers/Profile");
        Assert.Contains("已保存", Browser.Text(await provider.GetAsync("/Providers/Profile?saved=true")));
        Assert.Equal("advanced", saved.QuerySelector("#offer-8 option[selected]")?.GetAttribute("value"));
        Assert.NotNull(saved.QuerySelector($"input[name=Cities][value='{Wuxi}'][checked]"));
        Assert.Null(saved.QuerySelector($"input[name=Cities][value='{Nanjing}'][checked]"));
        Assert.Equal("设备联网与数据采集", saved.QuerySelector("#case-0-title")?.GetAttribute("value"));

        // Saving again replaces the whole profile: the offer dropped is gone, not kept beside the new one.
        await PoolBuilders.SaveProfileAsync(provider, [(9, Tier.Basic)], Nanjing);
        Assert.Equal([(9, 2)], _app.Query(db => db.ProviderOffers.Select(o => new { o.ScenarioNo, o.MaxTier }).ToList()).Select(o => (o.ScenarioNo, o.MaxTier)));
        Assert.Equal(Nanjing, _app.Query(db => db.ProviderProfiles.Single().Cities));
    }

    [Fact]
    public async Task APlanItemShowsTheProvidersDeliveringItsScenarioAtOrAboveItsTargetTheEnterprisesCityFirst()
    {
        var admin = _app.Browser();
        var code = await Builders.RegisterAsync(admin, 1); // 虎丘区, 苏州
        var enterpriseId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        var submission = Seed.Submission(_app, enterpriseId, Tier.Basic);
        var item = PoolBuilders.Plan(_app, submission).Upgrades[0];
        Assert.True(Tiers.TryParse(item.To, out var target));
        var other = Builders.Catalog(_app).Scenarios.First(s => s.No != item.No).No;
        // Registered in this order, so that the city, not the order of registration, puts 苏州 first.
        var (far, _) = await PoolBuilders.ProviderAsync(_app, "无锡远方科技有限公司", "far@example.com");
        await PoolBuilders.SaveProfileAsync(far, [(item.No, Tier.Leading)], Wuxi);
        var (local, _) = await PoolBuilders.ProviderAsync(_app, "苏州本地科技有限公司", "local@example.com");
        await PoolBuilders.SaveProfileAsync(local, [(item.No, target)], Suzhou);
        var (low, _) = await PoolBuilders.ProviderAsync(_app, "苏州低配科技有限公司", "low@example.com");
        await PoolBuilders.SaveProfileAsync(low, [(item.No, target - 1)], Suzhou);
        var (elsewhere, _) = await PoolBuilders.ProviderAsync(_app, "苏州别处科技有限公司", "elsewhere@example.com");
        await PoolBuilders.SaveProfileAsync(elsewhere, [(other, Tier.Leading)], Suzhou);

        var result = await admin.GetAsync($"/Assessments/Result/{submission}");

        var shown = result.QuerySelectorAll($"[data-testid=pool-item-{item.No}] a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["苏州本地科技有限公司", "无锡远方科技有限公司"], shown);
        Assert.Contains("服务本市", result.QuerySelector($"[data-testid=pool-item-{item.No}] li")!.TextContent);
        Assert.Contains("无锡市", result.QuerySelectorAll($"[data-testid=pool-item-{item.No}] li")[1].TextContent);

        // The pool is the enterprise's: a provider acting for it sees the same result without it, and no provider page.
        var farId = _app.Query(db => db.Users.Single(u => u.Login == "far@example.com").Id);
        ApiBuilders.Grant(_app, enterpriseId, farId);
        await Seed.PostAsync(far, $"/Providers?handler=Act&enterpriseId={enterpriseId}", []);
        var acting = await far.GetAsync($"/Assessments/Result/{submission}");
        Assert.Null(acting.QuerySelector("[data-testid=pool-suggestions]"));
        await Seed.AssertDeniedAsync(far, $"/Pool/{farId}");
    }

    [Fact]
    public async Task TheAdministratorGrantsFromThePoolTheSameGrantAsByLoginAndAColleagueCannot()
    {
        var admin = _app.Browser();
        var code = await Builders.RegisterAsync(admin, 1);
        var enterprise = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code));
        var adminId = _app.Query(db => db.Users.Single(u => u.Login == "admin1@example.com").Id);
        var (provider, providerId) = await PoolBuilders.ProviderAsync(_app, "江苏智造咨询有限公司", "advisor@example.com");
        await PoolBuilders.SaveProfileAsync(provider, [(8, Tier.Advanced)], Suzhou);
        var colleague = await PoolBuilders.ColleagueAsync(_app, enterprise.Id, "colleague@example.com");

        var seen = await colleague.GetAsync($"/Pool/{providerId}");
        Assert.Contains("请联系本企业管理员授权", Browser.Text(seen));
        Assert.Null(seen.QuerySelector("[data-testid=pool-grant]"));
        Assert.DoesNotContain("advisor@example.com", Browser.Text(seen)); // the login is not public
        var byColleague = await colleague.PostAsync($"/Pool/{providerId}", $"/Team/Providers?handler=FromPool&providerId={providerId}", []);
        Assert.Equal("/Error?code=403", byColleague.Headers.Location?.OriginalString);
        var noToken = await admin.Client.PostAsync($"/Team/Providers?handler=FromPool&providerId={providerId}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, _app.Query(db => db.ProviderGrants.Count()));

        var page = await admin.GetAsync($"/Pool/{providerId}");
        Assert.Contains("江苏智造咨询有限公司", Browser.Text(page));
        var action = page.QuerySelector("form:has([data-testid=pool-grant])")!.GetAttribute("action")!;
        var granted = await admin.PostAsync($"/Pool/{providerId}", action, []);
        var again = await admin.PostAsync($"/Pool/{providerId}", action, []);

        Assert.Equal($"/Pool/{providerId}", granted.Headers.Location?.OriginalString);
        Assert.Equal($"/Pool/{providerId}", again.Headers.Location?.OriginalString);
        var grant = _app.Query(db => db.ProviderGrants.Single());
        Assert.Equal((enterprise.Id, providerId, adminId, null), (grant.EnterpriseId, grant.ProviderUserId, grant.GrantedBy, grant.RevokedAt));
        Assert.Equal(["advisor@example.com"], _app.Query(db => db.AuditEvents.Where(e => e.Action == "provider.granted").Select(e => e.Detail).ToList()));
        Assert.NotNull((await admin.GetAsync($"/Pool/{providerId}")).QuerySelector("[data-testid=pool-granted]"));
        Assert.Contains("江苏智造咨询有限公司", Browser.Text(await admin.GetAsync("/Team/Providers")));

        // The grant is the ordinary one: the provider acts, sees whose data it is on every page, and steps back.
        Assert.Contains(enterprise.Name, Browser.Text(await provider.GetAsync("/Providers")));
        await Seed.PostAsync(provider, $"/Providers?handler=Act&enterpriseId={enterprise.Id}", []);
        foreach (var url in new[] { "/Assessments", "/Assessments/Stage/4", "/Notices" })
        {
            Assert.Equal($"正在代 {enterprise.Name} 填报", (await provider.GetAsync(url)).QuerySelector("[data-testid=acting-banner] span")?.TextContent.Trim());
        }
        var back = await Seed.PostAsync(provider, "/Providers?handler=Act", []);
        Assert.Equal("/Providers", back.Headers.Location?.OriginalString);
        Assert.Null((await provider.GetAsync("/Providers")).QuerySelector("[data-testid=acting-banner]"));
        await Seed.AssertDeniedAsync(provider, "/Assessments");

        var unknown = await admin.PostAsync($"/Pool/{providerId}", $"/Team/Providers?handler=FromPool&providerId={adminId}", []);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, _app.Query(db => db.ProviderGrants.Count()));
    }
}
