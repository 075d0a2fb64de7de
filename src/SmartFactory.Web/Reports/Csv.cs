using System.Globalization;
using System.Text;

namespace SmartFactory.Web.Reports;

/// <summary>
/// Writes a <see cref="Table"/> as CSV for the systems that take nothing else (decision 035): UTF-8 with a byte-order mark,
/// so that Excel opens Chinese as Chinese; fields quoted as RFC 4180 says; formula-like text behind an apostrophe, by the
/// same rule as the workbooks (<see cref="Spreadsheet.Neutral"/>).
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv";

    public static byte[] Write(Table table)
    {
        var text = new StringBuilder();
        Line(text, table.Columns);
        foreach (var row in table.Rows)
        {
            Line(text, row);
        }
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line<T>(StringBuilder text, IReadOnlyList<T> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i > 0 ? "," : "").Append(Field(values[i]));
        }
        text.Append("\r\n");
    }

    /// <summary>One field: dates as Excel reads them back as dates, numbers in invariant form, text neutralised and quoted when it must be.</summary>
    public static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string s => Spreadsheet.Neutral(s),
            _ => Spreadsheet.Neutral(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
