using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace SmartFactory.Web.Features.Shared;

/// <summary>Small inline SVG charts drawn on the server; labels are text, so the browser shows Chinese with its own fonts.</summary>
public static class Charts
{
    public static readonly string[] LevelColours = ["#c9d3e0", "#9aa7b5", "#8ecae6", "#219ebc", "#126782", "#023047", "#fb8500"];

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>One horizontal bar per item, scaled to the largest value (or to <paramref name="max"/>).</summary>
    public static IHtmlContent Bars(string title, IReadOnlyList<(string Label, double Value)> items, double? max = null, string format = "0")
    {
        const int labelWidth = 230, barWidth = 330, row = 26;
        var top = Math.Max(max ?? items.Select(i => i.Value).DefaultIfEmpty(0).Max(), 1);
        var height = items.Count * row + 8;
        var svg = new StringBuilder($"<svg class=\"chart\" viewBox=\"0 0 {labelWidth + barWidth + 70} {height}\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\"><title>{WebUtility.HtmlEncode(title)}</title>");
        for (var i = 0; i < items.Count; i++)
        {
            var y = i * row + 4;
            var w = barWidth * items[i].Value / top;
            // A long label is shortened, with the whole of it as a tooltip.
            var label = items[i].Label.Length > 15
                ? $"<title>{WebUtility.HtmlEncode(items[i].Label)}</title>{WebUtility.HtmlEncode(items[i].Label[..14])}…"
                : WebUtility.HtmlEncode(items[i].Label);
            svg.Append($"<text x=\"{labelWidth - 6}\" y=\"{y + 16}\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2d3d\">{label}</text>");
            svg.Append($"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{F(w)}\" height=\"18\" rx=\"3\" fill=\"#1f6feb\"/>");
            svg.Append($"<text x=\"{F(labelWidth + w + 6)}\" y=\"{y + 16}\" font-size=\"12\" fill=\"#1f2d3d\">{items[i].Value.ToString(format, CultureInfo.InvariantCulture)}</text>");
        }
        return new HtmlString(svg.Append("</svg>").ToString());
    }

    /// <summary>A 100 % stacked bar of counts, one colour per segment (legend drawn by the caller).</summary>
    public static IHtmlContent Stacked(string title, IReadOnlyList<int> counts)
    {
        const int width = 300;
        var total = Math.Max(counts.Sum(), 1);
        var svg = new StringBuilder($"<svg class=\"stacked\" viewBox=\"0 0 {width} 16\" role=\"img\" aria-label=\"{WebUtility.HtmlEncode(title)}\"><title>{WebUtility.HtmlEncode(title)}</title>");
        double x = 0;
        for (var i = 0; i < counts.Count; i++)
        {
            var w = width * (double)counts[i] / total;
            svg.Append($"<rect x=\"{F(x)}\" y=\"0\" width=\"{F(w)}\" height=\"16\" fill=\"{LevelColours[i % LevelColours.Length]}\"/>");
            x += w;
        }
        return new HtmlString(svg.Append("</svg>").ToString());
    }
}
