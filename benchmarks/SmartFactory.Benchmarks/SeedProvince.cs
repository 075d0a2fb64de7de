using System.Data.Common;
using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Web.Data;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Benchmarks;

/// <summary>
/// <c>--seed-province N</c>: an empty database filled by the app's own <see cref="ProvinceSeeder"/> (the generator of the
/// demo data, decision 018) for the web load tests (docs/benchmarks.md), plus three officials with a known password and
/// a system administrator with a known API token (the rule library's API, e.g. the policy simulation benchmark).
/// Memory stays flat at any N: the seeder writes every 2,000 enterprises and forgets them.
/// </summary>
public static class SeedProvince
{
    public const string Password = "Load2026";

    /// <summary>
    /// The system administrator's API token: fixed, so that a script can call the library API of any seeded database
    /// without reading it back. Only for benchmark databases, which are thrown away.
    /// </summary>
    public const string AdminToken = "sf_load2026-benchmark-system-administrator";

    /// <summary>The officials to log in as: province, 苏州市, 苏州市虎丘区.</summary>
    public static readonly (string Login, string Name, Role Role, string Division)[] Officials =
    [
        ("province@load.test", "省厅（压测）", Role.ProvinceOfficial, "320000"),
        ("suzhou@load.test", "苏州市工信局（压测）", Role.CityOfficial, "320500"),
        ("huqiu@load.test", "虎丘区工信局（压测）", Role.CountyOfficial, "320505"),
    ];

    public static int Run(int count, string provider, string connectionString, int seed, TextWriter output)
    {
        var total = Stopwatch.StartNew();
        using var db = Create(provider, connectionString);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Database.Migrate();
        output.WriteLine($"Migrated {provider} in {total.Elapsed.TotalSeconds:F1} s");
        if (db.Enterprises.Any())
        {
            output.WriteLine("The database already has enterprises; seed an empty one.");
            return 1;
        }
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        db.Database.OpenConnection();
        var connection = db.Database.GetDbConnection();
        if (db.Database.IsSqlite())
        {
            // What the app sets on start (WAL); for this connection only, NORMAL (WAL's usual durability) makes the
            // bulk commits cheap and a 256 MB page cache keeps the indexes' random inserts (evidence hashes) in memory.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=NORMAL;");
            Execute(connection, "PRAGMA cache_size=-262144;");
        }

        // One PBKDF2 hash per official; the enterprise administrators share one hash of the same password.
        var hasher = new PasswordHasher<User>();
        var officials = Officials.Select(o => new User
        {
            Login = o.Login, DisplayName = o.Name, Role = o.Role, DivisionCode = o.Division, SecurityStamp = Auth.NewStamp(), CreatedAt = now.AddDays(-1200),
        }).ToList();
        officials.ForEach(o => o.PasswordHash = hasher.HashPassword(o, Password));
        db.Users.AddRange(officials);
        db.AccessTokens.Add(new AccessToken
        {
            User = new User { Login = "admin@load.test", DisplayName = "系统管理员（压测）", Role = Role.SystemAdmin, SecurityStamp = Auth.NewStamp(), CreatedAt = now.AddDays(-1200) },
            Name = "压测", Prefix = AdminToken[..10], Hash = AccessTokens.Hash(AdminToken), CreatedAt = now, ExpiresAt = DateTime.UtcNow.AddYears(10),
        });
        db.SaveChanges();

        var plan = new ProvincePlan
        {
            Enterprises = count,
            Seed = seed,
            Now = now,
            LoginDomain = "load.test",
            AdminPasswordHash = hasher.HashPassword(officials[0], Password),
            Officials = officials.ToDictionary(o => o.Role, o => o.Id),
            Progress = output.WriteLine,
        };
        var seeding = Stopwatch.StartNew();
        var report = ProvinceSeeder.SeedAsync(db, DataFolder.RequireEditions(DataFolder.Beside), DataFolder.LoadRegions(DataFolder.Beside), plan).GetAwaiter().GetResult();
        var seeded = seeding.Elapsed;
        var finishing = Stopwatch.StartNew();
        if (db.Database.IsSqlite())
        {
            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        db.Database.CloseConnection();

        output.WriteLine($"Seeded {count:N0} enterprises into {provider} in {seeded.TotalSeconds:F1} s "
            + $"(generate + grade {report.Generate.TotalSeconds:F1} s, write {report.Write.TotalSeconds:F1} s), finish {finishing.Elapsed.TotalSeconds:F1} s, total {total.Elapsed.TotalSeconds:F1} s");
        output.WriteLine($"  latest submissions {report.Submitted:N0}, earlier submissions {report.Earlier:N0}, drafts {report.Drafts:N0}, applications {report.Applications:N0}");
        output.WriteLine($"  reference levels of the latest: {string.Join(", ", report.Levels.Select((c, i) => $"{(i == 0 ? "none" : ((Tier)i).ToString())} {c:N0}"))}");
        foreach (var (table, rows) in report.Tables)
        {
            output.WriteLine($"  {table,-18} {rows,12:N0} rows");
        }
        output.WriteLine($"  officials (password {Password}): {string.Join(", ", Officials.Select(o => $"{o.Login} ({o.Division})"))}");
        output.WriteLine($"  system administrator admin@load.test: API token {AdminToken}");
        return 0;
    }

    public static AppDbContext Create(string provider, string connectionString) => provider switch
    {
        "Sqlite" => new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(Database.SqliteConnectionString(connectionString)).Options),
        "Postgres" => new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connectionString).Options),
        _ => throw new ArgumentException("--provider is Sqlite or Postgres."),
    };

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
