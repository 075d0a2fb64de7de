using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;

namespace SmartFactory.Web.Tests;

/// <summary>
/// What an operator runs: the web program itself, started as a process with a command instead of serving
/// (decision 011), on the database the site then uses.
/// </summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private string Connection => $"Data Source={_app.DatabaseFile}";

    [Fact]
    public async Task TheWebProgramMigratesAFreshDatabaseAndCreatesTheFirstAdministratorWhoThenSignsIn()
    {
        var migrated = await RunAsync("migrate", "--connection", Connection);
        var created = await RunAsync("create-admin", "--login", "Admin@JS.gov.cn", "--name", "省厅管理员", "--password", "Adm1nPass2026", "--connection", Connection);
        var again = await RunAsync("create-admin", "--login", "admin@js.gov.cn", "--name", "另一人", "--password", "Adm1nPass2026", "--connection", Connection);

        Assert.True(migrated.Exit == AdminCommands.Ok, migrated.Err);
        Assert.Contains("数据库已是最新版本", migrated.Out);
        Assert.True(created.Exit == AdminCommands.Ok, created.Err);
        Assert.Contains("已创建省级管理员 省厅管理员（admin@js.gov.cn）", created.Out);
        Assert.Equal(AdminCommands.Invalid, again.Exit);
        Assert.Contains("登录账号 admin@js.gov.cn 已存在", again.Err);
        var province = await Seed.SignInAsync(_app, "admin@js.gov.cn", "Adm1nPass2026");
        Assert.Contains("企业名单 江苏省", Browser.Text(await province.GetAsync("/Officials")));
    }

    [Fact]
    public async Task AWeakPasswordOrAnUnknownProviderIsRefusedAndCreatesNoOne()
    {
        var weak = await RunAsync("create-admin", "--login", "admin@js.gov.cn", "--name", "省厅管理员", "--password", "short", "--connection", Connection);
        var provider = await RunAsync("create-admin", "--login", "admin@js.gov.cn", "--name", "省厅管理员", "--password", "Adm1nPass2026", "--provider", "Oracle");

        Assert.Equal((AdminCommands.Invalid, Passwords.Rule), (weak.Exit, weak.Err.Trim()));
        Assert.Equal((AdminCommands.Invalid, "--provider 应为 Sqlite 或 Postgres。"), (provider.Exit, provider.Err.Trim()));
        Assert.Equal(0, _app.Query(db => db.Users.Count()));
    }

    [Fact]
    public async Task RollupsVerifyFindsATamperedCountRebuildRepairsItAndMigrateRestoresKeysAndAnEmptiedTable()
    {
        var first = Seed.Enterprise(_app, 1, Seed.HuqiuCounty, "苏州甲机械有限公司");
        Seed.Submission(_app, first, Domain.Tier.Advanced);
        Seed.Enterprise(_app, 2, Seed.HuqiuCounty, "安徽乙电子有限公司");
        Assert.Equal(AdminCommands.Ok, (await RunAsync("rollups", "verify", "--connection", Connection)).Exit);

        _app.Query(db => db.Rollups.Where(r => r.Kind == RollupKinds.Level).ExecuteUpdate(u => u.SetProperty(r => r.Count, r => r.Count + 5)));
        var tampered = await RunAsync("rollups", "verify", "--connection", Connection);
        var rebuilt = await RunAsync("rollups", "rebuild", "--connection", Connection);
        var clean = await RunAsync("rollups", "verify", "--connection", Connection);

        Assert.Equal(AdminCommands.Failed, tampered.Exit);
        Assert.Contains("level|320500|320505|38|", tampered.Out);
        Assert.Contains("与基础表不一致", tampered.Out);
        Assert.True(rebuilt.Exit == AdminCommands.Ok, rebuilt.Err);
        Assert.Equal((AdminCommands.Ok, true), (clean.Exit, clean.Out.Contains("汇总与基础表一致")));

        // A database from before the name keys and the rollups: migrate computes both.
        _app.Query(db => db.Enterprises.ExecuteUpdate(u => u.SetProperty(e => e.NameKey, "")) + db.Rollups.ExecuteDelete());
        Assert.Equal(AdminCommands.Ok, (await RunAsync("migrate", "--connection", Connection)).Exit);
        Assert.Equal(["安徽乙电子有限公司", "苏州甲机械有限公司"], _app.Query(db => db.Enterprises.OrderBy(e => e.NameKey).Select(e => e.Name).ToList()));
        Assert.Equal(AdminCommands.Ok, (await RunAsync("rollups", "verify", "--connection", Connection)).Exit);
    }

    internal sealed record Run(int Exit, string Out, string Err);

    [Fact]
    public async Task TheLibraryCommandsLoadPublishAndListAVersionAndRefuseABadFileWithItsProblems()
    {
        var good = Path.Combine(Path.GetTempPath(), $"sf-{Guid.NewGuid():N}.json");
        var bad = Path.Combine(Path.GetTempPath(), $"sf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(good, RuleLibraryTests.Variant("2026.2", advancedScenarios: 12));
        await File.WriteAllTextAsync(bad, RuleLibraryTests.Variant("2026.3", change: j => j["catalogEdition"] = "JS-2099"));
        var year = SmartFactory.Domain.BeijingTime.Of(DateTime.UtcNow).Year.ToString();
        try
        {
            var refused = await RunAsync("library", "load", bad, "--connection", Connection);
            var loaded = await RunAsync("library", "load", good, "--connection", Connection);
            var published = await RunAsync("library", "publish", "JS-2026@2026.2", "--from", year, "--connection", Connection);
            var listed = await RunAsync("library", "list", "--connection", Connection);

            Assert.Equal(AdminCommands.Invalid, refused.Exit);
            Assert.Contains("JS-2099", refused.Err);
            Assert.True(loaded.Exit == AdminCommands.Ok, loaded.Err);
            Assert.Contains("已载入 JS-2026@2026.2（草稿，待发布）", loaded.Out);
            Assert.True(published.Exit == AdminCommands.Ok, published.Err);
            Assert.Contains($"JS-2026@2026.2\tJS-2026\t已发布 {year} 年起", listed.Out);
            Assert.Equal(["library.loaded", "library.published"], _app.Query(db => db.AuditEvents.Where(e => e.Action.StartsWith("library.")).OrderBy(e => e.Id).Select(e => e.Action).ToList()));
            Assert.Equal((SmartFactory.Domain.Catalogs.Publication.Published, (int?)int.Parse(year)), _app.Query(db => db.Library.Select(e => new { e.State, e.AppliesFrom }).AsEnumerable().Select(e => (e.State, e.AppliesFrom)).Single()));
        }
        finally
        {
            File.Delete(good);
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task AuditVerifyFindsAnIntactChainAndThenTheRowSomeoneChanged()
    {
        _app.Query(db => db.Users.Count()); // the site is up, and its sealer with it
        var created = await RunAsync("create-admin", "--login", "audit@js.gov.cn", "--name", "审计员", "--password", "Adm1nPass2026", "--audit", "--connection", Connection);
        await AuditTests.SealedAsync(_app);
        var intact = await RunAsync("audit", "verify", "--connection", Connection);
        _app.Query(db => db.Database.ExecuteSqlRaw("""DROP TRIGGER "AuditEvents_AppendOnly_Update"; UPDATE "AuditEvents" SET "Detail" = 'someone else' WHERE "Seq" = 1"""));
        var altered = await RunAsync("audit", "verify", "--connection", Connection);

        Assert.True(created.Exit == AdminCommands.Ok, created.Err);
        Assert.Contains("已创建审计管理员 审计员（audit@js.gov.cn）", created.Out);
        Assert.Equal(Role.AuditAdmin, _app.Query(db => db.Users.Single(u => u.Login == "audit@js.gov.cn").Role));
        Assert.True(intact.Exit == AdminCommands.Ok, intact.Out + intact.Err);
        Assert.Contains("哈希链完好：1 条记录", intact.Out);
        Assert.Equal(AdminCommands.Failed, altered.Exit);
        Assert.Contains("第 1 条", altered.Out);
        Assert.Contains("内容与写入时不符", altered.Out);
    }

    internal static Task<Run> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>The web program as an operator starts it, with <paramref name="environment"/> added to its settings.</summary>
    internal static async Task<Run> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SmartFactory.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new Run(process.ExitCode, await output, await error);
    }
}
