using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Tests;

/// <summary>An enterprise registered through the pages, with its signed-in browser and a token made on /Account/Tokens.</summary>
public sealed record ApiEnterprise(Browser Browser, int Id, string CreditCode, string Token, HttpClient Api);

/// <summary>Helpers of the HTTP API tests: tokens, callers, and reading ProblemDetails.</summary>
public static class ApiBuilders
{
    public const string Unauthenticated = "未认证：请在 Authorization 头中提供有效的个人访问令牌（Bearer sf_…）";
    public const string NotFound = "找不到该资源，或不在您的权限范围内";
    public const string Invalid = "请求无效";
    public const string Conflict = "与当前状态冲突";
    public const string Forbidden = "无权执行该操作";
    public const string TooMany = "请求过于频繁，请稍后再试";
    public const string OnlyEnterpriseSubmits = "只有企业本身可以提交自评估并签署真实性承诺。";

    /// <summary>A client that sends no cookies and, when given, the token as "Authorization: Bearer".</summary>
    public static HttpClient Api(WebApplicationFactory<Program> app, string? token = null)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    /// <summary>Creates a token on /Account/Tokens as the signed-in user, the way a person does, and reads it from the page.</summary>
    public static async Task<string> CreateTokenAsync(Browser browser, string name = "数据同步脚本", int days = 30)
    {
        var response = await browser.PostAsync("/Account/Tokens", "/Account/Tokens?handler=Create",
            new Dictionary<string, string> { ["Name"] = name, ["Days"] = days.ToString() });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Browser.ParseAsync(response);
        var token = page.QuerySelector("[data-testid=new-token]")?.TextContent.Trim();
        Assert.False(string.IsNullOrEmpty(token), "the token page showed no new token");
        return token!;
    }

    /// <summary>Registers enterprise <paramref name="n"/> in <paramref name="county"/> and gives it a token made on the page.</summary>
    public static async Task<ApiEnterprise> EnterpriseAsync(AppFactory app, int n, string county = "320505")
    {
        var browser = app.Browser();
        var code = await Builders.RegisterAsync(browser, n, county);
        var id = app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        var token = await CreateTokenAsync(browser);
        return new ApiEnterprise(browser, id, code, token, Api(app, token));
    }

    /// <summary>
    /// A user written straight into the database (an official with a division, or a service provider), without a
    /// password: only its token is used. Returns the user's id and a token stored as the app stores it.
    /// </summary>
    public static (int UserId, string Token) TokenHolder(WebApplicationFactory<Program> app, Role role, string? division = null, string? organisation = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var user = new User
        {
            Login = $"api-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.cn",
            DisplayName = $"{division ?? organisation ?? "用户"}经办人",
            Role = role,
            DivisionCode = division,
            Organisation = organisation,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTime.UtcNow,
        };
        db.Users.Add(user);
        var token = AccessTokens.NewToken();
        db.AccessTokens.Add(new AccessToken
        {
            User = user, Name = "测试", Prefix = token[..10], Hash = AccessTokens.Hash(token), CreatedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddDays(30),
        });
        db.SaveChanges();
        return (user.Id, token);
    }

    /// <summary>The app with one more setting, e.g. a lower rate limit; disposed with <paramref name="app"/>.</summary>
    public static WebApplicationFactory<Program> With(AppFactory app, string key, string value) => app.WithWebHostBuilder(b => b.UseSetting(key, value));

    public static HttpClient Official(AppFactory app, Role role, string division) => Api(app, TokenHolder(app, role, division).Token);

    public static int Grant(AppFactory app, int enterpriseId, int providerUserId) => app.Query(db =>
    {
        var grant = new ProviderGrant { EnterpriseId = enterpriseId, ProviderUserId = providerUserId, GrantedAt = DateTime.UtcNow, GrantedBy = providerUserId };
        db.ProviderGrants.Add(grant);
        db.SaveChanges();
        return grant.Id;
    });

    /// <summary>Reads a JSON body, asserting the status first (with the body in the message when it differs).</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} instead of {(int)status}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }

    /// <summary>Asserts a ProblemDetails answer with its Chinese title and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "");
        var problem = await JsonAsync(response, status);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        return problem;
    }

    public static string Detail(JsonElement problem) => problem.GetProperty("detail").GetString()!;

    /// <summary>The <c>errors</c> of a ProblemDetails as (place, message) pairs.</summary>
    public static List<(string Place, string Message)> Errors(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("place").GetString()!, e.GetProperty("message").GetString()!)).ToList();

    public static Task<HttpResponseMessage> PutJsonAsync(HttpClient api, string url, object body) => api.PutAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient api, string url, object body) => api.PostAsJsonAsync(url, body);

    public static Task<HttpResponseMessage> SendRawAsync(HttpClient api, HttpMethod method, string url, string body) =>
        api.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });

    /// <summary>The highest tier a scenario defines up to <paramref name="top"/>, as the API takes it ("none" when none).</summary>
    public static string LevelUpTo(Scenario s, Tier top) => Tiers.All.Where(t => t <= top && s.IsDefined(t)).Cast<Tier?>().LastOrDefault()?.Code() ?? "none";

    public static object Basics(decimal dtScore = 75, int cmmm = 2) => new
    {
        dtScore,
        dtDate = "2026-10-01",
        cmmmLevel = cmmm,
        attested = Seed.BasicRequirements.Keys.ToArray(),
    };

    public static object Pledge() => new { signatory = "李四", position = "总经理", pledgeDate = "2026-11-25", agree = true };

    /// <summary>
    /// Fills in the enterprise's whole draft through the API at the highest tier up to 先进级, the DT evidence file
    /// included, and submits it with the pledge.
    /// </summary>
    public static async Task<JsonElement> SubmitAdvancedAsync(AppFactory app, ApiEnterprise enterprise)
    {
        var catalog = Builders.Catalog(app);
        (await enterprise.Api.GetAsync($"/api/v1/enterprises/{enterprise.Id}/draft")).EnsureSuccessStatusCode();
        var evidence = new MultipartFormDataContent { { new ByteArrayContent(Builders.Pdf), "file", "报告.pdf" }, { new StringContent("dt"), "purpose" } };
        await JsonAsync(await enterprise.Api.PostAsync($"/api/v1/enterprises/{enterprise.Id}/draft/files", evidence), HttpStatusCode.Created);
        (await PutJsonAsync(enterprise.Api, $"/api/v1/enterprises/{enterprise.Id}/draft/basics", Basics())).EnsureSuccessStatusCode();
        foreach (var s in catalog.Scenarios)
        {
            var rated = await PutJsonAsync(enterprise.Api, $"/api/v1/enterprises/{enterprise.Id}/draft/ratings/{s.No}", new { level = LevelUpTo(s, Tier.Advanced) });
            await JsonAsync(rated);
        }
        return await JsonAsync(await PostJsonAsync(enterprise.Api, $"/api/v1/enterprises/{enterprise.Id}/draft/submit", Pledge()));
    }

    /// <summary>The repository folder (where examples/ and docs/ are), found upward from the test binaries.</summary>
    public static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "examples")) && File.Exists(Path.Combine(dir.FullName, "examples", "assessment.json")))
            {
                return Path.Combine([dir.FullName, .. parts]);
            }
        }
        throw new InvalidOperationException("examples/assessment.json not found above " + AppContext.BaseDirectory);
    }
}
