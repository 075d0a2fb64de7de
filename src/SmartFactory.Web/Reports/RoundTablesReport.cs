using System.Globalization;

namespace SmartFactory.Web.Reports;

/// <summary>A round's 推荐汇总表 or 审核情况表 as the PDF a division signs and seals (decision 036): the same table as the workbook.</summary>
public static class RoundTablesReport
{
    public static byte[] Write(Table table, string heading, string scope, DateTime beijingNow)
    {
        using var pdf = new PdfLayout($"{scope} {heading}", $"{scope} · {heading}", landscape: true);
        pdf.Title(heading);
        pdf.Paragraph($"{scope}　　共 {table.Rows.Count} 家企业　　制表日期：{beijingNow:yyyy-MM-dd}", 10, align: PdfSharp.Drawing.XStringFormats.TopCenter);
        // Wider shares for the columns that hold opinions and names; the rest split what is left.
        var weights = table.Columns.Select(c => c.Contains("意见") || c == "企业名称" ? 2.0 : c.Contains("代码") || c.Contains("人") ? 1.5 : 1.0).ToList();
        var total = weights.Sum();
        pdf.Table(table.Columns.Select((c, i) => (c, weights[i] / total)).ToList(), table.Rows.Select(IReadOnlyList<string> (r) => r.Select(Text).ToList()), size: 8);
        if (table.Rows.Count == 0)
        {
            pdf.Paragraph("本批次尚无推荐至省的企业。");
        }
        pdf.Space(24);
        pdf.Paragraph("经办人（签字）：＿＿＿＿＿＿　　负责人（签字）：＿＿＿＿＿＿　　（单位盖章）");
        pdf.Space(8);
        pdf.Paragraph("　　　　年　　月　　日", align: PdfSharp.Drawing.XStringFormats.TopRight);
        return pdf.Finish();
    }

    /// <summary>A cell as the page and the PDF print it.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double x => x.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
