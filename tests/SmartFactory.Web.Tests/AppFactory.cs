using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using SmartFactory.Domain.Catalogs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The real app over its own database — a SQLite file, or with <see cref="Provider"/> "Postgres" a fresh database on the
/// local PostgreSQL server (scripts/postgres.sh) — and evidence folder, all deleted afterwards; one per test class instance.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "sf-web-" + Guid.NewGuid().ToString("N"));

    public bool SeedDemoData { get; init; }

    /// <summary>The app's clock in place of the system's, for tests whose expectations depend on "today".</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Catalogs and rule sets in place of the bundled ones, for tests of what comes from the data files.</summary>
    public EditionLibrary? Editions { get; init; }

    /// <summary>Settings over the ones every test gets, e.g. a smaller upload limit.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>The host environment: "Testing" unless a test is about what differs in Production.</summary>
    public string Environment { get; init; } = "Testing";

    /// <summary>Services in place of the app's, e.g. a hasher that counts its calls.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string Provider { get; init; } = "Sqlite";

    private string PostgresDatabase => "sf_test_" + Path.GetFileName(_folder)[7..];

    public const string PostgresServer = "Host=127.0.0.1;Username=smartfactory;Password=smartfactory";

    /// <summary>Everything the app logged, for tests that check an operator is told.</summary>
    public LogRecorder Logs { get; } = new();

    public string EvidenceFolder => Path.Combine(_folder, "evidence");

    public string DatabaseFile => Path.Combine(_folder, "app.db");

    /// <summary>The app's database, for commands run against it; naming it starts nothing.</summary>
    public string ConnectionString => Provider == "Postgres" ? $"{PostgresServer};Database={PostgresDatabase}" : $"Data Source={DatabaseFile}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        _started = true;
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("Database:SeedDemoData", SeedDemoData ? "true" : "false");
        builder.UseSetting("Evidence:Root", EvidenceFolder);
        builder.UseSetting("Evidence:MaxBytes", "65536");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        // The test server has no TCP peer; the app sees every request come from 127.0.0.1, as from a local proxy or client.
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, LoopbackPeer>());
        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
        if (Editions is { } editions)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(editions));
        }
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Reads the database directly, as an official or an auditor would see it.</summary>
    public T Query<T>(Func<AppDbContext, T> query)
    {
        using var scope = Services.CreateScope();
        return query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private bool _started;
    private bool _disposed;

    /// <summary>
    /// Whether to check, when the test is done, that the officials' rollups equal a recomputation from the base tables:
    /// every test's scenario is then also a test of the rollups' maintenance (decision 015).
    /// </summary>
    public bool VerifyRollups { get; init; } = true;

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        var differences = _started && VerifyRollups ? RollupDifferences() : [];
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Provider == "Postgres")
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            using var admin = new Npgsql.NpgsqlConnection($"{PostgresServer};Database=postgres");
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresDatabase}\" WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        if (differences.Count > 0)
        {
            throw new InvalidOperationException($"The rollups differ from a recomputation after this test ({differences.Count}):\n{string.Join("\n", differences.Take(20))}");
        }
    }

    /// <summary>The rollup rows that differ from a recomputation; none when the app never came up or its schema is not current.</summary>
    private List<string> RollupDifferences()
    {
        IServiceScope scope;
        try
        {
            scope = Services.CreateScope();
        }
        catch (Exception)
        {
            return []; // the test was about an app that refuses to start
        }
        using (scope)
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (!db.Database.CanConnect() || db.Database.GetPendingMigrations().Any())
            {
                return [];
            }
            return Rollups.VerifyAsync(db).GetAwaiter().GetResult();
        }
    }
}

/// <summary>Gives each request the connection address a real server would: the test server leaves it empty.</summary>
public sealed class LoopbackPeer : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress ??= System.Net.IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>A clock that stands still until a test moves it on.</summary>
public sealed class MovableClock(DateTime utc) : TimeProvider
{
    private DateTime _now = utc;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => new(_now, TimeSpan.Zero);
}

/// <summary>A clock that stays at one instant.</summary>
public sealed class FixedClock(DateTime utc) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(utc, TimeSpan.Zero);
}
