using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SmartFactory.Web.Features.Api;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Rate limits of the API: anonymous grading per client address, authenticated calls per token. Counters live in
/// each node's memory (see docs/decisions/008-http-api.md): with several nodes the limit is per node.
/// </summary>
public static class RateLimits
{
    public const string Grade = "grade";
    public const string Token = "token";

    public sealed class Options
    {
        public int GradePerMinute { get; set; } = 60;
        public int TokenPerMinute { get; set; } = 600;
    }

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("RateLimits").Get<Options>() ?? new Options();
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Grade, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.GradePerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(Token, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.TokenPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ApiProblems.Problem(429, "请求过于频繁，请一分钟后再试。").ExecuteAsync(context.HttpContext);
            };
        });
    }
}
