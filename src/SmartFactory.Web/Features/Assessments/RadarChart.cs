using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>An inline SVG radar chart of the index by stage (0–100), with Chinese labels drawn by the browser's fonts.</summary>
public static class RadarChart
{
    public static IHtmlContent Render(IReadOnlyList<(string Label, decimal Value)> axes, string title)
    {
        const double size = 360, centre = size / 2, radius = 120;
        var n = axes.Count;
        (double X, double Y) Point(int i, double r)
        {
            var angle = -Math.PI / 2 + 2 * Math.PI * i / n;
            return (centre + r * Math.Cos(angle), centre + r * Math.Sin(angle));
        }
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        string Polygon(Func<int, double> r) => string.Join(" ", Enumerable.Range(0, n).Select(i => Point(i, r(i))).Select(p => $"{F(p.X)},{F(p.Y)}"));

        var svg = new StringBuilder();
        svg.Append($"<svg class=\"radar\" viewBox=\"-100 -10 {size + 200} {size + 20}\" role=\"img\" aria-label=\"{title}\"><title>{title}</title>");
        foreach (var ring in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            svg.Append($"<polygon points=\"{Polygon(_ => radius * ring)}\" fill=\"none\" stroke=\"#c9d3e0\" stroke-width=\"1\"/>");
        }
        for (var i = 0; i < n; i++)
        {
            var (x, y) = Point(i, radius);
            var (lx, ly) = Point(i, radius + 22);
            var anchor = Math.Abs(lx - centre) < 5 ? "middle" : lx > centre ? "start" : "end";
            svg.Append($"<line x1=\"{F(centre)}\" y1=\"{F(centre)}\" x2=\"{F(x)}\" y2=\"{F(y)}\" stroke=\"#c9d3e0\"/>");
            svg.Append($"<text x=\"{F(lx)}\" y=\"{F(ly + 4)}\" text-anchor=\"{anchor}\" font-size=\"13\" fill=\"#1f2d3d\">{System.Net.WebUtility.HtmlEncode(axes[i].Label)} {axes[i].Value:0.0}</text>");
        }
        svg.Append($"<polygon points=\"{Polygon(i => radius * (double)axes[i].Value / 100)}\" fill=\"#1f6feb\" fill-opacity=\"0.25\" stroke=\"#1f6feb\" stroke-width=\"2\"/>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
