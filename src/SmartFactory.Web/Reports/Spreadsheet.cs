using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace SmartFactory.Web.Reports;

/// <summary>
/// Writes every workbook the system hands out (exports, templates) with the Open XML SDK, so that each is valid Office Open
/// XML (decision 035): the header row bold and frozen, every column as wide as its text (a Chinese character counts
/// twice), numbers as numbers, dates as dates in a date format. No text a user typed — an enterprise's name, say — can
/// act as a formula in the Excel of whoever opens the file: text that a spreadsheet would take for one is written with
/// an apostrophe in front, as OWASP's guidance on CSV injection recommends (decision 020).
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Column widths in characters: no column narrower than a short header, none so wide that a note pushes the rest off screen.</summary>
    public const int MinWidth = 8, MaxWidth = 60;

    private const uint HeaderStyle = 1, DateStyle = 2, DateTimeStyle = 3, WrappedStyle = 4;

    /// <summary>Text starting with =, +, -, @, a tab or a carriage return; a plain signed number such as -5 or +0.5 is no formula.</summary>
    public static bool IsFormulaLike(string text) =>
        text.Length > 0 && (text[0] is '=' or '@' or '\t' or '\r'
            || (text[0] is '+' or '-' && !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)));

    /// <summary>Text as it goes into a cell or a CSV field: formula-like text behind an apostrophe, anything else as it is.</summary>
    public static string Neutral(string text) => IsFormulaLike(text) ? "'" + text : text;

    /// <summary>A workbook of one sheet per table, in order.</summary>
    public static byte[] Write(params IEnumerable<Table> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var strings = new SharedStrings();
            var sheets = new X.Sheets();
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                WriteSheet(part, table, strings);
                sheets.Append(new X.Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = table.Name });
            }
            workbook.Workbook = new X.Workbook(new X.BookViews(new X.WorkbookView()), sheets);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = strings.Table;
        }
        return stream.ToArray();
    }

    /// <summary>Streams the rows (a province's export holds tens of thousands): no cell object outlives its row.</summary>
    private static void WriteSheet(WorksheetPart part, Table table, SharedStrings strings)
    {
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new X.Worksheet());
        writer.WriteElement(new X.SheetViews(new X.SheetView(
            new X.Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = X.PaneValues.BottomLeft, State = X.PaneStateValues.Frozen },
            new X.Selection { Pane = X.PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        if (table.Columns.Count > 0)
        {
            writer.WriteElement(new X.Columns(Widths(table).Select((width, i) =>
                new X.Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = width, CustomWidth = true })));
        }
        writer.WriteStartElement(new X.SheetData());
        WriteRow(writer, 1, table.Columns, strings, header: true);
        for (var i = 0; i < table.Rows.Count; i++)
        {
            WriteRow(writer, (uint)i + 2, table.Rows[i], strings, header: false);
        }
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<object?> values, SharedStrings strings, bool header)
    {
        writer.WriteStartElement(new X.Row { RowIndex = rowIndex });
        for (var c = 0; c < values.Count; c++)
        {
            if (CellOf(values[c], strings, header) is { } cell)
            {
                cell.CellReference = ColumnName(c) + rowIndex.ToString(CultureInfo.InvariantCulture);
                writer.WriteElement(cell);
            }
        }
        writer.WriteEndElement();
    }

    private static X.Cell? CellOf(object? value, SharedStrings strings, bool header) => value switch
    {
        null => null,
        // To the second, as shown and as the CSV writes it: a fraction would round up to the next second in some readers.
        DateTime d => Number(d.AddTicks(-(d.Ticks % TimeSpan.TicksPerSecond)).ToOADate(), DateTimeStyle),
        DateOnly d => Number(d.ToDateTime(TimeOnly.MinValue).ToOADate(), DateStyle),
        int or long or short or byte or uint or ulong or decimal or double or float => new X.Cell { CellValue = new X.CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
        _ => Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", strings, header),
    };

    private static X.Cell Number(double value, uint style) => new() { CellValue = new X.CellValue(value.ToString("R", CultureInfo.InvariantCulture)), StyleIndex = style };

    private static X.Cell Text(string text, SharedStrings strings, bool header)
    {
        var neutral = XmlSafe(header ? text : Neutral(text));
        var cell = new X.Cell { DataType = X.CellValues.SharedString, CellValue = new X.CellValue(strings.IndexOf(neutral)) };
        if (header)
        {
            cell.StyleIndex = HeaderStyle;
        }
        else if (DisplayWidth(neutral) > MaxWidth)
        {
            cell.StyleIndex = WrappedStyle;
        }
        return cell;
    }

    /// <summary>The text with any character XML cannot hold (a control character pasted into a detail, say) as U+FFFD.</summary>
    private static string XmlSafe(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }
        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i++, 2);
            }
            else
            {
                safe.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }
        return safe.ToString();
    }

    /// <summary>Each column's width: its widest cell, header included, plus a margin, within <see cref="MinWidth"/>–<see cref="MaxWidth"/>.</summary>
    private static IEnumerable<double> Widths(Table table) =>
        table.Columns.Select((header, c) => (double)Math.Clamp(
            table.Rows.Select(r => c < r.Count ? DisplayWidth(r[c]) : 0).Prepend(DisplayWidth(header) + 2).Max() + 2, MinWidth, MaxWidth));

    /// <summary>How many character widths a value takes in the cell: Chinese (and other full-width) characters take two.</summary>
    public static int DisplayWidth(object? value) => value switch
    {
        null => 0,
        DateTime => 19,
        DateOnly => 10,
        _ => (Convert.ToString(value, CultureInfo.InvariantCulture) ?? "").Sum(ch => ch >= '\u2E80' ? 2 : 1),
    };

    /// <summary>A, B, …, Z, AA, AB, … for the zero-based column index.</summary>
    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }
        return name;
    }

    private static X.Stylesheet Styles()
    {
        static X.Font Font(bool bold) => bold
            ? new X.Font(new X.Bold(), new X.FontSize { Val = 11 }, new X.FontName { Val = "等线" })
            : new X.Font(new X.FontSize { Val = 11 }, new X.FontName { Val = "等线" });
        return new X.Stylesheet(
            new X.NumberingFormats(
                new X.NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd" },
                new X.NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy-mm-dd hh:mm:ss" }) { Count = 2 },
            new X.Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
            new X.Fills(new X.Fill(new X.PatternFill { PatternType = X.PatternValues.None }), new X.Fill(new X.PatternFill { PatternType = X.PatternValues.Gray125 })) { Count = 2 },
            new X.Borders(new X.Border(new X.LeftBorder(), new X.RightBorder(), new X.TopBorder(), new X.BottomBorder(), new X.DiagonalBorder())) { Count = 1 },
            new X.CellStyleFormats(new X.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new X.CellFormats(
                new X.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new X.CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
                new X.CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new X.CellFormat { NumberFormatId = 165, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
                new X.CellFormat(new X.Alignment { WrapText = true, Vertical = X.VerticalAlignmentValues.Top }) { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyAlignment = true })
            { Count = 5 },
            new X.CellStyles(new X.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
    }

    /// <summary>The workbook's shared strings: each distinct text once (a county's name recurs on every row).</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

        public X.SharedStringTable Table { get; } = new();

        public string IndexOf(string text)
        {
            if (!_index.TryGetValue(text, out var i))
            {
                i = _index.Count;
                _index[text] = i;
                Table.Append(new X.SharedStringItem(new X.Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            return i.ToString(CultureInfo.InvariantCulture);
        }
    }
}
