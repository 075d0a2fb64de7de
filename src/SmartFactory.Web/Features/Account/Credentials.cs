using Microsoft.EntityFrameworkCore;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Account;

/// <summary>The rules for a login, shared by every page that creates an account or looks one up.</summary>
public static class Logins
{
    public const string Pattern = @"^([^@\s]+@[^@\s]+\.[^@\s]+|1[3-9][0-9]{9})$";
    public const string Rule = "登录账号应为邮箱或 11 位手机号。";

    public const string Taken = "该登录账号已被使用。";

    /// <summary>Logins are compared trimmed and in lower case; a field left empty binds as null, and stays empty here for [Required] to report.</summary>
    public static string Normalize(string? login) => (login ?? "").Trim().ToLowerInvariant();

    /// <summary>Why a new account cannot have this (normalised) login, or null: every kind of account shares one namespace of logins.</summary>
    public static async Task<string?> TakenAsync(AppDbContext db, string login) =>
        await db.Users.AnyAsync(u => u.Login == login) ? Taken : null;
}

/// <summary>The password rule, shared by registration, invitations and the password page.</summary>
public static class Passwords
{
    public const string Pattern = @"^(?=.*[A-Za-z])(?=.*[0-9]).{8,64}$";
    public const string Rule = "密码至少 8 位，且同时包含字母和数字。";
}
