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

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The records of an uploaded CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks), a byte-order mark
    /// or not; null when the bytes are not UTF-8 (a file saved as GBK, say), which would otherwise read as mojibake.
    /// </summary>
    public static List<List<string>>? Read(byte[] bytes)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add(record);
                    record = [];
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }
}
