using System.Data;
using Npgsql;
using SmartFactory.Domain;

namespace SmartFactory.Web.Data;

/// <summary>
/// The PostgreSQL side of <c>backup</c> and <c>restore</c> (decision 022). A backup is <c>pg_dump -Fc</c> of a snapshot
/// this process exports and counts in, so the manifest's numbers are those of the dump. A restore replays the dump
/// through <c>psql</c> in one transaction that first empties the target and last checks the rows and the evidence
/// hashes against the manifest: any failure rolls all of it back.
/// </summary>
public static class PostgresBackup
{
    public const string FileName = "database.pgdump";

    private const string VerifyFailed = "SMARTFACTORY_RESTORE_CHECK";

    public static async Task<Checked<DatabaseContents>> DumpAsync(string connectionString, string file, string? toolFolder)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        await using (var export = new NpgsqlCommand("SET TRANSACTION READ ONLY; SELECT pg_export_snapshot()", connection, snapshot))
        {
            var id = (string)(await export.ExecuteScalarAsync())!;
            var dump = PostgresTools.RunAsync(PostgresTools.Find("pg_dump", toolFolder), ["--format=custom", $"--snapshot={id}", $"--file={file}"], connectionString);
            var contents = await DatabaseContents.ReadAsync(connection, snapshot);
            var result = await dump;
            if (result.Exit != 0)
            {
                return Checked<DatabaseContents>.Invalid([new Problem("pg_dump", result.Error.Trim())]);
            }
            await snapshot.CommitAsync();
            return Checked<DatabaseContents>.Valid(contents);
        }
    }

    /// <summary>Whether the target database exists and holds data; a missing database is empty (the restore creates it).</summary>
    public static async Task<bool> HoldsDataAsync(string connectionString)
    {
        if (!await ExistsAsync(connectionString))
        {
            return false;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await DatabaseContents.HoldsDataAsync(connection);
    }

    public static async Task<IReadOnlyList<Problem>> RestoreAsync(string file, BackupManifest manifest, string connectionString, string? toolFolder)
    {
        // A database this restore creates is dropped again if the restore fails, so a failure leaves nothing behind.
        var created = !await ExistsAsync(connectionString);
        if (created)
        {
            await MaintenanceAsync(connectionString, "CREATE DATABASE {0} ENCODING 'UTF8' TEMPLATE template0");
        }
        var listing = await PostgresTools.RunAsync(PostgresTools.Find("pg_restore", toolFolder), ["--list", file], connectionString);
        var result = listing.Exit != 0
            ? listing
            : await PostgresTools.PipeAsync(
                PostgresTools.Find("pg_restore", toolFolder), ["--no-owner", "--no-privileges", "--file=-", file],
                PostgresTools.Find("psql", toolFolder), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-c", EmptySchema, "-f", "-", "-c", CheckSql(manifest)],
                connectionString);
        NpgsqlConnection.ClearAllPools();
        if (result.Exit == 0)
        {
            return [];
        }
        if (created)
        {
            await MaintenanceAsync(connectionString, "DROP DATABASE IF EXISTS {0} WITH (FORCE)");
        }
        var check = result.Error.Split('\n').FirstOrDefault(l => l.Contains(VerifyFailed));
        return check is not null
            ? [.. check[(check.IndexOf(VerifyFailed) + VerifyFailed.Length)..].Split('|', StringSplitOptions.RemoveEmptyEntries).Select(p => new Problem("", p.Trim()))]
            : [new Problem(FileName, $"无法恢复：{result.Error.Trim()}")];
    }

    public static async Task<DatabaseContents> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await DatabaseContents.ReadAsync(connection);
    }

    /// <summary>Drops what the app's schema holds (tables, and with them their indexes, triggers and identity sequences; its own functions, such as the audit log's append-only trigger) in the restore's transaction.</summary>
    private const string EmptySchema = """
        DO $empty$ DECLARE r record; BEGIN
          FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
            EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename);
          END LOOP;
          FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
            EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequencename);
          END LOOP;
          FOR r IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                   LEFT JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
                   WHERE n.nspname = 'public' AND d.objid IS NULL LOOP
            EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.f);
          END LOOP;
        END $empty$;
        """;

    /// <summary>
    /// The manifest's rows and evidence, checked at the end of the restore's transaction: a difference raises an error,
    /// which rolls the restore back. Table names were checked to be plain identifiers when the manifest was read.
    /// </summary>
    private static string CheckSql(BackupManifest manifest)
    {
        var expected = manifest.Contents;
        var tables = string.Join("\n", expected.Tables.Select(t => $"""
              SELECT count(*) INTO n FROM public."{t.Key}";
              IF n <> {t.Value} THEN problems := problems || format('|%s：%s 行，清单为 %s 行', '{t.Key}', n, {t.Value}); END IF;
            """));
        var unmatched = expected.Evidence.Unmatched.Count == 0 ? "0" : string.Join(",", expected.Evidence.Unmatched);
        return $"""
            DO $check$ DECLARE n bigint; b bigint; problems text := ''; BEGIN
            {tables}
              SELECT count(*), coalesce(sum(length("Bytes")), 0) INTO n, b FROM public."EvidenceContents";
              IF (n, b) <> ({expected.Evidence.Files}, {expected.Evidence.Bytes}) THEN
                problems := problems || format('|证据文件：%s 个共 %s 字节，清单为 {expected.Evidence.Files} 个共 {expected.Evidence.Bytes} 字节', n, b);
              END IF;
              SELECT count(*) INTO n FROM public."EvidenceFiles" f JOIN public."EvidenceContents" c ON c."EvidenceFileId" = f."Id"
                WHERE upper(encode(sha256(c."Bytes"), 'hex')) <> f."Sha256" AND f."Id" NOT IN ({unmatched});
              IF n > 0 THEN problems := problems || format('|证据文件：%s 个的内容与上传时的 SHA-256 不符', n); END IF;
              IF problems <> '' THEN RAISE EXCEPTION '{VerifyFailed}%', problems; END IF;
            END $check$;
            """;
    }

    /// <summary>
    /// Whether the target database exists, found by connecting to it: the province's pg_hba.conf admits the site's role
    /// to its own database only, so the maintenance database is used only to create one that is missing.
    /// </summary>
    private static async Task<bool> ExistsAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();
            return true;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return false;
        }
    }

    /// <summary>Runs a statement about the target database on the server's maintenance database, postgres.</summary>
    private static async Task MaintenanceAsync(string connectionString, string sqlFormat)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var maintenance = await MaintenanceConnectionAsync(connectionString);
        await using var command = new NpgsqlCommand(string.Format(sqlFormat, "\"" + database.Replace("\"", "\"\"") + "\""), maintenance);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> MaintenanceConnectionAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }
}
