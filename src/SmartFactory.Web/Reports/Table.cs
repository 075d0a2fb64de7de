namespace SmartFactory.Web.Reports;

/// <summary>
/// What a download holds, before it is a workbook's sheet or a CSV file: a name, the column headers in order, and the rows'
/// values in the same order — text, numbers, <see cref="DateTime"/> (Beijing time) or <see cref="DateOnly"/>, or null.
/// </summary>
public sealed record Table(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    /// <summary>A table whose columns are named once, so that it has its header row even when no row matches.</summary>
    public static Table Of<T>(string name, IEnumerable<T> items, IReadOnlyList<(string Header, Func<T, object?> Value)> columns) =>
        new(name, columns.Select(c => c.Header).ToList(), items.Select(IReadOnlyList<object?> (i) => columns.Select(c => c.Value(i)).ToArray()).ToList());

    /// <summary>A table of rows keyed by column header; the columns in the order they first appear.</summary>
    public static Table Of(string name, IEnumerable<IReadOnlyDictionary<string, object?>> rows)
    {
        var list = rows.ToList();
        var columns = list.SelectMany(r => r.Keys).Distinct().ToList();
        return new(name, columns, list.Select(IReadOnlyList<object?> (r) => columns.Select(c => r.GetValueOrDefault(c)).ToArray()).ToList());
    }

    /// <summary>A sheet of notes: one column, one text a row.</summary>
    public static Table Notes(string name, string column, IEnumerable<string> texts) =>
        new(name, [column], texts.Select(IReadOnlyList<object?> (t) => [t]).ToList());
}
