using Microsoft.Data.Sqlite;
using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// The SQLite side of <c>backup</c> and <c>restore</c> (decision 022), both through SQLite's online backup API: the copy
/// is read in one read transaction, a consistent snapshot while the site goes on writing (WAL lets it), and a restore
/// writes the target in one write transaction, so the site's connections see the old database or the new one, never half.
/// </summary>
public static class SqliteBackup
{
    public const string FileName = "database.sqlite";

    /// <summary>Copies the database at <paramref name="connectionString"/> to <paramref name="file"/> and reads what the copy holds.</summary>
    public static async Task<Checked<DatabaseContents>> CopyAsync(string connectionString, string file)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(source.DataSource))
        {
            return Checked<DatabaseContents>.Invalid([new Problem(source.DataSource, "找不到数据库文件。")]);
        }
        await using (var from = await OpenAsync(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite }))
        await using (var to = await OpenAsync(Unpooled(file, SqliteOpenMode.ReadWriteCreate)))
        {
            from.BackupDatabase(to);
            // One self-contained file: the copy leaves WAL mode, which it took from the site's database.
            await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;");
        }
        await using var copy = await OpenAsync(Unpooled(file, SqliteOpenMode.ReadOnly));
        return Checked<DatabaseContents>.Valid(await DatabaseContents.ReadAsync(copy));
    }

    /// <summary>Whether the target database exists and holds data; a missing file is an empty database, and is not created.</summary>
    public static async Task<bool> HoldsDataAsync(string connectionString)
    {
        var target = new SqliteConnectionStringBuilder(connectionString);
        if (!File.Exists(target.DataSource) || new FileInfo(target.DataSource).Length == 0)
        {
            return false;
        }
        await using var connection = await OpenAsync(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite });
        return await DatabaseContents.HoldsDataAsync(connection);
    }

    /// <summary>
    /// Checks the copy in the backup folder before anything is written — SQLite's integrity check, then the rows and the
    /// evidence hashes against the manifest — and only then copies it over the target in one transaction.
    /// </summary>
    public static async Task<IReadOnlyList<Problem>> RestoreAsync(string file, BackupManifest manifest, string connectionString)
    {
        await using (var copy = await OpenAsync(Unpooled(file, SqliteOpenMode.ReadOnly)))
        {
            IReadOnlyList<Problem> problems;
            try
            {
                var integrity = (string?)await ScalarAsync(copy, "PRAGMA integrity_check;");
                if (integrity != "ok")
                {
                    return [new Problem(FileName, $"SQLite 完整性检查未通过：{integrity}")];
                }
                problems = (await DatabaseContents.ReadAsync(copy)).DifferencesFrom(manifest.Contents);
            }
            catch (SqliteException e)
            {
                return [new Problem(FileName, $"不是可读的 SQLite 数据库（{e.Message}）。")];
            }
            if (problems.Count > 0)
            {
                return problems;
            }
            await using var target = await OpenAsync(new SqliteConnectionStringBuilder(Infrastructure.Database.SqliteConnectionString(connectionString)));
            await ExecuteAsync(target, "PRAGMA busy_timeout=30000;");
            copy.BackupDatabase(target);
            await ExecuteAsync(target, "PRAGMA journal_mode=WAL;");
        }
        SqliteConnection.ClearAllPools();
        return [];
    }

    /// <summary>What the restored database holds, read back after the restore for the report.</summary>
    public static async Task<DatabaseContents> ReadAsync(string connectionString)
    {
        await using var connection = await OpenAsync(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false });
        return await DatabaseContents.ReadAsync(connection);
    }

    private static SqliteConnectionStringBuilder Unpooled(string file, SqliteOpenMode mode) => new() { DataSource = file, Mode = mode, Pooling = false };

    private static async Task<SqliteConnection> OpenAsync(SqliteConnectionStringBuilder builder)
    {
        var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA busy_timeout=30000;");
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
