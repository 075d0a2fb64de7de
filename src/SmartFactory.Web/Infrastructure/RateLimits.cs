using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Api;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Rate limits of the API: anonymous grading per client address, authenticated calls per token, each in the minute
/// that begins with its first request.
/// The counters are rows of the database, raised by one upsert, so with any number of nodes the limit is the
/// system's, not each node's (decision 013). The client address is the proxy's unless Network:KnownProxies names it.
/// </summary>
public static class RateLimits
{
    public sealed class Options
    {
        public int GradePerMinute { get; set; } = 60;
        public int TokenPerMinute { get; set; } = 600;

        /// <summary>The public pages (certificate verification, 公示), per client address.</summary>
        public int PublicPagePerMinute { get; set; } = 60;
    }

    public static void AddRateLimits(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<Options>().BindConfiguration("RateLimits");

    /// <summary>Anonymous grading: counted per client address.</summary>
    public static TBuilder LimitedPerAddress<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.Limited(http => $"grade:{Address(http)}", o => o.GradePerMinute);

    /// <summary>Token calls: counted per token (the address where none is known yet).</summary>
    public static TBuilder LimitedPerToken<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.Limited(http => http.User.FindFirst(TokenAuthenticationHandler.TokenIdClaim)?.Value is { } token ? $"token:{token}" : $"token-ip:{Address(http)}", o => o.TokenPerMinute);

    private static TBuilder Limited<TBuilder>(this TBuilder endpoints, Func<HttpContext, string> key, Func<Options, int> limit) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
            var count = await CountAsync(services.GetRequiredService<AppDbContext>(), key(http), now, 60);
            if (count <= limit(services.GetRequiredService<IOptions<Options>>().Value))
            {
                return await next(context);
            }
            http.Response.Headers.RetryAfter = "60";
            return ApiProblems.Problem(StatusCodes.Status429TooManyRequests, "请求过于频繁，请一分钟后再试。");
        });

    /// <summary>The longest window a counter may have: rows older than twice this are cleared.</summary>
    public const long LongestWindowSeconds = 3600;

    /// <summary>
    /// Raises the key's counter in one statement and returns it; a counter whose window (of <paramref name="window"/>
    /// seconds from its first count) has passed starts again at 1 (both databases evaluate every SET against the old row).
    /// A restart also clears counters older than two of the longest windows.
    /// </summary>
    public static async Task<int> CountAsync(AppDbContext db, string key, long now, long window)
    {
        if (db is SqliteDbContext { HotPath: { } hot } sqlite)
        {
            // On the node's writer connection (SqliteHotPath): the counter and its cleanup in one transaction there.
            return await hot.WriteAsync(sqlite, async batch =>
            {
                var raised = (int)await batch.ScalarAsync(Raise, ("$key", key), ("$now", now), ("$expired", now - window));
                if (raised == 1)
                {
                    await batch.ExecuteAsync(Forget, ("$before", now - 2 * LongestWindowSeconds));
                }
                return (true, raised);
            });
        }
        using var writer = await db.OneWriterAsync();
        // On PostgreSQL the counter commits without waiting for the disk: a count lost in a crash of the database server
        // costs at most one more minute of requests, and waiting doubled the fsyncs of every API call (docs/benchmarks.md).
        await using var transaction = db.Database.IsNpgsql() ? await db.Database.BeginTransactionAsync() : null;
        if (transaction is not null)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off");
        }
        var count = (await db.Database.SqlQuery<int>($"""
            INSERT INTO "RateCounters" ("Key", "Start", "Count") VALUES ({key}, {now}, 1)
            ON CONFLICT ("Key") DO UPDATE SET
                "Count" = CASE WHEN "RateCounters"."Start" <= {now - window} THEN 1 ELSE "RateCounters"."Count" + 1 END,
                "Start" = CASE WHEN "RateCounters"."Start" <= {now - window} THEN {now} ELSE "RateCounters"."Start" END
            RETURNING "Count" AS "Value"
            """).ToListAsync())[0];
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }
        if (count == 1)
        {
            // After the commit, on its own: inside the transaction it would wait for rows that concurrent counts hold.
            await db.Database.ExecuteSqlAsync($"""DELETE FROM "RateCounters" WHERE "Start" < {now - 2 * LongestWindowSeconds}""");
        }
        return count;
    }

    private const string Raise = """
        INSERT INTO "RateCounters" ("Key", "Start", "Count") VALUES ($key, $now, 1)
        ON CONFLICT ("Key") DO UPDATE SET
            "Count" = CASE WHEN "RateCounters"."Start" <= $expired THEN 1 ELSE "RateCounters"."Count" + 1 END,
            "Start" = CASE WHEN "RateCounters"."Start" <= $expired THEN $now ELSE "RateCounters"."Start" END
        RETURNING "Count"
        """;

    private const string Forget = """DELETE FROM "RateCounters" WHERE "Start" < $before""";

    /// <summary>Takes one count back (a sign-in that succeeded after all), in one statement; never below zero.</summary>
    public static async Task UncountAsync(AppDbContext db, string key)
    {
        using var writer = await db.OneWriterAsync();
        await db.RateCounters.Where(c => c.Key == key && c.Count > 0).ExecuteUpdateAsync(u => u.SetProperty(c => c.Count, c => c.Count - 1));
    }

    /// <summary>Forgets a key's counter altogether.</summary>
    public static async Task ClearAsync(AppDbContext db, string key)
    {
        using var writer = await db.OneWriterAsync();
        await db.RateCounters.Where(c => c.Key == key).ExecuteDeleteAsync();
    }

    private static string Address(HttpContext http) => Network.ClientAddress(http);
}
