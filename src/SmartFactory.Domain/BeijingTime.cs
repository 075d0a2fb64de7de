namespace SmartFactory.Domain;

/// <summary>
/// Jiangsu's clock. Times are stored in UTC; what users read (dates, times, the assessment year, the pledge date) is
/// Beijing time, UTC+8 all year round (China has no daylight saving), so a fixed offset is exact.
/// </summary>
public static class BeijingTime
{
    public static DateTime Of(DateTime utc) => utc.AddHours(8);

    public static DateTime? Of(DateTime? utc) => utc is { } u ? Of(u) : null;

    /// <summary>The calendar day in Beijing at a UTC instant.</summary>
    public static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Of(utc));

    /// <summary>The UTC instant at which a Beijing calendar day begins.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddHours(-8), DateTimeKind.Utc);
}
