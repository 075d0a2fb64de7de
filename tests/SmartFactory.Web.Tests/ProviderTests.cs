using System.Net;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>A service provider fills in a draft for the enterprises that grant it, and for no other, until the grant is revoked.</summary>
public sealed class ProviderTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static Dictionary<string, string> Registration(string login) => new()
    {
        ["Organisation"] = "江苏智造咨询有限公司",
        ["DisplayName"] = "顾问小王",
        ["Login"] = login,
        ["Password"] = Builders.Password,
    };

    [Fact]
    public async Task AGrantedProviderFillsInTheDraftButCannotSubmitOrApplyAndStopsWhenRevoked()
    {
        var provider = _app.Browser();
        var registered = await provider.PostAsync("/Account/RegisterProvider", null, Registration("Advisor@Example.com"));
        Assert.Equal("/Providers", registered.Headers.Location?.OriginalString);
        Assert.Contains("还没有企业授权您代为填报", Browser.Text(await provider.GetAsync("/Providers")));
        var providerId = _app.Query(db => db.Users.Single(u => u.Login == "advisor@example.com").Id);
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        var enterpriseId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        var enterpriseName = _app.Query(db => db.Enterprises.Single(e => e.Id == enterpriseId).Name);
        await Builders.RateAsync(enterprise, Builders.Catalog(_app), 8, "basic");

        var granted = await enterprise.PostAsync("/Team/Providers", "/Team/Providers?handler=Grant", new Dictionary<string, string> { ["Login"] = "ADVISOR@example.com" });

        Assert.Equal("/Team/Providers", granted.Headers.Location?.OriginalString);
        var grants = Browser.Text(await enterprise.GetAsync("/Team/Providers"));
        Assert.Contains("江苏智造咨询有限公司", grants);
        Assert.Contains("顾问小王", grants);
        var list = await provider.GetAsync("/Providers");
        Assert.Contains(enterpriseName, Browser.Text(list));
        Assert.Contains(code, Browser.Text(list));
        await Seed.AssertDeniedAsync(provider, "/Assessments");

        var acting = await Seed.PostAsync(provider, $"/Providers?handler=Act&enterpriseId={enterpriseId}", []);

        Assert.Equal("/Assessments", acting.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await provider.Client.GetAsync("/Assessments")).StatusCode);
        var stage = await provider.GetAsync("/Assessments/Stage/4");
        Assert.NotNull(stage.QuerySelector("#s8-basic[checked]"));
        var rated = await Builders.RateAsync(provider, Builders.Catalog(_app), 9, "advanced", evidence: "服务商代填：已建成设备联网平台。");
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        var rating = _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == 9));
        var draft = _app.Query(db => db.Assessments.Single());
        Assert.Equal(draft.Id, rating.AssessmentId);
        Assert.Equal(enterpriseId, draft.EnterpriseId);
        Assert.Equal(providerId, rating.UpdatedBy);
        Assert.Equal(3, rating.Level);
        Assert.NotNull((await enterprise.GetAsync("/Assessments/Stage/4")).QuerySelector("#s9-advanced[checked]"));

        await Seed.AssertDeniedAsync(provider, "/Assessments/Submit");
        await Seed.AssertDeniedAsync(provider, "/Assessments/Apply");
        await Seed.AssertDeniedAsync(provider, "/Team/Providers");
        var submit = await provider.PostAsync("/Assessments", "/Assessments/Submit", Builders.Pledge());
        Assert.NotEqual(HttpStatusCode.OK, submit.StatusCode);
        Assert.Equal(AssessmentStatus.Draft, _app.Query(db => db.Assessments.Single().Status));

        var grantId = _app.Query(db => db.ProviderGrants.Single().Id);
        var revoked = await enterprise.PostAsync("/Team/Providers", $"/Team/Providers?handler=Revoke&id={grantId}", []);
        Assert.Equal("/Team/Providers", revoked.Headers.Location?.OriginalString);
        Assert.Contains("尚未授权任何服务商", Browser.Text(await enterprise.GetAsync("/Team/Providers")));

        await Seed.AssertDeniedAsync(provider, "/Assessments");
        var late = await Seed.PostAsync(provider, "/Assessments/Stage/4?handler=Rate", new Dictionary<string, string> { ["no"] = "9", ["level"] = "leading", ["evidence"] = "撤销后再填" }, json: true);
        Assert.NotEqual(HttpStatusCode.OK, late.StatusCode);
        var after = _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == 9));
        Assert.Equal(3, after.Level);
        Assert.Equal("服务商代填：已建成设备联网平台。", after.Evidence);
        Assert.Equal(2, _app.Query(db => db.Ratings.Count()));
        Assert.DoesNotContain(enterpriseName, Browser.Text(await provider.GetAsync("/Providers")));
        Assert.Equal(HttpStatusCode.NotFound, (await Seed.PostAsync(provider, $"/Providers?handler=Act&enterpriseId={enterpriseId}", [])).StatusCode);
    }

    [Fact]
    public async Task AnAutosaveAfterTheGrantIsRevokedIsToldItHasNoPermissionWhileAPagePostIsSentToTheErrorPage()
    {
        var provider = _app.Browser();
        await provider.PostAsync("/Account/RegisterProvider", null, Registration("advisor@example.com"));
        var enterprise = _app.Browser();
        var code = await Builders.RegisterAsync(enterprise, 1);
        var enterpriseId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        await enterprise.PostAsync("/Team/Providers", "/Team/Providers?handler=Grant", new Dictionary<string, string> { ["Login"] = "advisor@example.com" });
        await Seed.PostAsync(provider, $"/Providers?handler=Act&enterpriseId={enterpriseId}", []);
        var grantId = _app.Query(db => db.ProviderGrants.Single().Id);
        await enterprise.PostAsync("/Team/Providers", $"/Team/Providers?handler=Revoke&id={grantId}", []);
        var rating = new Dictionary<string, string> { ["no"] = "9", ["level"] = "basic" };

        var autosave = await Seed.PostAsync(provider, "/Assessments/Stage/4?handler=Rate", rating, json: true);
        var pagePost = await Seed.PostAsync(provider, "/Assessments/Stage/4?handler=Rate", rating);

        Assert.Equal(HttpStatusCode.Forbidden, autosave.StatusCode);
        var body = System.Text.Json.JsonDocument.Parse(await autosave.Content.ReadAsStringAsync()).RootElement;
        Assert.False(body.GetProperty("saved").GetBoolean());
        Assert.Equal("您没有权限执行该操作。", body.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Redirect, pagePost.StatusCode);
        Assert.Equal("/Error?code=403", pagePost.Headers.Location?.OriginalString);
        Assert.Equal(0, _app.Query(db => db.Ratings.Count()));
    }

    [Fact]
    public async Task AProviderNeverSeesOrActsForAnEnterpriseThatDidNotGrantIt()
    {
        var provider = _app.Browser();
        await provider.PostAsync("/Account/RegisterProvider", null, Registration("advisor@example.com"));
        var granting = _app.Browser();
        var grantingCode = await Builders.RegisterAsync(granting, 1);
        await granting.PostAsync("/Team/Providers", "/Team/Providers?handler=Grant", new Dictionary<string, string> { ["Login"] = "advisor@example.com" });
        var other = _app.Browser();
        var otherCode = await Builders.RegisterAsync(other, 2);
        await Builders.RateAsync(other, Builders.Catalog(_app), 8, "basic");
        var otherId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == otherCode).Id);

        var list = Browser.Text(await provider.GetAsync("/Providers"));
        Assert.Contains(grantingCode, list);
        Assert.DoesNotContain(otherCode, list);
        Assert.DoesNotContain(_app.Query(db => db.Enterprises.Single(e => e.Id == otherId).Name), list);

        var act = await Seed.PostAsync(provider, $"/Providers?handler=Act&enterpriseId={otherId}", []);

        Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
        await Seed.AssertDeniedAsync(provider, "/Assessments");
        var rate = await Seed.PostAsync(provider, "/Assessments/Stage/4?handler=Rate", new Dictionary<string, string> { ["no"] = "8", ["level"] = "leading" }, json: true);
        Assert.NotEqual(HttpStatusCode.OK, rate.StatusCode);
        Assert.Equal(2, _app.Query(db => db.Ratings.Single(r => r.ScenarioNo == 8).Level));

        var notAProvider = await granting.PostAsync("/Team/Providers", "/Team/Providers?handler=Grant", new Dictionary<string, string> { ["Login"] = "admin2@example.com" });
        Assert.Contains("没有找到该服务商账号", Browser.Text(await Browser.ParseAsync(notAProvider)));
        Assert.Equal(1, _app.Query(db => db.ProviderGrants.Count()));
    }
}
