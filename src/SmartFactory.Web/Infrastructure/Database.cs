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
            builder.Services.AddDbContext<AppDbContext, PostgresDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }
        else
        {
            builder.Services.AddDbContext<AppDbContext, SqliteDbContext>(o => o.UseSqlite(SqliteConnectionString(options.ConnectionString)));
        }
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
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one request writes: the enterprise pages autosave often.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        var options = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.SeedDemoData)
        {
            await DemoData.SeedAsync(scope.ServiceProvider);
        }
    }
}
