using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace SmartFactory.Web.Reports;

/// <summary>
/// The one font of the reports, for Chinese and Latin alike. PDFsharp embeds only the glyphs used (a subset), so a
/// report stays small. A .ttc collection is accepted: its first face is cut out as a standalone TrueType font,
/// because PDFsharp reads single fonts only.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "SmartFactoryCJK";
    private static readonly Lock Gate = new();
    private readonly byte[] _font;

    private ReportFonts(byte[] font) => _font = font;

    /// <summary>PDFsharp's resolver is process-wide and can be set once; later calls keep the first font.</summary>
    public static void Install(string fontFile)
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is ReportFonts)
            {
                return;
            }
            if (!File.Exists(fontFile))
            {
                throw new FileNotFoundException($"报告字体文件不存在：{fontFile}（配置项 Reports:FontFile）。", fontFile);
            }
            var bytes = File.ReadAllBytes(fontFile);
            GlobalFontSettings.FontResolver = new ReportFonts(IsCollection(bytes) ? FirstFace(bytes) : bytes);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(Family, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _font;

    private static bool IsCollection(byte[] b) => b.Length > 12 && b[0] == 't' && b[1] == 't' && b[2] == 'c' && b[3] == 'f';

    /// <summary>Copies the first face of a TrueType collection into a standalone font file.</summary>
    private static byte[] FirstFace(byte[] ttc)
    {
        var faceOffset = (int)BinaryPrimitives.ReadUInt32BigEndian(ttc.AsSpan(12));
        var numTables = BinaryPrimitives.ReadUInt16BigEndian(ttc.AsSpan(faceOffset + 4));
        var headerLength = 12 + 16 * numTables;
        var tables = Enumerable.Range(0, numTables).Select(i =>
        {
            var record = ttc.AsSpan(faceOffset + 12 + 16 * i, 16);
            return (Record: record.ToArray(), Offset: (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]), Length: (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]));
        }).ToList();
        using var output = new MemoryStream();
        output.Write(ttc, faceOffset, 12);
        var dataOffset = headerLength;
        foreach (var t in tables)
        {
            BinaryPrimitives.WriteUInt32BigEndian(t.Record.AsSpan(8), (uint)dataOffset);
            output.Write(t.Record);
            dataOffset += (t.Length + 3) & ~3;
        }
        foreach (var t in tables)
        {
            output.Write(ttc, t.Offset, t.Length);
            output.Write(new byte[((t.Length + 3) & ~3) - t.Length]);
        }
        return output.ToArray();
    }
}
