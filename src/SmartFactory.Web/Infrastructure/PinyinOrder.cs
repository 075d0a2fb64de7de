using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Chinese names in pinyin order (安 北 常 南 苏 无 徐 扬), the same on both databases and in the process (decision 016):
/// PostgreSQL sorts with its ICU collation <c>zh-x-icu</c>; SQLite with the collation <c>pinyin</c> registered on every
/// connection by <see cref="SqliteDurability"/>, comparing with .NET's zh-CN CompareInfo (ICU as well).
/// </summary>
public static class PinyinOrder
{
    /// <summary>PostgreSQL's ICU collation for Chinese; <c>und-x-icu</c> sorts 北 南 安 常, by code point like the default.</summary>
    public const string PostgresCollation = "zh-x-icu";

    public const string SqliteCollation = "pinyin";

    public static readonly StringComparer Comparer = StringComparer.Create(CultureInfo.GetCultureInfo("zh-CN"), ignoreCase: false);

    private static readonly CompareInfo Chinese = CultureInfo.GetCultureInfo("zh-CN").CompareInfo;

    /// <summary>The sort key of a name: ordinal order of the keys is <see cref="Comparer"/>'s order of the names.</summary>
    public static string KeyOf(string name) => Convert.ToHexString(Chinese.GetSortKey(name).KeyData);

    /// <summary>The name of the pinyin collation on this context's database, for <see cref="RelationalDbFunctionsExtensions.Collate{TProperty}"/>.</summary>
    public static string PinyinCollation(this AppDbContext db) => db is PostgresDbContext ? PostgresCollation : SqliteCollation;

    /// <summary>Registers <see cref="SqliteCollation"/> on a SQLite connection; called for every connection the app opens.</summary>
    public static void RegisterOn(SqliteConnection connection) =>
        connection.CreateCollation(SqliteCollation, (a, b) => Comparer.Compare(a, b));

    public static IEnumerable<City> ByName(this IEnumerable<City> cities) => cities.OrderBy(c => c.Name, Comparer);

    public static IEnumerable<County> ByName(this IEnumerable<County> counties) => counties.OrderBy(c => c.Name, Comparer);

    public static IEnumerable<Industry> ByName(this IEnumerable<Industry> industries) => industries.OrderBy(i => i.Name, Comparer);
}
