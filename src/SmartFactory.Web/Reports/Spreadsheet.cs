using System.Globalization;
using MiniExcelLibs;

namespace SmartFactory.Web.Reports;

/// <summary>
/// Writes every workbook the system hands out (exports, templates), so that no text a user typed — an enterprise's
/// name, say — can act as a formula in the Excel of whoever opens the file: text that a spreadsheet would take for one
/// is written with an apostrophe in front, as OWASP's guidance on CSV injection recommends (decision 020).
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Text starting with =, +, -, @, a tab or a carriage return; a plain signed number such as -5 or +0.5 is no formula.</summary>
    public static bool IsFormulaLike(string text) =>
        text.Length > 0 && (text[0] is '=' or '@' or '\t' or '\r'
            || (text[0] is '+' or '-' && !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)));

    /// <summary>The value as it goes into a cell: formula-like text behind an apostrophe, anything else as it is.</summary>
    public static object? Cell(object? value) => value is string text && IsFormulaLike(text) ? "'" + text : value;

    /// <summary>A workbook of one or more sheets, each a list of rows keyed by column header, in order.</summary>
    public static byte[] Write(IEnumerable<(string Name, IEnumerable<IReadOnlyDictionary<string, object?>> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(sheets.ToDictionary(s => s.Name, s => (object)Neutral(s.Rows)));
        return stream.ToArray();
    }

    /// <summary>A one-sheet workbook, ready to be sent.</summary>
    public static async Task<Stream> WriteAsync(IEnumerable<IReadOnlyDictionary<string, object?>> rows, string sheetName)
    {
        var stream = new MemoryStream();
        await stream.SaveAsAsync(Neutral(rows), sheetName: sheetName);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Rows of a sheet of notes: one column, one text a row.</summary>
    public static IEnumerable<IReadOnlyDictionary<string, object?>> Notes(string column, IEnumerable<string> texts) =>
        texts.Select(t => new Dictionary<string, object?> { [column] = t });

    private static List<Dictionary<string, object?>> Neutral(IEnumerable<IReadOnlyDictionary<string, object?>> rows) =>
        rows.Select(r => r.ToDictionary(c => c.Key, c => Cell(c.Value))).ToList();
}
