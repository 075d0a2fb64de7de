using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmartFactory.Web.Data;

/// <summary>
/// Every SQLite connection commits with synchronous=NORMAL (decision 014): in WAL mode a commit then waits for no fsync,
/// only checkpoints do, and a crash or kill -9 of the app still loses nothing committed; only a power cut of the machine
/// may lose the last commits. SQLite's default, FULL, fsyncs the WAL on every autosave, which queued saves behind the disk.
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>The native connections already set up: the driver pools them, and EF Core opens one for every statement.</summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = new();

    /// <summary>Sets the connection up once per native connection (also the node's writer connection, <see cref="SqliteHotPath"/>).</summary>
    public static void Apply(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        if (Applied.TryGetValue(handle, out _))
        {
            return;
        }
        using var command = connection.CreateCommand();
        // busy_timeout: a writer waiting for the lock is woken by SQLite within milliseconds; without it the driver
        // retries a busy statement after sleeping 150 ms, which made the autosave's p99 hundreds of milliseconds.
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        Applied.AddOrUpdate(handle, Applied);
    }
}
