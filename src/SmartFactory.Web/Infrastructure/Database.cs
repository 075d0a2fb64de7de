using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

public sealed class DatabaseOptions
{
    /// <summary>"Sqlite" (default, an embedded file) or "Postgres".</summary>
    [Required, RegularExpression("Sqlite|Postgres")]
    public string Provider { get; set; } = "Sqlite";

    [Required]
    public string ConnectionString { get; set; } = "Data Source=app_data/smartfactory.db";

    /// <summary>Load demo enterprises, users and submissions on start when the database has none.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>
    /// Migrate at start (the one-command single node). A province deployment turns it off and runs <c>migrate</c> once
    /// per release; a node then refuses to serve a database whose schema is older than its code.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;
}

public static class Database
{
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        builder.AddAudit();
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        // Pooled contexts, and options built once: the autosave is the busiest request, and creating a context with its
        // options (and, on SQLite, resolving the file's folder) each time was measurable per save (docs/benchmarks.md).
        if (options.Provider == "Postgres")
        {
            builder.Services.AddDbContextPool<AppDbContext, PostgresDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString).AddInterceptors(sp.GetRequiredService<AuditStamp>()));
        }
        else
        {
            var connection = SqliteConnectionString(options.ConnectionString);
            builder.Services.AddDbContextPool<AppDbContext, SqliteDbContext>((sp, o) => o.UseSqlite(connection).AddInterceptors(SqliteDurability.Instance, sp.GetRequiredService<AuditStamp>()));
            builder.Services.AddSingleton(_ => new SqliteHotPath(connection)); // made by the container, so disposed with the app
        }
    }

    /// <summary>
    /// On SQLite, the statements of one request share one opened connection. EF Core otherwise opens and closes it
    /// around every statement, and each opening registers EF Core's SQL functions on it again: an autosave runs five
    /// statements, and the openings were a tenth of its CPU (docs/benchmarks.md, "Saving a rating"). Endpoints marked
    /// <see cref="OwnConnection"/> (the health checks, which must answer when the database does not) are left alone.
    /// </summary>
    public static void UseOneConnectionPerRequest(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<OwnConnection>() is not null
            || http.RequestServices.GetRequiredService<AppDbContext>() is not SqliteDbContext db)
        {
            await next(http);
            return;
        }
        await db.Database.OpenConnectionAsync(http.RequestAborted);
        try
        {
            await next(http);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    /// <summary>Marks an endpoint that opens the database itself, or not at all (see <see cref="UseOneConnectionPerRequest"/>).</summary>
    public sealed class OwnConnection;

    /// <summary>Makes the SQLite file's folder exist, so a fresh clone starts with no set-up.</summary>
    public static string SqliteConnectionString(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(csb.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        csb.DefaultTimeout = 30;
        return csb.ToString();
    }

    /// <summary>
    /// Before serving: migrate (or, with MigrateOnStart off, refuse an older schema) and seed the demo data when asked.
    /// Safe when several nodes start at once: EF Core takes a database lock around migrations, and seeding holds one too.
    /// </summary>
    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.MigrateOnStart)
        {
            await MigrateAsync(scope.ServiceProvider);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
        {
            var message = $"The database schema is older than this program: {pending.Count} migration(s) pending ({string.Join(", ", pending)}). Run `SmartFactory.Web migrate` first; this node does not serve.";
            app.Logger.LogCritical("{Message}", message);
            throw new InvalidOperationException(message);
        }
        if (options.SeedDemoData)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (await SeedOnceAsync(scope.ServiceProvider, db) is { } report)
            {
                app.Logger.LogInformation("Loaded the demo data in {Seconds:F1} s (generate and grade {Generate:F1} s, write {Write:F1} s): {Submitted} latest submissions, {Earlier} earlier, {Drafts} drafts, {Applications} applications",
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, report.Generate.TotalSeconds, report.Write.TotalSeconds, report.Submitted, report.Earlier, report.Drafts, report.Applications);
            }
        }
    }

    /// <summary>Creates the database or brings it to the current migration, then imports evidence the first wave kept on disk.</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one request writes: the enterprise pages autosave often.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await services.GetRequiredService<EvidenceStore>().ImportFromDiskAsync(db);
        // Enterprises from before the name's sort key: computed here, since only .NET knows the zh-CN key.
        while (await db.Enterprises.Where(e => e.NameKey == "").OrderBy(e => e.Id).Take(1000).ToListAsync() is { Count: > 0 } unkeyed)
        {
            foreach (var e in unkeyed)
            {
                e.Name = e.Name;
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        await Features.Assessments.Drafts.FillGradingInputsAsync(db);
        if (!await db.Rollups.AnyAsync() && await db.Enterprises.AnyAsync())
        {
            // A database from before the rollups (or filled by a bulk load): computed once from its base tables.
            await Rollups.RebuildAsync(db);
        }
    }

    /// <summary>Whether the database answers and its schema is the one this program was built for: what /readyz reports.</summary>
    public static async Task<string?> NotReadyAsync(AppDbContext db, CancellationToken ct)
    {
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            return pending == 0 ? null : $"schema behind by {pending} migration(s)";
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return "database unreachable";
        }
    }

    /// <summary>The demo data, once: on PostgreSQL a transaction-scoped advisory lock makes a second node wait and then find it seeded.</summary>
    private static async Task<ProvinceData.ProvinceReport?> SeedOnceAsync(IServiceProvider services, AppDbContext db)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(20261201)");
        }
        var seeded = await DemoData.SeedAsync(services);
        await transaction.CommitAsync();
        return seeded;
    }
}
