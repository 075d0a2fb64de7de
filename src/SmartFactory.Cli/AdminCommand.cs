using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Applications;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Account;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Cli;

/// <summary><c>create-admin</c>: the first province administrator, from whom every other official account descends.</summary>
public static class AdminCommand
{
    public static int CreateAdmin(Dictionary<string, string> options, TextWriter output, TextWriter error)
    {
        var login = options.GetValueOrDefault("login")?.Trim().ToLowerInvariant();
        var name = options.GetValueOrDefault("name")?.Trim();
        var password = options.GetValueOrDefault("password") ?? Environment.GetEnvironmentVariable("SMARTFACTORY_ADMIN_PASSWORD");
        if (string.IsNullOrEmpty(login) || string.IsNullOrEmpty(name) || string.IsNullOrEmpty(password))
        {
            return Commands.Refuse(error, "请提供 --login、--name 和 --password（或环境变量 SMARTFACTORY_ADMIN_PASSWORD）。");
        }
        if (!Regex.IsMatch(password, Passwords.Pattern))
        {
            return Commands.Refuse(error, Passwords.Rule);
        }
        using var db = Open(options.GetValueOrDefault("provider") ?? "Sqlite", options.GetValueOrDefault("connection") ?? new DatabaseOptions().ConnectionString);
        db.Database.Migrate();
        if (db.Users.Any(u => u.Login == login))
        {
            return Commands.Refuse(error, $"登录账号 {login} 已存在。");
        }
        var user = new User
        {
            Login = login,
            DisplayName = name,
            Role = Role.ProvinceOfficial,
            DivisionCode = ApplicationWorkflow.Province,
            SecurityStamp = Auth.NewStamp(),
            CreatedAt = DateTime.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<User>().HashPassword(user, password);
        db.Users.Add(user);
        db.Record(user.CreatedAt, null, null, "official.created", $"{login} ProvinceOfficial 320000 (command line)");
        db.SaveChanges();
        output.WriteLine($"已创建省级管理员 {name}（{login}）。");
        return Commands.Ok;
    }

    private static AppDbContext Open(string provider, string connection) => provider == "Postgres"
        ? new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connection).Options)
        : new SqliteDbContext(new DbContextOptionsBuilder<SqliteDbContext>().UseSqlite(Database.SqliteConnectionString(connection)).Options);
}
