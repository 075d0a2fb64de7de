using System.Globalization;
using SmartFactory.Domain.Enterprises;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Chinese names in pinyin order (安 北 常 南 苏 无 徐 扬), the same on both databases and in the process (decision 016):
/// in the process with .NET's zh-CN comparison (ICU), in the database by <see cref="Data.Enterprise.NameKey"/>, the
/// name's zh-CN sort key, whose byte order is that comparison's order.
/// </summary>
public static class PinyinOrder
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    public static readonly StringComparer Comparer = StringComparer.Create(Chinese, ignoreCase: false);

    /// <summary>The sort key of a name: ordinal order of the keys is <see cref="Comparer"/>'s order of the names.</summary>
    public static string KeyOf(string name) => Convert.ToHexString(Chinese.CompareInfo.GetSortKey(name).KeyData);

    public static IEnumerable<City> ByName(this IEnumerable<City> cities) => cities.OrderBy(c => c.Name, Comparer);

    public static IEnumerable<County> ByName(this IEnumerable<County> counties) => counties.OrderBy(c => c.Name, Comparer);

    public static IEnumerable<Industry> ByName(this IEnumerable<Industry> industries) => industries.OrderBy(i => i.Name, Comparer);
}
