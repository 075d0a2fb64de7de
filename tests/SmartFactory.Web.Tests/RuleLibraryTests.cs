using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>
/// A system administrator loads, reviews, publishes and withdraws rule-set versions (issue 11, decision 019), and the
/// enterprises' drafts follow the version in force for their round while submissions keep theirs.
/// </summary>
public sealed class RuleLibraryTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    public static string BundledRuleSet => File.ReadAllText(Path.Combine(SmartFactory.DataFiles.DataFolder.Beside, "rulesets", "JS-2026.json"));

    /// <summary>The bundled rule set as version <paramref name="version"/>, with 先进级 needing <paramref name="advancedScenarios"/> scenarios.</summary>
    public static string Variant(string version, int advancedScenarios = 10, Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(BundledRuleSet)!.AsObject();
        json["version"] = version;
        json["tiers"]![2]!["minScenarios"] = new JsonObject { ["value"] = advancedScenarios, ["provenance"] = "notice" };
        change?.Invoke(json);
        return json.ToJsonString();
    }

    public static async Task<Browser> SystemAdminAsync(AppFactory app)
    {
        var login = $"sysadmin-{Guid.NewGuid():N}"[..20] + "@js.gov.cn";
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = new User { Login = login, DisplayName = "规则管理员", Role = Role.SystemAdmin, SecurityStamp = Auth.NewStamp(), CreatedAt = DateTime.UtcNow };
            user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, Builders.Password);
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        return await Seed.SignInAsync(app, login);
    }

    private static Task<HttpResponseMessage> UploadAsync(Browser admin, string name, string json) =>
        admin.PostFileAsync("/Admin", "/Admin", [], name, Encoding.UTF8.GetBytes(json));

    private static string Year => BeijingTime.Of(DateTime.UtcNow).Year.ToString();

    [Fact]
    public async Task ALoadedVersionIsADraftWhoseDiffNamesEveryChangedNumberWithItsProvenance()
    {
        var admin = await SystemAdminAsync(_app);

        var loaded = await UploadAsync(admin, "js-2026.2.json", Variant("2026.2", advancedScenarios: 12));

        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);
        var page = await admin.GetAsync(loaded.Headers.Location!.OriginalString);
        Assert.Equal("草稿", page.QuerySelector("[data-testid=state]")!.TextContent.Trim());
        var actions = page.QuerySelectorAll("main form").Select(f => f.GetAttribute("action") ?? "").ToList();
        Assert.Equal(3, actions.Count); // simulate, publish, discard: each posts back to this version
        Assert.All(actions, a => Assert.Contains("key=JS-2026@2026.2&", a));
        var diff = page.QuerySelectorAll("[data-testid=diff] tbody tr").Select(r => r.TextContent).ToList();
        var row = Assert.Single(diff);
        Assert.Contains("先进级", row);
        Assert.Contains("10", row);
        Assert.Contains("12", row);
        Assert.Contains("占位值", row);
        Assert.Contains("公开通知", row);
        var audit = Browser.Text(await admin.GetAsync("/Admin"));
        Assert.Contains("library.loaded", audit);
        Assert.Contains("规则管理员", audit);
    }

    [Fact]
    public async Task TheWorkbookOfTheVersionInForceFilledInLoadsAsANewVersion()
    {
        var admin = await SystemAdminAsync(_app);
        var template = await admin.Client.GetByteArrayAsync("/Admin?handler=Workbook");
        var filled = RuleSetWorkbookTests.FillIn(template, "2026.2", edit: rows => RuleSetWorkbookTests.Set(rows, "tiers.advanced.minScenarios", 12, "公开通知"));

        var loaded = await admin.PostFileAsync("/Admin", "/Admin", [], "规则数值.xlsx", filled);
        var unfilled = await admin.PostFileAsync("/Admin", "/Admin", [], "规则数值.xlsx", template);

        Assert.Equal(HttpStatusCode.Redirect, loaded.StatusCode);
        var row = Assert.Single((await admin.GetAsync(loaded.Headers.Location!.OriginalString)).QuerySelectorAll("[data-testid=diff] tbody tr")).TextContent;
        Assert.Contains("12", row);
        Assert.Contains("新版本号", (await Browser.ParseAsync(unfilled)).QuerySelector(".problems")!.TextContent);
        Assert.Equal(1, _app.Query(db => db.Library.Count()));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "{ not json", "JSON" },
        { "[1, 2]", "无法识别" },
        { Variant("2026.1"), "已存在" },
        { Variant("2026.3", change: j => j["catalogEdition"] = "JS-2099"), "JS-2099" },
        { Variant("2026.4", change: j => j["tiers"]![1]!["requiredStages"] = new JsonObject { ["value"] = new JsonArray("不存在的环节"), ["provenance"] = "notice" }), "不存在的环节" },
        { Variant("2026.5", change: j => j["tiers"]![3]!["minScenarios"] = new JsonObject { ["value"] = 400, ["provenance"] = "notice" }), "卓越级" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AnInvalidFileIsRefusedWithItsPlaceInChineseAndNothingIsStored(string json, string expected)
    {
        var admin = await SystemAdminAsync(_app);

        var response = await UploadAsync(admin, "upload.json", json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var problems = (await Browser.ParseAsync(response)).QuerySelector(".problems")!.TextContent;
        Assert.Contains(expected, problems);
        Assert.Equal(0, _app.Query(db => db.Library.Count()));
        Assert.Single(_app.Services.GetRequiredService<EditionLibrary>().Entries);
    }

    [Fact]
    public async Task PublishingMovesOpenDraftsOfTheRoundShowsTheirEnterpriseTheChangeAndLeavesSubmissionsOnTheirVersion()
    {
        var admin = await SystemAdminAsync(_app);
        var user = _app.Browser();
        await Builders.RegisterAsync(user, 1);
        var catalog = Builders.Catalog(_app);
        await Builders.CompleteAtAdvancedAsync(user, catalog);
        var submitted = Seed.Submission(_app, Seed.Enterprise(_app, 2, Seed.HuqiuCounty), Tier.Advanced);
        Assert.Equal("先进级", LevelOf(await user.GetAsync("/Assessments")));
        await UploadAsync(admin, "v2.json", Variant("2026.2", advancedScenarios: 34));

        var published = await admin.PostAsync("/Admin/RuleSet?key=JS-2026%402026.2", "/Admin/RuleSet?key=JS-2026%402026.2&handler=Publish", [new("appliesFrom", Year)]);

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var draft = await user.GetAsync("/Assessments");
        var notice = draft.QuerySelector("[data-testid=ruleset-notice]")!.TextContent;
        Assert.Contains("2026.2", notice);
        Assert.Contains("基础级", draft.QuerySelector("[data-testid=level-now]")!.TextContent);
        Assert.Contains("先进级", notice);
        Assert.Equal("2026.1", _app.Query(db => db.Assessments.Single(a => a.Id == submitted).RuleSetVersion));
        await user.PostAsync("/Assessments", "/Assessments?handler=Acknowledge", []);
        Assert.Null((await user.GetAsync("/Assessments")).QuerySelector("[data-testid=ruleset-notice]"));
        Assert.Contains("library.published", Browser.Text(await admin.GetAsync("/Admin")));
    }

    private static string LevelOf(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("[data-preview=referenceLevel]")!.TextContent.Trim();

    [Fact]
    public async Task AVersionIsWithdrawnOnlyBeforeASubmissionUsedItAndDraftsReturnToTheVersionBefore()
    {
        var admin = await SystemAdminAsync(_app);
        await UploadAsync(admin, "v2.json", Variant("2026.2", advancedScenarios: 11));
        await UploadAsync(admin, "v3.json", Variant("2026.3", advancedScenarios: 12));
        const string v2 = "/Admin/RuleSet?key=JS-2026%402026.2", v3 = "/Admin/RuleSet?key=JS-2026%402026.3";
        await admin.PostAsync(v2, v2 + "&handler=Publish", [new("appliesFrom", Year)]);
        await admin.PostAsync(v3, v3 + "&handler=Publish", [new("appliesFrom", Year)]);
        Assert.Equal("2026.3", _app.Services.GetRequiredService<EditionLibrary>().InForce(int.Parse(Year))!.Version);
        Seed.Submission(_app, Seed.Enterprise(_app, 1, Seed.HuqiuCounty), Tier.Basic);

        var refused = await admin.PostAsync(v3, v3 + "&handler=Withdraw", []);
        var withdrawn = await admin.PostAsync(v2, v2 + "&handler=Withdraw", []);

        Assert.Contains("已有 1 份提交", (await Browser.ParseAsync(refused)).QuerySelector(".problems")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var library = _app.Services.GetRequiredService<EditionLibrary>();
        Assert.Equal(Publication.Withdrawn, library.Entry("JS-2026", "2026.2")!.State);
        Assert.Equal("2026.3", library.InForce(int.Parse(Year))!.Version);
    }

    [Fact]
    public async Task PublishingForAPastRoundOrTwiceIsRefused()
    {
        var admin = await SystemAdminAsync(_app);
        await UploadAsync(admin, "v2.json", Variant("2026.2"));
        const string v2 = "/Admin/RuleSet?key=JS-2026%402026.2";

        var past = await admin.PostAsync(v2, v2 + "&handler=Publish", [new("appliesFrom", (int.Parse(Year) - 1).ToString())]);
        await admin.PostAsync(v2, v2 + "&handler=Publish", [new("appliesFrom", Year)]);
        var twice = await admin.PostAsync(v2, v2 + "&handler=Withdraw", []);

        Assert.Contains("适用年度应为", (await Browser.ParseAsync(past)).QuerySelector(".problems")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        var again = await admin.PostAsync("/Admin", "/Admin/RuleSet?key=JS-2026%402026.2&handler=Publish", [new("appliesFrom", Year)]);
        Assert.Contains("不是待发布的草稿", (await Browser.ParseAsync(again)).QuerySelector(".problems")!.TextContent);
    }

    [Fact]
    public async Task OnlyASystemAdministratorSeesTheLibrary()
    {
        var province = await Seed.OfficialAsync(_app, Role.ProvinceOfficial, "320000");

        await Seed.AssertDeniedAsync(province, "/Admin");
        await Seed.AssertDeniedAsync(province, "/Admin/RuleSet?key=JS-2026%402026.1");
    }

    [Fact]
    public async Task TheLibraryApiLoadsDiffsSimulatesPublishesAndWithdrawsForASystemAdministratorTokenOnly()
    {
        var api = ApiBuilders.Api(_app, ApiBuilders.TokenHolder(_app, Role.SystemAdmin).Token);
        var official = ApiBuilders.Official(_app, Role.ProvinceOfficial, "320000");
        Seed.Submission(_app, Seed.Enterprise(_app, 1, Seed.HuqiuCounty), Tier.Advanced);
        var json = new StringContent(Variant("2026.2", advancedScenarios: 34), Encoding.UTF8, "application/json");

        var denied = await official.PostAsync("/api/v1/library", new StringContent(Variant("2026.2"), Encoding.UTF8, "application/json"));
        var loaded = await api.PostAsync("/api/v1/library", json);
        var again = await api.PostAsync("/api/v1/library", new StringContent(Variant("2026.2"), Encoding.UTF8, "application/json"));
        Assert.True(loaded.StatusCode == HttpStatusCode.Created, await loaded.Content.ReadAsStringAsync());
        var diff = JsonNode.Parse(await api.GetStringAsync("/api/v1/library/JS-2026%402026.2/diff"))!.AsArray();
        var simulation = await api.PostAsJsonAsync("/api/v1/library/JS-2026%402026.2/simulations", new { division = (string?)null });
        var location = simulation.Headers.Location!.OriginalString;
        JsonNode? run = null;
        for (var i = 0; i < 300 && run?["state"]?.GetValue<string>() is null or "running"; i++)
        {
            await Task.Delay(100);
            run = JsonNode.Parse(await api.GetStringAsync(location));
        }
        var published = await api.PostAsJsonAsync("/api/v1/library/JS-2026%402026.2/publish", new { appliesFrom = int.Parse(Year) });
        var withdrawn = await api.PostAsync("/api/v1/library/JS-2026%402026.2/withdraw", null);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Created, loaded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("已存在", await again.Content.ReadAsStringAsync());
        Assert.Equal("tiers.advanced.minScenarios", Assert.Single(diff)!["path"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, simulation.StatusCode);
        Assert.Equal("done", run!["state"]!.GetValue<string>());
        Assert.Equal(1, run["result"]!["total"]!["down"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", JsonNode.Parse(await withdrawn.Content.ReadAsStringAsync())!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVersionPublishedOnOneNodeGradesOnAnotherWithinSeconds()
    {
        using var other = ApiBuilders.With(_app, "Network:NodeName", "b"); // a second host on the same database: its own library in memory
        var before = await other.CreateClient().GetStringAsync("/api/v1/rulesets");
        var api = ApiBuilders.Api(_app, ApiBuilders.TokenHolder(_app, Role.SystemAdmin).Token);
        await api.PostAsync("/api/v1/library", new StringContent(Variant("2026.2", advancedScenarios: 34), Encoding.UTF8, "application/json"));
        await api.PostAsJsonAsync("/api/v1/library/JS-2026%402026.2/publish", new { appliesFrom = int.Parse(Year) });

        string? seen = null;
        for (var i = 0; i < 50 && seen?.Contains("2026.2") != true; i++)
        {
            await Task.Delay(100);
            seen = await other.CreateClient().GetStringAsync("/api/v1/rulesets");
        }

        Assert.DoesNotContain("2026.2", before);
        Assert.Contains("2026.2", seen);
        var graded = await other.CreateClient().PostAsJsonAsync("/api/v1/grade", new { dtScore = 75, cmmmLevel = 2 });
        Assert.Equal("2026.2", JsonNode.Parse(await graded.Content.ReadAsStringAsync())!["ruleSetVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task ThePublicGradeEndpointGradesWithAPublishedVersionAndADraftOnlyForAnAdministratorToken()
    {
        var admin = await SystemAdminAsync(_app);
        await UploadAsync(admin, "v2.json", Variant("2026.2", advancedScenarios: 34));
        var body = new JsonObject { ["ruleSet"] = "JS-2026@2026.2", ["dtScore"] = 75, ["cmmmLevel"] = 2, ["basicRequirementsMet"] = true };

        var anonymous = await _app.CreateClient().PostAsJsonAsync("/api/v1/grade", body);
        var unknown = await _app.CreateClient().PostAsJsonAsync("/api/v1/grade", new JsonObject { ["ruleSet"] = "JS-2026@9.9", ["dtScore"] = 75, ["cmmmLevel"] = 2 });
        var client = ApiBuilders.Api(_app, ApiBuilders.TokenHolder(_app, Role.SystemAdmin).Token);
        var withToken = await client.PostAsJsonAsync("/api/v1/grade", body);

        Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
        Assert.Contains("尚未发布", await anonymous.Content.ReadAsStringAsync());
        Assert.Contains("未知的规则集版本", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("2026.2", JsonNode.Parse(await withToken.Content.ReadAsStringAsync())!["ruleSetVersion"]!.GetValue<string>());
    }
}
