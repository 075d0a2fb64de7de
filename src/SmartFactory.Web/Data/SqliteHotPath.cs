using Microsoft.Data.Sqlite;

namespace SmartFactory.Web.Data;

/// <summary>
/// The two busiest writes on SQLite — a rate counter and a rating save — through one long-lived connection of this node,
/// with their statements prepared once. In WAL mode a connection drops its whole page cache when another connection has
/// written since its last transaction; with a write on one of ~32 pooled connections at every API call, every connection
/// found its cache stale and read each page again, and parsed each statement again (docs/benchmarks.md, "Where a save's
/// CPU goes now"). This connection is the one that writes, so its cache stays valid. It is used only under the file's
/// writer gate (<see cref="SqliteDbContext.OneWriterAsync"/>), so it serves one write at a time; one per app (a
/// singleton, closed with it), never static, so a test's or a restore's new file is never written through an old handle.
/// </summary>
public sealed class SqliteHotPath(string connectionString) : IDisposable
{
    private SqliteConnection? _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// Runs <paramref name="work"/> in one immediate transaction on the node's writer connection, holding the writer gate
    /// of <paramref name="db"/>'s file. The transaction commits when the work returns true and rolls back otherwise (or
    /// when it throws, after which the connection is opened afresh for the next write).
    /// </summary>
    public async Task<T> WriteAsync<T>(SqliteDbContext db, Func<Batch, Task<(bool Commit, T Result)>> work)
    {
        using var writer = await db.OneWriterAsync();
        var connection = Open();
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var (commit, result) = await work(new Batch(this, transaction));
            if (commit)
            {
                transaction.Commit();
            }
            return result;
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <summary>The statements of one transaction: each is prepared on first use and kept, its parameters set anew.</summary>
    public readonly struct Batch(SqliteHotPath path, SqliteTransaction transaction)
    {
        public Task<int> ExecuteAsync(string sql, params (string Name, object? Value)[] values) => Command(sql, values).ExecuteNonQueryAsync();

        public async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] values) => (long)(await Command(sql, values).ExecuteScalarAsync())!;

        private SqliteCommand Command(string sql, (string Name, object? Value)[] values)
        {
            if (!path._commands.TryGetValue(sql, out var command))
            {
                command = path._connection!.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, _) in values)
                {
                    command.Parameters.Add(new SqliteParameter { ParameterName = name });
                }
                path._commands[sql] = command;
            }
            command.Transaction = transaction;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
            }
            return command;
        }
    }

    private SqliteConnection Open()
    {
        if (_connection is null)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            SqliteDurability.Apply(_connection);
        }
        return _connection;
    }

    private void Close()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
        _commands.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    public void Dispose() => Close();
}
