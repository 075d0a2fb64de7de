using System.Text.Json.Nodes;
using SmartFactory.Web.Data;
using static SmartFactory.Web.Tests.AdminCommandTests;

namespace SmartFactory.Web.Tests;

/// <summary>
/// What an operator runs to back up and restore (decision 022): the web program's own <c>backup</c> and <c>restore</c>
/// verbs, started as processes on the database and evidence folder of a real app, on each of SQLite and PostgreSQL.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly List<AppFactory> _apps = [];
    private readonly List<string> _folders = [];

    public void Dispose()
    {
        foreach (var app in _apps)
        {
            app.Dispose();
        }
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ABackupTakenWhileEnterprisesRegisterRestoresIntoAFreshDatabaseWhereTheEnterpriseSeesItsLevelAndEvidence(string provider)
    {
        var app = App(provider);
        var browser = app.Browser();
        await Builders.RegisterAsync(browser, 1);
        await Builders.CompleteAtAdvancedAsync(browser, Builders.Catalog(app));
        var result = (await browser.PostAsync("/Assessments/Submit", null, Builders.Pledge())).Headers.Location!.OriginalString;
        var evidence = app.Query(db => db.EvidenceFiles.Single().Id);
        WriteFirstWaveFile(app);

        var (backup, registeredBefore, registeredAfter) = await BackupWhileRegisteringAsync(app);
        var restored = App(provider);
        var restore = await RunOnAsync(restored, "restore", "--from", backup);

        Assert.True(restore.Exit == AdminCommands.Ok, restore.Err);
        Assert.Contains("已恢复，行数与证据文件的 SHA-256 均与备份清单一致", restore.Out);
        var enterprise = await Seed.SignInAsync(restored, "admin1@example.com");
        Assert.Equal("先进级", (await enterprise.GetAsync(result)).QuerySelector("[data-testid=reference-level]")!.TextContent.Trim());
        Assert.Equal(Builders.Pdf, await (await enterprise.Client.GetAsync($"/files/{evidence}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(Builders.Pdf, await File.ReadAllBytesAsync(Path.Combine(restored.EvidenceFolder, "first-wave.pdf")));
        // The copy is one moment of the writes: each registration is in it whole or not at all (the rollups are checked
        // against the base tables when the restored app is disposed), and the ones it holds are those finished around it.
        Assert.InRange(restored.Query(db => db.Enterprises.Count()) - 1, registeredBefore, registeredAfter + 1);
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task ABackupWithAByteChangedCutShortMiscountedOrWithoutItsManifestIsRefusedAndChangesNothing(string provider)
    {
        var app = App(provider);
        var browser = app.Browser();
        await Builders.RegisterAsync(browser, 1);
        (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        WriteFirstWaveFile(app);
        var backup = Folder();
        Assert.Equal(AdminCommands.Ok, (await RunOnAsync(app, "backup", "--to", backup)).Exit);
        await Builders.RegisterAsync(app.Browser(), 2);
        var database = provider == "Postgres" ? PostgresBackup.FileName : SqliteBackup.FileName;

        // Over: whether to try it over the app's own database with --force too; worth it where the restore gets as far as
        // writing (the first four are refused on the manifest alone, whatever the target).
        (string Name, Action<string> Tamper, string Message, bool Over)[] damaged =
        [
            ("a byte of the database copy", f => FlipByte(Path.Combine(f, database)), $"{database}：SHA-256 与清单不符", false),
            ("a byte of a folder file", f => FlipByte(Path.Combine(f, "evidence", "first-wave.pdf")), "evidence/first-wave.pdf：SHA-256 与清单不符", false),
            ("the database copy cut short", f => Truncate(Path.Combine(f, database)), $"{database}：大小为", false),
            ("no manifest", f => File.Delete(Path.Combine(f, BackupManifest.FileName)), "备份没有完成", false),
            // Sealed again, so that only the restore's own reading of the copy can tell.
            ("the database copy cut short, manifest resealed", f => { Truncate(Path.Combine(f, database)); Reseal(f, database); }, "备份中的数据库未通过检查", true),
            ("the manifest's count changed", f => Rewrite(f, m => m["contents"]!["tables"]!["Enterprises"] = 5), "Enterprises：1 行，清单为 5 行", true),
        ];
        foreach (var (name, tamper, message, tryOver) in damaged)
        {
            var copy = CopyOf(backup);
            tamper(copy);
            var fresh = App(provider);
            var into = await RunOnAsync(fresh, "restore", "--from", copy);
            var over = tryOver ? await RunOnAsync(app, "restore", "--from", copy, "--force") : into;

            Assert.True(into.Exit == AdminCommands.Invalid && into.Err.Contains(message), $"{name}: {into.Exit} {into.Err}");
            Assert.True(over.Exit == AdminCommands.Invalid && over.Err.Contains(message) && over.Err.Contains("未做任何更改"), $"{name}: {over.Exit} {over.Err}");
            Assert.False(await ExistsAsync(fresh), name);
            Assert.False(Directory.Exists(fresh.EvidenceFolder), name);
            Assert.Equal(2, app.Query(db => db.Enterprises.Count()));
        }

        var refused = await RunOnAsync(app, "restore", "--from", backup);
        var forced = await RunOnAsync(app, "restore", "--from", backup, "--force");

        Assert.Equal((AdminCommands.Invalid, true), (refused.Exit, refused.Err.Contains("目标数据库已有数据")));
        Assert.True(forced.Exit == AdminCommands.Ok, forced.Err);
        Assert.Equal(1, app.Query(db => db.Enterprises.Count()));
    }

    [Fact]
    public async Task EvidenceWhoseBytesNoLongerMatchTheirUploadHashIsRefusedEvenInAResealedBackup()
    {
        var app = App("Sqlite");
        var browser = app.Browser();
        await Builders.RegisterAsync(browser, 1);
        (await Builders.UploadDtEvidenceAsync(browser)).EnsureSuccessStatusCode();
        var backup = Folder();
        Assert.Equal(AdminCommands.Ok, (await RunOnAsync(app, "backup", "--to", backup)).Exit);
        var copy = Path.Combine(backup, SqliteBackup.FileName);
        var bytes = await File.ReadAllBytesAsync(copy);
        var at = bytes.AsSpan().IndexOf(Builders.Pdf);
        bytes[at + Builders.Pdf.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(copy, bytes);
        Reseal(backup, SqliteBackup.FileName);
        var fresh = App("Sqlite");

        var restore = await RunOnAsync(fresh, "restore", "--from", backup);

        Assert.Equal(AdminCommands.Invalid, restore.Exit);
        Assert.Contains("证据文件：1 个的内容与上传时的 SHA-256 不符", restore.Err);
        Assert.False(File.Exists(fresh.DatabaseFile));
    }

    [Fact]
    public async Task AManifestRewrittenToMatchIsRefusedUnderItsSignature()
    {
        var key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        var app = App("Sqlite");
        await Builders.RegisterAsync(app.Browser(), 1);
        WriteFirstWaveFile(app);
        var backup = Folder();
        Assert.Equal(AdminCommands.Ok, (await RunUnderKeyAsync(app, key, "backup", "--to", backup)).Exit);
        Assert.True(File.Exists(Path.Combine(backup, BackupManifest.SignatureFileName)));

        var rewritten = CopyOf(backup);
        FlipByte(Path.Combine(rewritten, "evidence", "first-wave.pdf"));
        Reseal(rewritten, "evidence/first-wave.pdf");
        var unsigned = CopyOf(backup);
        File.Delete(Path.Combine(unsigned, BackupManifest.SignatureFileName));
        var emptied = CopyOf(backup);
        File.Delete(Path.Combine(emptied, "evidence", "first-wave.pdf"));
        var fresh = App("Sqlite");

        var tampered = await RunUnderKeyAsync(fresh, key, "restore", "--from", rewritten);
        var otherKey = await RunUnderKeyAsync(fresh, Convert.ToBase64String(new byte[32]), "restore", "--from", backup);
        var withoutSignature = await RunUnderKeyAsync(fresh, key, "restore", "--from", unsigned);
        Assert.Equal(AdminCommands.Invalid, tampered.Exit);
        Assert.Contains("签名与清单不符", tampered.Err);
        Assert.Contains("签名与清单不符", otherKey.Err);
        // Under a key that does not match, the files are not read at all: the missing one goes unmentioned.
        var otherKeyMissingFile = await RunUnderKeyAsync(fresh, Convert.ToBase64String(new byte[32]), "restore", "--from", emptied);
        Assert.Contains("签名与清单不符", otherKeyMissingFile.Err);
        Assert.DoesNotContain("缺失", otherKeyMissingFile.Err);
        Assert.Contains("--accept-unsigned", withoutSignature.Err);
        Assert.False(File.Exists(fresh.DatabaseFile));

        var accepted = await RunUnderKeyAsync(fresh, key, "restore", "--from", unsigned, "--accept-unsigned");
        Assert.True(accepted.Exit == AdminCommands.Ok, accepted.Err);
        var noKey = await RunOnAsync(App("Sqlite"), "restore", "--from", backup);
        Assert.True(noKey.Exit == AdminCommands.Ok, noKey.Err);
        Assert.Contains("未核对备份清单的签名", noKey.Out);
    }

    [Fact]
    public void TheClusterConnectionStringReachesPgDumpAsLibpqVariablesWithThePasswordOutOfTheCommandLine()
    {
        var variables = PostgresTools.Environment(
            "Host=10.0.0.21:5432,10.0.0.22:5433;Target Session Attributes=primary;Host Recheck Seconds=2;Database=smartfactory;Username=smartfactory;Password=s3cret;SSL Mode=Require");

        Assert.Equal(("10.0.0.21,10.0.0.22", "5432,5433", "smartfactory", "smartfactory", "s3cret"),
            (variables["PGHOST"], variables["PGPORT"], variables["PGDATABASE"], variables["PGUSER"], variables["PGPASSWORD"]));
        Assert.Equal(("primary", "require"), (variables["PGTARGETSESSIONATTRS"], variables["PGSSLMODE"]));
        Assert.Equal(("127.0.0.1", "5432"), (PostgresTools.Environment(AppFactory.PostgresServer)["PGHOST"], PostgresTools.Environment(AppFactory.PostgresServer)["PGPORT"]));
    }

    /// <summary>Backs the app up while another user registers one enterprise after another through it.</summary>
    private async Task<(string Backup, int Before, int After)> BackupWhileRegisteringAsync(AppFactory app)
    {
        var registered = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 2; !stop.IsCancellationRequested; n++)
            {
                await Builders.RegisterAsync(app.Browser(), n);
                Interlocked.Increment(ref registered);
            }
        });
        // Past its first registration (the slowest: pages compiled, connections opened) before the backup starts.
        while (Volatile.Read(ref registered) == 0 && !writer.IsCompleted)
        {
            await Task.Delay(20);
        }
        var before = Volatile.Read(ref registered);
        var backup = Folder();
        var run = await RunOnAsync(app, "backup", "--to", backup);
        var after = Volatile.Read(ref registered);
        await stop.CancelAsync();
        await writer;

        Assert.True(run.Exit == AdminCommands.Ok, run.Err);
        Assert.True(after > before, "the writer went on writing while the backup ran");
        return (backup, before, after);
    }

    /// <summary>A command on the app's database and evidence folder, as an operator of that installation runs it.</summary>
    private static Task<Run> RunOnAsync(AppFactory app, params string[] args) => RunUnderKeyAsync(app, null, args);

    /// <summary>The same, on an installation whose <c>Audit:Key</c> is <paramref name="auditKey"/>.</summary>
    private static Task<Run> RunUnderKeyAsync(AppFactory app, string? auditKey, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["Evidence__Root"] = app.EvidenceFolder };
        if (auditKey is not null)
        {
            environment["Audit__Key"] = auditKey;
        }
        return RunAsync(environment, [.. args, "--provider", app.Provider, "--connection", app.ConnectionString]);
    }

    /// <summary>A file of the first wave, kept under Evidence:Root: what a backup copies besides the database.</summary>
    private static void WriteFirstWaveFile(AppFactory app)
    {
        Directory.CreateDirectory(app.EvidenceFolder);
        File.WriteAllBytes(Path.Combine(app.EvidenceFolder, "first-wave.pdf"), Builders.Pdf);
    }

    private static async Task<bool> ExistsAsync(AppFactory app)
    {
        if (app.Provider != "Postgres")
        {
            return File.Exists(app.DatabaseFile);
        }
        await using var connection = new Npgsql.NpgsqlConnection($"{AppFactory.PostgresServer};Database=postgres");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString).Database } },
        };
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private AppFactory App(string provider)
    {
        // The writer of BackupWhileRegisteringAsync registers from one address for as long as the backup runs; on a
        // loaded machine that passed the registration throttle (20 per address and window), which is not this test's subject.
        var app = new AppFactory { Provider = provider, Settings = { ["Security:LoginThrottle:LoginChecksPerAddress"] = "10000" } };
        _apps.Add(app);
        return app;
    }

    /// <summary>A folder name for a backup; the backup creates it.</summary>
    private string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "sf-backup-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        return folder;
    }

    private string CopyOf(string backup)
    {
        var copy = Folder();
        foreach (var file in Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(backup, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }

    private static void FlipByte(string file)
    {
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(file, bytes);
    }

    private static void Truncate(string file)
    {
        using var stream = File.OpenWrite(file);
        stream.SetLength(stream.Length * 2 / 3);
    }

    /// <summary>Records a file's present size and SHA-256 in the manifest, as a careless or malicious edit would.</summary>
    private static void Reseal(string folder, string path)
    {
        var file = new FileInfo(Path.Combine(folder, path));
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file.FullName)));
        Rewrite(folder, m =>
        {
            var entry = m["files"]!.AsArray().Single(f => (string?)f!["path"] == path)!;
            entry["bytes"] = file.Length;
            entry["sha256"] = hash;
        });
    }

    private static void Rewrite(string folder, Action<JsonNode> change)
    {
        var path = Path.Combine(folder, BackupManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        change(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }
}
