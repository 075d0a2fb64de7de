using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>Personal access tokens: made on the page, stored only as a hash, refused when revoked, expired, forged or absent.</summary>
public sealed class ApiTokenTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private const string BadToken = "令牌无效、已过期或已撤销。";
    private const string NoToken = "缺少令牌：请在 Authorization 头中提供个人访问令牌（Bearer sf_…），令牌在“API 令牌”页面创建。";

    private static async Task AssertUnauthenticatedAsync(HttpResponseMessage response, string detail = BadToken)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized, Unauthenticated);
        Assert.Equal(detail, Detail(problem));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    /// <summary>Every value of every row of the AccessTokens table, read with plain SQL.</summary>
    private string AccessTokensTable()
    {
        using var connection = new SqliteConnection($"Data Source={_app.DatabaseFile}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM AccessTokens";
        using var reader = command.ExecuteReader();
        var all = new StringBuilder();
        while (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                all.Append(reader.GetValue(i)).Append('|');
            }
        }
        return all.ToString();
    }

    [Fact]
    public async Task AUserMakesATokenOnThePageThatIsStoredOnlyAsItsHashAndOpensTheApi()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        var enterpriseId = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);

        var token = await CreateTokenAsync(browser, "ERP 对接", 30);

        Assert.StartsWith("sf_", token);
        Assert.True(token.Length >= 40, token);
        var stored = _app.Query(db => db.AccessTokens.Single());
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))), stored.Hash);
        Assert.Equal(64, stored.Hash.Length);
        Assert.Equal("ERP 对接", stored.Name);
        Assert.Equal(token[..10], stored.Prefix);
        Assert.InRange((stored.ExpiresAt - stored.CreatedAt).TotalDays, 29.99, 30.01);
        Assert.Null(stored.LastUsedAt);
        var table = AccessTokensTable();
        Assert.Contains(stored.Hash, table);
        Assert.DoesNotContain(token, table, StringComparison.Ordinal);
        Assert.DoesNotContain(token[10..], table, StringComparison.Ordinal);
        var list = await browser.GetAsync("/Account/Tokens");
        Assert.Null(list.QuerySelector("[data-testid=new-token]"));
        Assert.DoesNotContain(token, list.Body!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("ERP 对接", Browser.Text(list));

        var me = await JsonAsync(await Api(_app, token).GetAsync("/api/v1/me"));

        var userId = _app.Query(db => db.Users.Single(u => u.EnterpriseId == enterpriseId).Id);
        Assert.Equal(userId, me.GetProperty("id").GetInt32());
        Assert.Equal("admin1@example.com", me.GetProperty("login").GetString());
        Assert.Equal("EnterpriseAdmin", me.GetProperty("role").GetString());
        Assert.Equal(enterpriseId, me.GetProperty("enterpriseId").GetInt32());
        Assert.NotNull(_app.Query(db => db.AccessTokens.Single().LastUsedAt));
    }

    [Fact]
    public async Task RefusesATokenOfMoreThanAYear()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);

        var response = await browser.PostAsync("/Account/Tokens", "/Account/Tokens?handler=Create", new Dictionary<string, string> { ["Name"] = "太久", ["Days"] = "400" });

        var page = await Browser.ParseAsync(response);
        Assert.Null(page.QuerySelector("[data-testid=new-token]"));
        Assert.Contains("有效天数应为 1–365。", Browser.Text(page));
        Assert.Equal(0, _app.Query(db => db.AccessTokens.Count()));
    }

    [Fact]
    public async Task ARevokedTokenIsRefusedWhileAnotherOfTheSameUserStillWorks()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var revoked = await CreateTokenAsync(browser, "旧脚本");
        var kept = await CreateTokenAsync(browser, "新脚本");
        var id = _app.Query(db => db.AccessTokens.Single(t => t.Name == "旧脚本").Id);
        Assert.Equal(HttpStatusCode.OK, (await Api(_app, revoked).GetAsync("/api/v1/me")).StatusCode);

        var response = await browser.PostAsync("/Account/Tokens", $"/Account/Tokens?handler=Revoke&id={id}", []);

        Assert.Equal("/Account/Tokens", response.Headers.Location?.OriginalString);
        Assert.NotNull(_app.Query(db => db.AccessTokens.Single(t => t.Id == id).RevokedAt));
        Assert.Contains("已撤销", Browser.Text(await browser.GetAsync("/Account/Tokens")));
        await AssertUnauthenticatedAsync(await Api(_app, revoked).GetAsync("/api/v1/me"));
        await AssertUnauthenticatedAsync(await Api(_app, revoked).GetAsync("/api/v1/enterprises"));
        Assert.Equal(HttpStatusCode.OK, (await Api(_app, kept).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task AUserCannotRevokeSomeoneElsesToken()
    {
        var owner = _app.Browser();
        await Builders.RegisterAsync(owner, 1);
        var token = await CreateTokenAsync(owner);
        var other = _app.Browser();
        await Builders.RegisterAsync(other, 2);
        var id = _app.Query(db => db.AccessTokens.Single().Id);

        var response = await other.PostAsync("/Account/Tokens", $"/Account/Tokens?handler=Revoke&id={id}", []);

        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(_app.Query(db => db.AccessTokens.Single().RevokedAt));
        Assert.Equal(HttpStatusCode.OK, (await Api(_app, token).GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var browser = _app.Browser();
        await Builders.RegisterAsync(browser, 1);
        var token = await CreateTokenAsync(browser);
        _app.Query(db =>
        {
            db.AccessTokens.Single().ExpiresAt = DateTime.UtcNow.AddMinutes(-1);
            return db.SaveChanges();
        });

        await AssertUnauthenticatedAsync(await Api(_app, token).GetAsync("/api/v1/me"));
    }

    [Theory]
    [InlineData("Bearer sf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", BadToken)]
    [InlineData("Bearer not-a-token", BadToken)]
    [InlineData("Bearer", NoToken)]
    [InlineData("Basic YWRtaW4xQGV4YW1wbGUuY29tOlBhc3N3MHJkMjAyNg==", NoToken)]
    [InlineData(null, NoToken)]
    public async Task AForgedOrMissingTokenIsRefused(string? authorization, string detail)
    {
        TokenHolder(_app, Role.ProvinceOfficial, "320000");
        var api = Api(_app);
        if (authorization is not null)
        {
            api.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        await AssertUnauthenticatedAsync(await api.GetAsync("/api/v1/me"), detail);
        await AssertUnauthenticatedAsync(await api.GetAsync("/api/v1/enterprises"), detail);
    }

    [Fact]
    public async Task ASignedInBrowsersCookieIsNotAcceptedByTheApi()
    {
        var browser = _app.Browser();
        var code = await Builders.RegisterAsync(browser, 1);
        var id = _app.Query(db => db.Enterprises.Single(e => e.CreditCode == code).Id);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/Assessments")).StatusCode);

        await AssertUnauthenticatedAsync(await browser.Client.GetAsync("/api/v1/me"), NoToken);
        await AssertUnauthenticatedAsync(await browser.Client.GetAsync($"/api/v1/enterprises/{id}/draft"), NoToken);
        var put = await browser.Client.PutAsync($"/api/v1/enterprises/{id}/draft/ratings/8", new StringContent("""{ "level": "basic" }""", Encoding.UTF8, "application/json"));
        await AssertUnauthenticatedAsync(put, NoToken);
        Assert.Equal(0, _app.Query(db => db.Ratings.Count()));
    }

    [Fact]
    public async Task TheFourthCallOfATokenInAMinuteIsRefusedButOtherTokensGoOn()
    {
        var limited = With(_app, "RateLimits:TokenPerMinute", "3");
        var busy = Api(limited, TokenHolder(limited, Role.ProvinceOfficial, "320000").Token);
        var quiet = Api(limited, TokenHolder(limited, Role.ProvinceOfficial, "320000").Token);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/me")).StatusCode);
        }

        var refused = await busy.GetAsync("/api/v1/enterprises");

        var problem = await ProblemAsync(refused, HttpStatusCode.TooManyRequests, TooMany);
        Assert.Equal("请求过于频繁，请一分钟后再试。", Detail(problem));
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/me")).StatusCode);
    }
}
