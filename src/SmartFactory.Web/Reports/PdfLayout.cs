using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace SmartFactory.Web.Reports;

/// <summary>
/// A small top-to-bottom layout over PDFsharp: headings, wrapped paragraphs, tables that break across pages,
/// and a page footer. Chinese has no spaces, so lines wrap by measured width, character by character.
/// </summary>
public sealed class PdfLayout : IDisposable
{
    public const double Margin = 48;
    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private readonly bool _landscape;
    private XGraphics _g = null!;
    private PdfPage _page = null!;
    public double Y { get; private set; }

    /// <param name="landscape">A4 on its side, for wide tables such as a round's 推荐汇总表.</param>
    public PdfLayout(string title, string footer, bool landscape = false)
    {
        _landscape = landscape;
        _document.Info.Title = title;
        _document.Info.Creator = "SmartFactory 江苏省智能工厂等级水平自评测系统";
        _footer = footer;
        NewPage();
    }

    public double Width => _page.Width.Point - 2 * Margin;
    private double Bottom => _page.Height.Point - Margin - 16;

    public static XFont Font(double size, bool bold = false) => new(ReportFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    private void NewPage()
    {
        _g?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        if (_landscape)
        {
            _page.Orientation = PdfSharp.PageOrientation.Landscape;
        }
        _g = XGraphics.FromPdfPage(_page);
        Y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Need(double height)
    {
        if (Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void Title(string text)
    {
        Paragraph(text, 18, bold: true, align: XStringFormats.TopCenter);
        Y += 6;
    }

    public void Heading(string text)
    {
        Need(40);
        Y += 8;
        Paragraph(text, 13, bold: true);
        _g.DrawLine(new XPen(XColors.SteelBlue, 0.8), Margin, Y, Margin + Width, Y);
        Y += 6;
    }

    public void Paragraph(string text, double size = 10, bool bold = false, XBrush? brush = null, XStringFormat? align = null)
    {
        var font = Font(size, bold);
        foreach (var line in Wrap(text, font, Width))
        {
            Need(size * 1.5);
            _g.DrawString(line, font, brush ?? XBrushes.Black, new XRect(Margin, Y, Width, size * 1.5), align ?? XStringFormats.TopLeft);
            Y += size * 1.5;
        }
    }

    /// <summary>A table with a header row; cells wrap, rows never split, and the header repeats on each new page.</summary>
    public void Table(IReadOnlyList<(string Header, double Share)> columns, IEnumerable<IReadOnlyList<string>> rows, double size = 9)
    {
        var font = Font(size);
        var bold = Font(size, bold: true);
        var widths = columns.Select(c => c.Share * Width).ToArray();
        var lineHeight = size * 1.4;
        List<List<string>> Lines(IReadOnlyList<string> cells, XFont f) => cells.Select((c, i) => Wrap(c, f, widths[i] - 6)).ToList();
        double Height(List<List<string>> lines) => lines.Max(l => Math.Max(1, l.Count)) * lineHeight + 6;
        void Draw(List<List<string>> lines, XFont f, XBrush? fill)
        {
            var height = Height(lines);
            var x = Margin;
            for (var i = 0; i < widths.Length; i++)
            {
                var cell = new XRect(x, Y, widths[i], height);
                if (fill is not null)
                {
                    _g.DrawRectangle(fill, cell);
                }
                _g.DrawRectangle(new XPen(XColors.LightGray, 0.5), cell);
                for (var l = 0; l < lines[i].Count; l++)
                {
                    _g.DrawString(lines[i][l], f, XBrushes.Black, new XRect(x + 3, Y + 3 + l * lineHeight, widths[i] - 6, lineHeight), XStringFormats.TopLeft);
                }
                x += widths[i];
            }
            Y += height;
        }
        var header = Lines(columns.Select(c => c.Header).ToList(), bold);
        Need(Height(header) + 3 * lineHeight);
        Draw(header, bold, XBrushes.AliceBlue);
        foreach (var row in rows)
        {
            var lines = Lines(row, font);
            if (Y + Height(lines) > Bottom)
            {
                NewPage();
                Draw(header, bold, XBrushes.AliceBlue);
            }
            Draw(lines, font, null);
        }
        Y += 6;
    }

    /// <summary>A radar chart of values 0–100 with a label on each axis.</summary>
    public void Radar(IReadOnlyList<(string Label, double Value)> axes, double radius = 90)
    {
        Need(2 * radius + 60);
        var cx = Margin + Width / 2;
        var cy = Y + radius + 24;
        XPoint At(int i, double r) => new(cx + r * Math.Cos(-Math.PI / 2 + 2 * Math.PI * i / axes.Count), cy + r * Math.Sin(-Math.PI / 2 + 2 * Math.PI * i / axes.Count));
        var grid = new XPen(XColors.LightSteelBlue, 0.6);
        foreach (var ring in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            _g.DrawPolygon(grid, Enumerable.Range(0, axes.Count).Select(i => At(i, radius * ring)).ToArray());
        }
        var font = Font(9);
        for (var i = 0; i < axes.Count; i++)
        {
            _g.DrawLine(grid, cx, cy, At(i, radius).X, At(i, radius).Y);
            var p = At(i, radius + 14);
            var label = $"{axes[i].Label} {axes[i].Value:0.0}";
            var size = _g.MeasureString(label, font);
            var x = p.X < cx - 5 ? p.X - size.Width : p.X > cx + 5 ? p.X : p.X - size.Width / 2;
            _g.DrawString(label, font, XBrushes.Black, new XRect(x, p.Y - size.Height / 2, size.Width, size.Height), XStringFormats.TopLeft);
        }
        var shape = Enumerable.Range(0, axes.Count).Select(i => At(i, radius * Math.Clamp(axes[i].Value, 0, 100) / 100)).ToArray();
        _g.DrawPolygon(new XPen(XColors.RoyalBlue, 1.5), new XSolidBrush(XColor.FromArgb(70, 65, 105, 225)), shape, XFillMode.Winding);
        Y = cy + radius + 30;
    }

    public void Space(double points) => Y += points;

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in (text ?? "").Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var ch in paragraph)
            {
                if (line.Length > 0 && _g.MeasureString(line + ch, font).Width > width)
                {
                    lines.Add(line);
                    line = "";
                }
                line += ch;
            }
            lines.Add(line);
        }
        return lines;
    }

    /// <summary>Adds "page n of m" footers and returns the document.</summary>
    public byte[] Finish()
    {
        _g.Dispose();
        var font = Font(8);
        for (var i = 0; i < _document.PageCount; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i]);
            var page = _document.Pages[i];
            g.DrawString($"{_footer}    第 {i + 1} 页 / 共 {_document.PageCount} 页", font, XBrushes.Gray,
                new XRect(Margin, page.Height.Point - Margin + 8, page.Width.Point - 2 * Margin, 12), XStringFormats.TopCenter);
        }
        using var stream = new MemoryStream();
        _document.Save(stream);
        return stream.ToArray();
    }

    public void Dispose() => _document.Dispose();
}
