using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure.ProvinceData;

/// <summary>What <see cref="ProvinceSeeder"/> generates.</summary>
public sealed record ProvincePlan
{
    public required int Enterprises { get; init; }
    public int Seed { get; init; } = AssessmentGenerator.DefaultSeed;

    /// <summary>The campaign's today: latest submissions fall in the 240 days before it, earlier rounds a year or two before those.</summary>
    public required DateTime Now { get; init; }

    /// <summary>Each enterprise gets an administrator <c>admin{id}@{LoginDomain}</c>.</summary>
    public required string LoginDomain { get; init; }

    /// <summary>One hash of the administrators' shared password (a salted hash verifies for any user).</summary>
    public required string AdminPasswordHash { get; init; }

    /// <summary>The officials recorded on the application events: a county, a city and a province official.</summary>
    public required IReadOnlyDictionary<Role, int> Officials { get; init; }

    /// <summary>Where progress lines go (the load-test CLI prints them; the demo data says nothing).</summary>
    public Action<string>? Progress { get; init; }
}

/// <summary>What was written, for the CLI's summary and docs/benchmarks.md.</summary>
public sealed record ProvinceReport(int Submitted, int Earlier, int Drafts, int Applications, int[] Levels, TimeSpan Generate, TimeSpan Write, IReadOnlyList<(string Table, long Rows)> Tables);

/// <summary>
/// Fills a database with a province's worth of enterprises: the app's demo data (about 2,000, decision 018) and the
/// load tests' province (<c>--seed-province N</c>, docs/benchmarks.md) come from here. Rows are generated and written in
/// batches of <see cref="Batch"/> enterprises, so memory stays flat at any N; submissions are frozen as the app
/// freezes them (<see cref="ProvinceRecords"/>). Keys are assigned here, after the table's current maximum.
/// </summary>
public static class ProvinceSeeder
{
    /// <summary>Enterprises per write (and per transaction, when the caller has none open).</summary>
    private const int Batch = 2000;

    public static async Task<ProvinceReport> SeedAsync(AppDbContext db, EditionLibrary library, Regions regions, ProvincePlan plan)
    {
        var opened = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        // The demo data runs inside the caller's transaction (one node seeds, the others wait); the CLI commits per batch.
        var outer = db.Database.CurrentTransaction?.GetDbTransaction();
        var w = new Writers(db);
        var ids = new ProvinceIds(connection, outer, db);
        var records = new ProvinceRecords(library, regions, plan, new Random(plan.Seed), ids, w);
        var generate = TimeSpan.Zero;
        var write = TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        for (var n = 0; n < plan.Enterprises; n++)
        {
            var started = Stopwatch.GetTimestamp();
            records.Enterprise(n);
            generate += Stopwatch.GetElapsedTime(started);
            if ((n + 1) % Batch == 0 || n + 1 == plan.Enterprises)
            {
                var writing = Stopwatch.GetTimestamp();
                var transaction = outer ?? await connection.BeginTransactionAsync();
                w.Flush(connection, transaction);
                if (outer is null)
                {
                    await transaction.CommitAsync();
                    await transaction.DisposeAsync();
                }
                write += Stopwatch.GetElapsedTime(writing);
                if (clock.Elapsed.TotalSeconds >= 10 || n + 1 == plan.Enterprises)
                {
                    plan.Progress?.Invoke($"  {n + 1:N0} enterprises, {total.Elapsed.TotalSeconds:F1} s");
                    clock.Restart();
                }
            }
        }
        if (db.Database.IsNpgsql())
        {
            // Keys were set explicitly; move each identity sequence past them so the app's own inserts do not collide
            // (a result is keyed by its assessment and has none).
            foreach (var table in w.Tables.Where(t => t.Table != w.Results.Table))
            {
                await Execute(connection, outer, $"SELECT setval(pg_get_serial_sequence('\"{table.Table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table.Table}\"))");
            }
            // What autovacuum would do shortly after such a load; SQLite is left as the app leaves it.
            await Execute(connection, outer, "ANALYZE");
        }
        await AfterBulkLoadAsync(db);
        if (opened)
        {
            await db.Database.CloseConnectionAsync();
        }
        return new ProvinceReport(records.Submitted, records.Earlier, records.DraftCount, records.Applications, records.Levels, generate, write, w.Tables.Select(t => (t.Table, t.Rows)).ToList());
    }

    /// <summary>
    /// The one place seeded data catches up with what the app maintains at submission time: the rollups (decision 015)
    /// are rebuilt from the rows written above past the app's submit path. Both the demo data and
    /// <c>--seed-province</c> end with this call.
    /// </summary>
    public static Task AfterBulkLoadAsync(AppDbContext db) => Rollups.RebuildAsync(db);

    internal static async Task Execute(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>One writer per table, flushed parents first.</summary>
    internal sealed class Writers(DbContext db)
    {
        public BulkInsert<Enterprise> Enterprises { get; } = new(db);
        public BulkInsert<User> Users { get; } = new(db);
        public BulkInsert<AssessmentRecord> Assessments { get; } = new(db, maxRowsPerStatement: 200);
        public BulkInsert<AssessmentResult> Results { get; } = new(db, maxRowsPerStatement: 200);
        public BulkInsert<RatingRecord> Ratings { get; } = new(db);
        public BulkInsert<SubmissionFigure> Figures { get; } = new(db);
        public BulkInsert<ApplicationRecord> Applications { get; } = new(db);
        public BulkInsert<ApplicationEvent> Events { get; } = new(db);

        public IReadOnlyList<(string Table, long Rows)> Tables =>
        [
            (Enterprises.Table, Enterprises.Rows), (Users.Table, Users.Rows), (Assessments.Table, Assessments.Rows),
            (Results.Table, Results.Rows), (Ratings.Table, Ratings.Rows),
            (Figures.Table, Figures.Rows), (Applications.Table, Applications.Rows), (Events.Table, Events.Rows),
        ];

        public void Flush(DbConnection connection, DbTransaction transaction)
        {
            Enterprises.Flush(connection, transaction);
            Users.Flush(connection, transaction);
            Assessments.Flush(connection, transaction);
            Results.Flush(connection, transaction);
            Ratings.Flush(connection, transaction);
            Figures.Flush(connection, transaction);
            Applications.Flush(connection, transaction);
            Events.Flush(connection, transaction);
        }
    }

    /// <summary>The next key of each table, counted on from its current maximum.</summary>
    internal sealed class ProvinceIds(DbConnection connection, DbTransaction? transaction, DbContext db)
    {
        public int Enterprise = (int)BulkInsert<Enterprise>.NextId(connection, transaction, db);
        public int User = (int)BulkInsert<User>.NextId(connection, transaction, db);
        public int Assessment = (int)BulkInsert<AssessmentRecord>.NextId(connection, transaction, db);
        public int Rating = (int)BulkInsert<RatingRecord>.NextId(connection, transaction, db);
        public long Figure = BulkInsert<SubmissionFigure>.NextId(connection, transaction, db);
        public int Application = (int)BulkInsert<ApplicationRecord>.NextId(connection, transaction, db);
        public long Event = BulkInsert<ApplicationEvent>.NextId(connection, transaction, db);
    }
}
