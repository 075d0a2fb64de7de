using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// What a database holds, as a backup records it in its manifest and a restore checks it (decision 022): the last
/// migration, the rows of every table, and the evidence files whose bytes still hash to the SHA-256 taken at upload.
/// Read with plain SQL on an open connection, so a backup counts inside the snapshot it copies.
/// </summary>
public sealed record DatabaseContents(string Migration, SortedDictionary<string, long> Tables, EvidenceCheck Evidence)
{
    /// <summary>The tables whose rows make a database worth protecting from an accidental restore over it.</summary>
    private static readonly string[] DataTables = ["Users", "Enterprises", "Assessments"];

    public static async Task<DatabaseContents> ReadAsync(DbConnection connection, DbTransaction? transaction = null)
    {
        var tables = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in await TablesAsync(connection, transaction))
        {
            tables[table] = Convert.ToInt64(await ScalarAsync(connection, transaction, $"SELECT COUNT(*) FROM \"{table}\""));
        }
        var migration = tables.ContainsKey("__EFMigrationsHistory")
            ? await ScalarAsync(connection, transaction, "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\" DESC LIMIT 1") as string
            : null;
        var evidence = tables.ContainsKey("EvidenceContents") ? await EvidenceAsync(connection, transaction) : new EvidenceCheck(0, 0, []);
        return new DatabaseContents(migration ?? "", tables, evidence);
    }

    /// <summary>Whether the database has accounts, enterprises or assessments: a restore over it needs --force.</summary>
    public static async Task<bool> HoldsDataAsync(DbConnection connection)
    {
        var tables = await TablesAsync(connection, null);
        foreach (var table in DataTables.Where(tables.Contains))
        {
            if (Convert.ToInt64(await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM \"{table}\"")) > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>How these contents differ from what the manifest recorded; none when they are the same.</summary>
    public IReadOnlyList<Problem> DifferencesFrom(DatabaseContents expected)
    {
        var problems = new List<Problem>();
        if (Migration != expected.Migration)
        {
            problems.Add(new Problem("__EFMigrationsHistory", $"最后的迁移为 {Migration}，清单为 {expected.Migration}。"));
        }
        foreach (var (table, rows) in expected.Tables)
        {
            var actual = Tables.TryGetValue(table, out var n) ? n : -1;
            if (actual != rows)
            {
                problems.Add(new Problem(table, actual < 0 ? "表不存在。" : $"{actual} 行，清单为 {rows} 行。"));
            }
        }
        if ((Evidence.Files, Evidence.Bytes) != (expected.Evidence.Files, expected.Evidence.Bytes))
        {
            problems.Add(new Problem("证据文件", $"{Evidence.Files} 个共 {Evidence.Bytes} 字节，清单为 {expected.Evidence.Files} 个共 {expected.Evidence.Bytes} 字节。"));
        }
        var unmatched = Evidence.Unmatched.Except(expected.Evidence.Unmatched).ToList();
        if (unmatched.Count > 0)
        {
            problems.Add(new Problem("证据文件", $"{unmatched.Count} 个的内容与上传时的 SHA-256 不符（编号 {string.Join("、", unmatched.Take(20))}）。"));
        }
        return problems;
    }

    private static async Task<List<string>> TablesAsync(DbConnection connection, DbTransaction? transaction)
    {
        var sql = connection is Npgsql.NpgsqlConnection
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
        var tables = new List<string>();
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    /// <summary>
    /// Counts and sizes the stored evidence and lists the files whose bytes no longer hash to their SHA-256. PostgreSQL
    /// hashes on the server; SQLite has no sha256(), so its bytes are streamed through this process one file at a time.
    /// </summary>
    private static async Task<EvidenceCheck> EvidenceAsync(DbConnection connection, DbTransaction? transaction)
    {
        await using var totals = Command(connection, transaction, "SELECT COUNT(*), COALESCE(SUM(LENGTH(\"Bytes\")), 0) FROM \"EvidenceContents\"");
        await using var row = await totals.ExecuteReaderAsync();
        await row.ReadAsync();
        var (files, bytes) = (Convert.ToInt64(row.GetValue(0)), Convert.ToInt64(row.GetValue(1)));
        await row.DisposeAsync();

        var postgres = connection is Npgsql.NpgsqlConnection;
        var sql = postgres
            ? "SELECT f.\"Id\" FROM \"EvidenceFiles\" f JOIN \"EvidenceContents\" c ON c.\"EvidenceFileId\" = f.\"Id\" WHERE upper(encode(sha256(c.\"Bytes\"), 'hex')) <> f.\"Sha256\" ORDER BY f.\"Id\""
            : "SELECT f.\"Id\", f.\"Sha256\", c.\"Bytes\" FROM \"EvidenceFiles\" f JOIN \"EvidenceContents\" c ON c.\"EvidenceFileId\" = f.\"Id\" ORDER BY f.\"Id\"";
        var unmatched = new List<int>();
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess);
        while (await reader.ReadAsync())
        {
            var id = Convert.ToInt32(reader.GetValue(0));
            if (postgres)
            {
                unmatched.Add(id);
                continue;
            }
            var recorded = reader.GetString(1);
            await using var content = reader.GetStream(2);
            if (Convert.ToHexString(await SHA256.HashDataAsync(content)) != recorded)
            {
                unmatched.Add(id);
            }
        }
        return new EvidenceCheck(files, bytes, unmatched);
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql)
    {
        await using var command = Command(connection, transaction, sql);
        return await command.ExecuteScalarAsync();
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        return command;
    }
}

/// <summary>The evidence stored in the database: how many files, their bytes, and which no longer match their SHA-256.</summary>
public sealed record EvidenceCheck(long Files, long Bytes, IReadOnlyList<int> Unmatched);
