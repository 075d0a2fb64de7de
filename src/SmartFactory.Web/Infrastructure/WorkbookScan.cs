using System.IO.Compression;
using System.Xml;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Checks an uploaded .xlsx against <see cref="UploadOptions"/> before a reader opens it (decision 020): first the
/// zip's parts as its directory declares them, then every part unpacked once as a stream, counting what really comes
/// out, with the sheets and the shared strings read as XML one node at a time for their rows, columns and cell lengths.
/// Sheets and shared strings by their names as the reader resolves them, not only as Excel writes them: the reader also
/// takes a sheet stored as <c>xl/worksheets/sheet1.bin</c>, <c>/xl/worksheets/…</c> or in a subfolder, and shared strings
/// as <c>xl\sharedStrings.xml</c>, and a scan that went by the exact names let a 60,000,000-character cell through (the
/// re-attack of 2026-12-04, docs/benchmarks.md). Other parts (styles, drawings, a Power Query's base64 in customXml) are
/// only unpacked: the reader reads no cell from them.
/// Nothing is kept, so memory stays at a few buffers whatever the file holds.
/// </summary>
public static class WorkbookScan
{
    private const long RatioFrom = 1024 * 1024;
    private const string Unreadable = "无法读取该文件：工作簿的内容已损坏，或不是 Excel 2007 及以后版本保存的 .xlsx 文件。";

    /// <summary>
    /// Null when the workbook is within the limits, or is no zip at all (its reader then refuses it in its own words);
    /// else why not, in Chinese. The stream is left at its start.
    /// </summary>
    public static string? Problem(Stream workbook, UploadOptions limits)
    {
        workbook.Position = 0;
        try
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException)
            {
                return null;
            }
            using (zip)
            {
                try
                {
                    return Declared(zip, limits) ?? Unpacked(zip, limits);
                }
                catch (InvalidDataException)
                {
                    return Unreadable; // the end record read, the central directory it points to damaged
                }
            }
        }
        finally
        {
            workbook.Position = 0;
        }
    }

    /// <summary>The part's name as a reader may resolve it: forward slashes, no leading one.</summary>
    private static string Name(ZipArchiveEntry e) => e.FullName.Replace('\\', '/').TrimStart('/');

    /// <summary>A part a reader may take for a sheet (anything under <c>xl/worksheets/</c> but its relationships): it must be XML.</summary>
    private static bool IsSheet(ZipArchiveEntry e) =>
        Name(e) is var name && name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && !name.Contains("/_rels/", StringComparison.Ordinal);

    private static bool IsSharedStrings(ZipArchiveEntry e) => Path.GetFileName(Name(e)).Equals("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);

    private static string? Declared(ZipArchive zip, UploadOptions limits)
    {
        if (zip.Entries.Count > limits.MaxZipEntries)
        {
            return $"文件包含 {zip.Entries.Count} 个部件，上限为 {limits.MaxZipEntries} 个，不是正常的 Excel 工作簿。";
        }
        if (zip.Entries.Count(IsSheet) is var sheets && sheets > limits.MaxSheets)
        {
            return $"工作簿有 {sheets} 个工作表，上限为 {limits.MaxSheets} 个。";
        }
        if (zip.Entries.Sum(e => e.Length) is var total && total > limits.MaxUncompressedBytes)
        {
            return TooLarge(limits);
        }
        return zip.Entries.Any(e => e.Length > RatioFrom && (e.CompressedLength == 0 || e.Length / e.CompressedLength > limits.MaxCompressionRatio))
            ? $"文件的压缩比异常（超过 {limits.MaxCompressionRatio} 倍），疑似“压缩炸弹”，已拒绝。"
            : null;
    }

    private static string TooLarge(UploadOptions limits) => $"文件解压后超过 {UploadOptions.Megabytes(limits.MaxUncompressedBytes)}，已拒绝；请删去不需要的行、列和工作表后重新上传。";

    private static string? Unpacked(ZipArchive zip, UploadOptions limits)
    {
        var budget = new Budget { Left = limits.MaxUncompressedBytes };
        foreach (var entry in zip.Entries)
        {
            string? problem;
            try
            {
                using var stream = new CountingStream(entry.Open(), budget);
                problem = IsSheet(entry) || IsSharedStrings(entry) ? Part(stream, limits) : Drain(stream);
            }
            catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
            {
                problem = budget.Exceeded ? null : Unreadable;
            }
            if (budget.Exceeded)
            {
                return TooLarge(limits);
            }
            if (problem is not null)
            {
                return problem;
            }
        }
        return null;
    }

    private static string? Drain(Stream stream)
    {
        stream.CopyTo(Stream.Null);
        return null;
    }

    private static XmlReader Reader(Stream stream) => XmlReader.Create(stream, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    });

    /// <summary>
    /// A sheet or the shared strings: rows and columns counted, and text measured per cell (<c>c</c>) and per shared
    /// string (<c>si</c>) — an element of either name inside one does not start a new count, since the reader joins every
    /// text of the outer one — or per text node outside them.
    /// </summary>
    private static string? Part(Stream stream, UploadOptions limits)
    {
        var rows = 0;
        var columns = 0L; // cells of the current row: a cell without an "r" reference is the one after the last
        var cell = 0L;
        var cellDepth = -1;
        var maxRow = limits.MaxRows + 1; // the header row
        var tooManyRows = $"有工作表超过 {limits.MaxRows} 行（不含表头），上限为 {limits.MaxRows} 行；请分成几个文件上传。";
        var tooManyColumns = $"有工作表超过 {limits.MaxColumns} 列，上限为 {limits.MaxColumns} 列。";
        using var reader = Reader(stream);
        var buffer = new char[4096];
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                if (cellDepth < 0)
                {
                    cell = 0; // outside a cell every text node is measured alone
                }
                switch (reader.LocalName)
                {
                    case "dimension" when reader.GetAttribute("ref") is { } range && CellRef(range[(range.LastIndexOf(':') + 1)..]) is var (column, row):
                        if (column > limits.MaxColumns)
                        {
                            return tooManyColumns;
                        }
                        if (row > maxRow)
                        {
                            return tooManyRows;
                        }
                        break;
                    case "row":
                        if (++rows > maxRow || (int.TryParse(reader.GetAttribute("r"), out var r) && r > maxRow))
                        {
                            return tooManyRows;
                        }
                        columns = 0;
                        break;
                    case "c" or "si" when cellDepth < 0:
                        cellDepth = reader.IsEmptyElement ? -1 : reader.Depth;
                        // The reader numbers cells by position once one has no reference, so the larger of the two counts.
                        if (reader.LocalName == "c" && (columns = Math.Max(columns + 1, reader.GetAttribute("r") is { } at ? CellRef(at).Column : 0)) > limits.MaxColumns)
                        {
                            return tooManyColumns;
                        }
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == cellDepth)
            {
                cellDepth = -1;
            }
            else if (IsText(reader) && (cell += TextLength(reader, buffer, limits.MaxCellChars - cell)) > limits.MaxCellChars)
            {
                return TooLong(limits);
            }
        }
        return null;
    }

    private static string TooLong(UploadOptions limits) => $"有单元格的内容超过 {limits.MaxCellChars} 个字符，已拒绝。";

    private static bool IsText(XmlReader reader) => reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace;

    /// <summary>The length of the current text node, read in chunks and no further than one past <paramref name="allowed"/>.</summary>
    private static long TextLength(XmlReader reader, char[] buffer, long allowed)
    {
        if (!reader.CanReadValueChunk)
        {
            return reader.Value.Length;
        }
        long length = 0;
        int read;
        while (length <= allowed && (read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            length += read;
        }
        return length;
    }

    /// <summary>"AB12" → (28, 12); a missing row number is 0.</summary>
    private static (long Column, long Row) CellRef(string reference)
    {
        long column = 0, row = 0;
        foreach (var c in reference)
        {
            if (char.IsAsciiLetter(c))
            {
                column = Math.Min(column * 26 + (char.ToUpperInvariant(c) - 'A' + 1), int.MaxValue);
            }
            else if (char.IsAsciiDigit(c))
            {
                row = Math.Min(row * 10 + (c - '0'), int.MaxValue);
            }
        }
        return (column, row);
    }

    private sealed class Budget
    {
        public long Left;
        public bool Exceeded;
    }

    /// <summary>An unpacked part as it comes out, ending early (and marking the budget) once all parts together pass the limit.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (budget.Exceeded)
            {
                return 0;
            }
            var read = inner.Read(buffer, offset, count);
            budget.Left -= read;
            if (budget.Left < 0)
            {
                budget.Exceeded = true;
                return 0;
            }
            return read;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
