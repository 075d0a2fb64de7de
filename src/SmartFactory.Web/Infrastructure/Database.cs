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
}

public static class Database
{
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration("Database").ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == "Postgres")
        {
            builder.Services.AddDbContext<AppDbContext, PostgresDbContext>(o => UseProvider(o, options));
        }
        else
        {
            builder.Services.AddDbContext<AppDbContext, SqliteDbContext>(o => UseProvider(o, options));
        }
    }

    /// <summary>A context outside the web host, for the administrative commands: the same provider set-up as the app's.</summary>
    public static AppDbContext Create(DatabaseOptions options) => options.Provider == "Postgres"
        ? new PostgresDbContext(UseProvider(new DbContextOptionsBuilder<PostgresDbContext>(), options).Options)
        : new SqliteDbContext(UseProvider(new DbContextOptionsBuilder<SqliteDbContext>(), options).Options);

    private static T UseProvider<T>(T builder, DatabaseOptions options) where T : DbContextOptionsBuilder
    {
        if (options.Provider == "Postgres")
        {
            builder.UseNpgsql(options.ConnectionString);
        }
        else
        {
            builder.UseSqlite(SqliteConnectionString(options.ConnectionString));
        }
        return builder;
    }

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

    public static async Task MigrateAndSeedAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await MigrateAsync(db);
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.SeedDemoData)
        {
            await DemoData.SeedAsync(scope.ServiceProvider);
        }
    }

    /// <summary>Creates the database or brings it to the current migration; on SQLite also turns on WAL.</summary>
    public static async Task MigrateAsync(AppDbContext db)
    {
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one request writes: the enterprise pages autosave often.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
