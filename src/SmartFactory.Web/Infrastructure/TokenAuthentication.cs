using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// "Authorization: Bearer sf_…" with a personal access token. The principal is the token owner's, with the same
/// claims as a sign-in, so every policy and scope filter applies to the API exactly as to the pages. A token of a user
/// whose role requires a second factor not yet set up works no more than the password does (decision 046).
/// </summary>
public sealed class TokenAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db, IOptions<SecurityOptions> security, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string TokenIdClaim = "token";
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public const string EnrolmentClosed = "您的账号需要两步验证，但尚未设置，令牌暂不可用。请先登录网站设置两步验证。";

    // Compiled once: every API call runs it.
    private static readonly Compiled<string, AccessToken?> ByHash = new((db, hash) =>
        db.AccessTokens.AsNoTracking().Include(t => t.User).FirstOrDefault(t => t.Hash == hash));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = AccessTokens.Hash(header["Bearer ".Length..].Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var token = await ByHash.RunAsync(db, hash);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("令牌无效、已过期或已撤销。");
        }
        if (security.Value.MustEnrol(token.User!.Role, token.User.TotpSecret is not null))
        {
            return AuthenticateResult.Fail(EnrolmentClosed);
        }
        // "Last used" to the minute is all the tokens page shows; writing it on every call would make each read a write.
        // Conditional, so that of the concurrent calls of one token only one writes it.
        var stale = now - LastUsedPrecision;
        if (token.LastUsedAt is null || token.LastUsedAt < stale)
        {
            using var writer = await db.OneWriterAsync();
            await db.AccessTokens.Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt < stale))
                .ExecuteUpdateAsync(u => u.SetProperty(t => t.LastUsedAt, now));
        }
        var principal = Auth.Principal(token.User!);
        ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new(TokenIdClaim, token.Id.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new(new System.Security.Claims.ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }

    /// <summary>401 as ProblemDetails that says why in Chinese: no token, or one that is invalid, expired or revoked.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        await Features.Api.ApiProblems.Problem(401, result.Failure?.Message ?? "缺少令牌：请在 Authorization 头中提供个人访问令牌（Bearer sf_…），令牌在“API 令牌”页面创建。")
            .ExecuteAsync(Context);
    }
}

public static class AccessTokens
{
    public const string Prefix = "sf_";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    public static string NewToken() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A fresh token: the row to store (prefix and hash only; the caller names its user) and the secret, shown once.</summary>
    public static (AccessToken Row, string Secret) New(string name, DateTime now, DateTime expiresAt)
    {
        var secret = NewToken();
        return (new AccessToken { Name = name, Prefix = secret[..10], Hash = Hash(secret), CreatedAt = now, ExpiresAt = expiresAt }, secret);
    }

    /// <summary>Revokes every live token of the user in one statement; returns how many.</summary>
    public static async Task<int> RevokeAllAsync(AppDbContext db, int userId, DateTime now)
    {
        using var writer = await db.OneWriterAsync();
        return await db.AccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAt, now));
    }
}

/// <summary>Marks the one endpoint a platform client's token may call (decision 039).</summary>
public sealed class PlatformClientEndpoint;

public static class PlatformClientFence
{
    public const string Refusal = "该令牌属于平台对接客户端，只能调用 POST /api/v1/issued-results。";

    /// <summary>
    /// A platform client's token opens one door (decision 039): any request that carries one is answered 403 unless its
    /// endpoint is marked <see cref="PlatformClientEndpoint"/> — every other API route, the public ones included, and every
    /// page. One place, so that no endpoint added later forgets it. Requests without a bearer token pass untouched.
    /// </summary>
    public static void UsePlatformClientFence(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && http.GetEndpoint()?.Metadata.GetMetadata<PlatformClientEndpoint>() is null
            && (await http.AuthenticateAsync(TokenAuthenticationHandler.SchemeName)).Principal?.IsInRole(nameof(Role.PlatformClient)) == true)
        {
            await Features.Api.ApiProblems.Forbidden(Refusal).ExecuteAsync(http);
            return;
        }
        await next(http);
    });
}
