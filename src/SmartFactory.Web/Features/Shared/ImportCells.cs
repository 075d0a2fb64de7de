using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace SmartFactory.Web.Features.Shared;

/// <summary>A problem in one cell of an uploaded file, in Chinese; row 0 is the file as a whole, an empty sheet its only one.</summary>
public sealed record CellProblem(int Row, string Column, string Value, string Message, string Sheet = "");

/// <summary>
/// What every all-or-nothing import (the provider's drafts, the province's issued results) does with a cell: reads a sheet
/// by its header row, gives a cell as trimmed text, a number or a date, and cuts a long value short for the report.
/// </summary>
public static class ImportCells
{
    /// <summary>Characters of a cell's value shown beside its problem; the rest is cut off (a cell may hold thousands).</summary>
    private const int ShownChars = 100;

    public const string Unreadable = "无法读取该文件：请上传由“下载导入模板”得到的 .xlsx 文件。";

    /// <summary>
    /// How every upload is read: without MiniExcel's default of turning a cell "@@@fileid@@@,PART" into the bytes of that
    /// zip part, which let one 60 MB part be loaded once for each of 20,000 cells past the scan's limits.
    /// </summary>
    public static readonly OpenXmlConfiguration Reading = new() { EnableConvertByteArray = false };

    /// <summary>The rows of the sheet keyed by header, or null when the file is no workbook MiniExcel can read.</summary>
    public static List<IDictionary<string, object?>>? Rows(Stream workbook, string sheet) =>
        Readable(() => workbook.Query(useHeaderRow: true, sheetName: sheet, configuration: Reading).Cast<IDictionary<string, object?>>().ToList());

    /// <summary>The sheets' names in order, or null when the file is no workbook.</summary>
    public static List<string>? SheetNames(Stream workbook) => Readable(() => MiniExcel.GetSheetNames(workbook, Reading));

    private static T? Readable<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        // The reader is a third party's parser fed what anyone uploaded; whatever it throws on a damaged file (a shared-string
        // cell without the shared strings ends in its own NullReferenceException) means "not a workbook we can read".
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            return null;
        }
    }

    /// <summary>The cell as trimmed text, numbers written without the reader's culture; empty when missing.</summary>
    public static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";

    public static string Text(IDictionary<string, object?> cells, string column) => cells.TryGetValue(column, out var v) ? Text(v) : "";

    /// <summary>A row with nothing in it: skipped, as Excel leaves such rows behind a deleted one.</summary>
    public static bool IsBlank(IDictionary<string, object?> cells) => cells.Values.All(v => Text(v).Length == 0);

    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    /// <summary>A date cell as Excel stores it, or text such as 2026-10-01; false for anything else, 2026-02-30 included.</summary>
    public static bool TryDate(object? value, out DateOnly date)
    {
        if (value is DateTime when)
        {
            date = DateOnly.FromDateTime(when);
            return true;
        }
        return DateOnly.TryParse(Text(value), CultureInfo.InvariantCulture, out date);
    }

    public static string Shown(string value) => value.Length <= ShownChars ? value : value[..ShownChars] + "…";
}
