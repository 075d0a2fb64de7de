using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartFactory.Domain;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Data;

/// <summary>
/// <c>SmartFactory.Web backup --to DIR</c> and <c>restore --from DIR [--force]</c> (decision 022), on the database and
/// evidence folder the site is configured with. A backup folder holds the database copy, the files under
/// <c>Evidence:Root</c> (where the first wave kept evidence), and a manifest written last; a restore checks all of it
/// before it writes anything, and reads the restored database back against the manifest.
/// </summary>
public static class BackupCommands
{
    public static async Task<int> BackupAsync(IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (options.GetValueOrDefault("to") is not { Length: > 0 } to)
        {
            return Refuse(error, "请用 --to 指明备份文件夹（应尚不存在或为空）。");
        }
        to = Path.GetFullPath(to);
        if (File.Exists(to) || (Directory.Exists(to) && Directory.EnumerateFileSystemEntries(to).Any()))
        {
            return Refuse(error, $"{to} 已存在且不为空：每次备份用一个新文件夹，例如以日期时间命名。");
        }
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var postgres = database.Provider == "Postgres";
        var databaseFile = postgres ? PostgresBackup.FileName : SqliteBackup.FileName;
        // Written beside its final name and renamed when complete: a folder named --to is always a whole backup.
        var work = to.TrimEnd(Path.DirectorySeparatorChar) + ".incomplete";
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
        // The copy holds password hashes and the keys that sign cookies: readable by the operator's account alone.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(work);
        }
        else
        {
            Directory.CreateDirectory(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            var copied = postgres
                ? await PostgresBackup.DumpAsync(database.ConnectionString, Path.Combine(work, databaseFile), options.GetValueOrDefault("pg-bin"))
                : await SqliteBackup.CopyAsync(database.ConnectionString, Path.Combine(work, databaseFile));
            if (!copied.IsValid)
            {
                Directory.Delete(work, recursive: true);
                return Fail(error, "备份失败，未写备份：", copied.Problems);
            }
            var files = new List<BackupFile> { await BackupManifest.DescribeAsync(work, databaseFile) };
            foreach (var file in EvidenceFolder(services).CopyTo(work))
            {
                files.Add(await BackupManifest.DescribeAsync(work, file));
            }
            var contents = copied.Value!;
            var manifest = new BackupManifest
            {
                CreatedAt = DateTime.UtcNow,
                Provider = database.Provider,
                Database = databaseFile,
                Contents = contents,
                Files = files,
            };
            await manifest.WriteAsync(work, services.GetRequiredService<IOptions<Audit.Options>>().Value.KeyBytes());
            if (Directory.Exists(to))
            {
                Directory.Delete(to);
            }
            Directory.Move(work, to);
            output.WriteLine($"已备份到 {to}：{database.Provider} 数据库（迁移 {contents.Migration}，{contents.Tables.Count} 个表共 {contents.Tables.Values.Sum()} 行，证据文件 {contents.Evidence.Files} 个），文件夹中的证据文件 {files.Count - 1} 个。");
            if (contents.Evidence.Unmatched.Count > 0)
            {
                error.WriteLine($"注意：数据库中已有 {contents.Evidence.Unmatched.Count} 个证据文件的内容与上传时的 SHA-256 不符（编号 {string.Join("、", contents.Evidence.Unmatched.Take(20))}），已按原样备份。");
            }
            return AdminCommands.Ok;
        }
        catch
        {
            Directory.Delete(work, recursive: true);
            throw;
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        if (options.GetValueOrDefault("from") is not { Length: > 0 } from)
        {
            return Refuse(error, "请用 --from 指明备份文件夹。");
        }
        // The signature first: a manifest that is not to be trusted is refused before gigabytes of files are hashed against it.
        var source = Path.GetFullPath(from);
        var key = services.GetRequiredService<IOptions<Audit.Options>>().Value.KeyBytes();
        if (await BackupManifest.SignatureProblemAsync(source, key, options.ContainsKey("accept-unsigned")) is { } unsigned)
        {
            return Refuse(error, $"备份清单不可信，未做任何更改：{unsigned}");
        }
        var read = await BackupManifest.ReadAsync(source);
        if (!read.IsValid)
        {
            return Refuse(error, "备份不完整或已损坏，未做任何更改：", read.Problems);
        }
        var manifest = read.Value!;
        if (key.Length == 0)
        {
            output.WriteLine("注意：未配置 Audit:Key，未核对备份清单的签名：校验能发现损坏，但不能排除有人一并改动了备份和清单。");
        }
        var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var postgres = database.Provider == "Postgres";
        var force = options.ContainsKey("force");
        var migrations = services.GetRequiredService<AppDbContext>().Database.GetMigrations().ToList();
        output.WriteLine($"备份：{BeijingTime.Of(manifest.CreatedAt):yyyy-MM-dd HH:mm:ss}（北京时间），{manifest.Provider}，迁移 {manifest.Contents.Migration}；清单所列 {manifest.Files.Count} 个文件的大小和 SHA-256 均相符。");
        if (manifest.Provider != database.Provider)
        {
            return Refuse(error, $"这是 {manifest.Provider} 数据库的备份，而目标是 {database.Provider} 数据库；未做任何更改。");
        }
        if (!migrations.Contains(manifest.Contents.Migration))
        {
            return Refuse(error, $"备份的数据库结构（迁移 {manifest.Contents.Migration}）不是本程序所知的版本：请用做备份时的程序版本（或更新的版本）恢复。未做任何更改。");
        }
        if (!force && await (postgres ? PostgresBackup.HoldsDataAsync(database.ConnectionString) : SqliteBackup.HoldsDataAsync(database.ConnectionString)))
        {
            return Refuse(error, "目标数据库已有数据（账号、企业或评估），未做任何更改；确认要用备份替换它时加 --force。");
        }
        var folder = EvidenceFolder(services);
        var evidence = EvidenceFolderBackup.In(manifest);
        List<Problem> conflicts = force ? [] : await folder.ConflictsAsync(evidence);
        if (conflicts.Count > 0)
        {
            return Refuse(error, "证据文件夹（Evidence:Root）中已有同名而内容不同的文件，未做任何更改；确认要替换时加 --force：", conflicts);
        }
        var databaseCopy = Path.Combine(source, manifest.Database);
        var problems = postgres
            ? await PostgresBackup.RestoreAsync(databaseCopy, manifest, database.ConnectionString, options.GetValueOrDefault("pg-bin"))
            : await SqliteBackup.RestoreAsync(databaseCopy, manifest, database.ConnectionString);
        if (problems.Count > 0)
        {
            return Refuse(error, "备份中的数据库未通过检查，未做任何更改：", problems);
        }
        folder.RestoreFrom(source, evidence);
        var restored = postgres ? await PostgresBackup.ReadAsync(database.ConnectionString) : await SqliteBackup.ReadAsync(database.ConnectionString);
        return Report(manifest, restored, evidence.Count, migrations.Last(), output, error);
    }

    /// <summary>The restored database read back, table by table, against the manifest.</summary>
    private static int Report(BackupManifest manifest, DatabaseContents restored, int folderFiles, string latest, TextWriter output, TextWriter error)
    {
        foreach (var (table, rows) in manifest.Contents.Tables)
        {
            var actual = restored.Tables.GetValueOrDefault(table, -1);
            output.WriteLine($"  {table,-24}{actual,10} 行{(actual == rows ? "" : $"，清单为 {rows} 行")}");
        }
        output.WriteLine($"  证据文件：数据库中 {restored.Evidence.Files} 个共 {restored.Evidence.Bytes} 字节，文件夹中 {folderFiles} 个。");
        var differences = restored.DifferencesFrom(manifest.Contents);
        if (differences.Count > 0)
        {
            return Fail(error, "已恢复，但恢复后的数据库与备份清单不符：", differences);
        }
        output.WriteLine("已恢复，行数与证据文件的 SHA-256 均与备份清单一致。");
        if (manifest.Contents.Migration != latest)
        {
            output.WriteLine($"备份的数据库结构早于本程序（{manifest.Contents.Migration} → {latest}）：运行 migrate，或启动网站（Database:MigrateOnStart）完成迁移。");
        }
        return AdminCommands.Ok;
    }

    private static EvidenceFolderBackup EvidenceFolder(IServiceProvider services) =>
        new(Path.GetFullPath(services.GetRequiredService<IOptions<EvidenceOptions>>().Value.Root));

    private static int Refuse(TextWriter error, string message, IReadOnlyList<Problem>? problems = null)
    {
        Write(error, message, problems);
        return AdminCommands.Invalid;
    }

    private static int Fail(TextWriter error, string message, IReadOnlyList<Problem> problems)
    {
        Write(error, message, problems);
        return AdminCommands.Failed;
    }

    private static void Write(TextWriter error, string message, IReadOnlyList<Problem>? problems)
    {
        error.WriteLine(message);
        foreach (var p in problems ?? [])
        {
            error.WriteLine($"  {p}");
        }
    }
}
