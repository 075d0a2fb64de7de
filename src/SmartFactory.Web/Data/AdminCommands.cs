using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Data;

/// <summary>
/// What an operator runs against the database with the web program itself (decision 011), reading the same settings
/// as the running app (appsettings, environment, or <c>--provider</c>/<c>--connection</c>):
/// <c>SmartFactory.Web create-admin …</c>, <c>migrate</c>, <c>backup</c>/<c>restore</c> (decision 022) and the rest of <see cref="Usage"/>. Exit 0 done, 2 refused, 1 failed.
/// </summary>
public static class AdminCommands
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    private static readonly string[] Names = ["create-admin", "migrate", "rollups", "library", "audit", "backup", "restore", "reseal-secrets", "two-factor-link"];

    public const string Usage = """
        用法：SmartFactory.Web <命令> [--provider Sqlite|Postgres] [--connection 连接串]
          （不给 --provider/--connection 时使用与网站相同的设置：appsettings.json 或环境变量 Database__Provider、Database__ConnectionString）
          create-admin --login 账号 --name 姓名 --password 密码 [--system | --security | --audit]
                       创建第一个省级管理员（省级官员）账号；加 --system 创建系统管理员（规则库），--security 安全管理员
                       （解锁账号、吊销令牌），--audit 审计管理员（只读审计日志）；数据库不存在时先创建并迁移
          migrate      创建数据库或将其迁移到当前版本
          rollups verify   由基础表重新计算官员视图的汇总并与已存汇总比较，列出不一致之处（一致时退出码 0，否则 1）
          rollups rebuild  由基础表重新计算并替换全部汇总（批量导入数据之后运行）
          library list                      列出规则集版本与场景目录及其状态
          library load FILE                 校验并载入规则集或场景目录（JSON）或规则数值工作簿（.xlsx），规则集为待发布草稿
          library publish 规则集@版本 --from 年度   发布草稿，自该年度的评估起适用
          library withdraw 规则集@版本       撤回尚无提交使用的已发布版本
          audit verify     校验审计日志的哈希链，报告第一处被改动、插入或删除的记录（完好时退出码 0，否则 1）
          reseal-secrets   设置或轮换 Security:SecretKey 后，用当前密钥重新封存全部两步验证密钥
          two-factor-link --login 账号
                       为角色须使用两步验证（Security:RequireTwoFactorFor）而尚未设置的账号（包括三类管理员）发放两步验证
                       设置链接（7 天内有效、只能使用一次）；本人用它和自己的密码登录后设置。create-admin 创建此类账号时也会发放
          backup --to 文件夹 [--pg-bin 文件夹]
                       网站运行时备份数据库（SQLite 在线副本，PostgreSQL 为 pg_dump -Fc）与 Evidence:Root 下的文件，并写清单（迁移、各表行数、SHA-256；配置 Audit:Key 时附签名）
          restore --from 文件夹 [--force] [--accept-unsigned] [--pg-bin 文件夹]
                       校验备份（及清单签名）后恢复数据库与文件，再按清单核对；目标已有数据时须加 --force；
                       配置了 Audit:Key 而清单没有签名时须加 --accept-unsigned；备份损坏或不完整时不做任何更改
        """;

    /// <summary>Whether the program was started to run a command rather than to serve.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var options = Options(args.Skip(1).ToArray());
            if (options.GetValueOrDefault("provider") is { } provider && provider is not ("Sqlite" or "Postgres"))
            {
                return Refuse(error, "--provider 应为 Sqlite 或 Postgres。");
            }
            await using var host = Build(options);
            using var scope = host.Services.CreateScope();
            return args[0] switch
            {
                "create-admin" => await CreateAdminAsync(scope.ServiceProvider, options, output, error),
                "migrate" => await MigrateAsync(scope.ServiceProvider, output),
                "rollups" => await RollupsAsync(scope.ServiceProvider, args.ElementAtOrDefault(1), output, error),
                "library" => await LibraryCommandLine.RunAsync(scope.ServiceProvider, Positional(args.Skip(1).ToArray()), options, output, error),
                "audit" when args.ElementAtOrDefault(1) == "verify" => await VerifyAuditAsync(scope.ServiceProvider, output),
                "backup" => await BackupCommands.BackupAsync(scope.ServiceProvider, options, output, error),
                "restore" => await BackupCommands.RestoreAsync(scope.ServiceProvider, options, output, error),
                "reseal-secrets" => await ResealSecretsAsync(scope.ServiceProvider, output, error),
                "two-factor-link" => await TwoFactorLinkAsync(scope.ServiceProvider, options, output, error),
                _ => Refuse(error, Usage),
            };
        }
        catch (Exception e)
        {
            error.WriteLine($"意外错误：{e.Message}");
            return Failed;
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output)
    {
        await Database.MigrateAsync(services);
        var db = services.GetRequiredService<AppDbContext>();
        output.WriteLine($"数据库已是最新版本（{(await db.Database.GetAppliedMigrationsAsync()).Count()} 个迁移）。");
        return Ok;
    }

    /// <summary>`rollups verify` lists every rollup row that differs from a recomputation; `rollups rebuild` replaces them all.</summary>
    private static async Task<int> RollupsAsync(IServiceProvider services, string? what, TextWriter output, TextWriter error)
    {
        var db = services.GetRequiredService<AppDbContext>();
        switch (what)
        {
            case "verify":
                var differences = await Rollups.VerifyAsync(db);
                foreach (var line in differences.Take(200))
                {
                    output.WriteLine(line);
                }
                output.WriteLine(differences.Count == 0 ? "汇总与基础表一致。" : $"汇总有 {differences.Count} 处与基础表不一致（已存 → 应为）；运行 rollups rebuild 修复。");
                return differences.Count == 0 ? Ok : Failed;
            case "rebuild":
                output.WriteLine($"已由基础表重建汇总：{await Rollups.RebuildAsync(db)} 行。");
                return Ok;
            default:
                return Refuse(error, Usage);
        }
    }

    /// <summary>`audit verify`: walks the audit chain (decision 023) and names the first row that does not fit.</summary>
    private static async Task<int> VerifyAuditAsync(IServiceProvider services, TextWriter output)
    {
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Audit.Options>>().Value;
        var verdict = await AuditChain.VerifyAsync(services.GetRequiredService<AppDbContext>(), options.KeyBytes());
        if (string.IsNullOrEmpty(options.Key))
        {
            output.WriteLine("注意：未配置 Audit:Key，校验能发现误改，但不能排除有数据库写权限者重算整条链。");
        }
        output.WriteLine(verdict.Describe());
        return verdict.Intact ? Ok : Failed;
    }

    /// <summary>The first province administrator, from whom every other official account descends.</summary>
    private static async Task<int> CreateAdminAsync(IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var login = Logins.Normalize(options.GetValueOrDefault("login"));
        var name = options.GetValueOrDefault("name")?.Trim();
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("SMARTFACTORY_ADMIN_PASSWORD");
        Role? admin = options.ContainsKey("system") ? Role.SystemAdmin : options.ContainsKey("security") ? Role.SecurityAdmin
            : options.ContainsKey("audit") ? Role.AuditAdmin : null;
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return Refuse(error, "请提供 --login、--name 和 --password（或环境变量 SMARTFACTORY_ADMIN_PASSWORD）。");
        }
        if (!Regex.IsMatch(password, Passwords.Pattern))
        {
            return Refuse(error, Passwords.Rule);
        }
        await Database.MigrateAsync(services);
        var db = services.GetRequiredService<AppDbContext>();
        if (await Logins.TakenAsync(db, login) is not null)
        {
            return Refuse(error, $"登录账号 {login} 已存在。");
        }
        var user = new User
        {
            Login = login,
            DisplayName = name,
            Role = admin ?? Role.ProvinceOfficial,
            DivisionCode = admin is null ? ApplicationWorkflow.Province : null,
            SecurityStamp = Auth.NewStamp(),
            CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
        db.Users.Add(user);
        db.Record(user.CreatedAt, null, null, admin is null ? "official.created" : "admin.created", $"{login} {user.Role} {user.DivisionCode} (command line)");
        await db.SaveChangesAsync();
        output.WriteLine($"已创建{Roles.Name(user.Role)} {name}（{login}）。");
        if (services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.MustEnrol(user.Role, hasSecondFactor: false))
        {
            await IssueTwoFactorLinkAsync(db, user, output);
        }
        return Ok;
    }

    /// <summary>
    /// The operator's 两步验证设置链接 (decision 046): the way in for an account whose role requires a second factor it has
    /// not set up and that no security administrator may help — the administrators themselves (三员分立).
    /// </summary>
    private static async Task<int> TwoFactorLinkAsync(IServiceProvider services, Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var login = Logins.Normalize(options.GetValueOrDefault("login"));
        var db = services.GetRequiredService<AppDbContext>();
        if (string.IsNullOrEmpty(login) || await db.Users.FirstOrDefaultAsync(u => u.Login == login && u.PasswordHash != null) is not { } user)
        {
            return Refuse(error, $"没有已设置密码的登录账号 {login}（尚未接受邀请的账号请重新发放邀请链接）。");
        }
        if (!services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.MustEnrol(user.Role, user.TotpSecret is not null))
        {
            return Refuse(error, user.TotpSecret is null ? $"{login} 的角色不要求两步验证（Security:RequireTwoFactorFor），本人可自行开启。" : $"{login} 已开启两步验证。");
        }
        await IssueTwoFactorLinkAsync(db, user, output);
        return Ok;
    }

    private static async Task IssueTwoFactorLinkAsync(AppDbContext db, User user, TextWriter output)
    {
        var now = DateTime.UtcNow;
        var token = await TwoFactorLinks.IssueAsync(db, user, by: null, now);
        db.Record(now, null, null, "admin.two-factor-link-issued", $"{user.Login} (command line)");
        await db.SaveChangesAsync();
        output.WriteLine($"该账号的角色须使用两步验证。请把下面的两步验证设置链接通过可靠渠道交给本人（7 天内有效、只能使用一次）：");
        output.WriteLine(Features.Notices.Notify.PublicLink(db, PasswordResets.LinkPath(PasswordResetKind.TwoFactorLink, token)));
    }

    /// <summary>
    /// After <c>Security:SecretKey</c> is set or rotated: every authenticator key not yet sealed under the current key is
    /// sealed under it now, each in a statement that writes only if the row still holds what was read, so a key a user
    /// re-enrolled meanwhile is left alone. Keys no key of this installation opens are counted, not touched.
    /// </summary>
    private static async Task<int> ResealSecretsAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        if (string.IsNullOrEmpty(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.SecretKey))
        {
            return Refuse(error, "未配置 Security:SecretKey：先设置密钥（openssl rand -base64 32），旧密钥放在 Security:PreviousSecretKey，再运行本命令。");
        }
        var db = services.GetRequiredService<AppDbContext>();
        var sealer = services.GetRequiredService<SecretSealer>();
        var keys = await db.Users.AsNoTracking().Where(u => u.TotpSecret != null).Select(u => new { u.Id, u.TotpSecret }).ToListAsync();
        var (resealed, unreadable) = (0, 0);
        foreach (var key in keys)
        {
            switch (sealer.Open(key.TotpSecret!))
            {
                case null:
                    unreadable++;
                    break;
                case { Current: false } opened:
                    var sealedNow = sealer.Seal(opened.Secret);
                    resealed += await db.Users.Where(u => u.Id == key.Id && u.TotpSecret == key.TotpSecret)
                        .ExecuteUpdateAsync(u => u.SetProperty(x => x.TotpSecret, sealedNow));
                    break;
            }
        }
        output.WriteLine($"两步验证密钥共 {keys.Count} 个，已用当前密钥重新封存 {resealed} 个。");
        if (unreadable > 0)
        {
            error.WriteLine($"注意：{unreadable} 个密钥无法用现有密钥打开（封存它们的密钥已不在配置中），这些用户须用恢复码登录，或由安全管理员重置两步验证。");
        }
        return Ok;
    }

    /// <summary>The app's database and evidence services, from the app's own settings unless --provider/--connection say otherwise.</summary>
    private static WebApplication Build(Dictionary<string, string> options)
    {
        var builder = WebApplication.CreateBuilder();
        var overrides = new Dictionary<string, string?>();
        if (options.TryGetValue("provider", out var provider))
        {
            overrides["Database:Provider"] = provider;
        }
        if (options.TryGetValue("connection", out var connection))
        {
            overrides["Database:ConnectionString"] = connection;
        }
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.AddEditionsAndRegions();
        builder.AddDatabase();
        builder.AddEvidenceStorage();
        builder.Services.AddSecuritySettings();
        builder.Services.AddSharedKeyRing();
        // The links a command prints (two-factor-link) start with the site's public address, as the site's own do.
        builder.Services.AddOptions<NetworkOptions>().BindConfiguration("Network");
        return builder.Build();
    }

    /// <summary>Reads "--name value" pairs; a flag without a value maps to "".</summary>
    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                options[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "";
            }
        }
        return options;
    }

    /// <summary>The arguments that are neither an option nor an option's value.</summary>
    private static string[] Positional(string[] args)
    {
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                i += i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? 1 : 0;
                continue;
            }
            positional.Add(args[i]);
        }
        return positional.ToArray();
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine(message);
        return Invalid;
    }
}
