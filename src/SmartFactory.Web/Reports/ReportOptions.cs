namespace SmartFactory.Web.Reports;

public sealed class ReportOptions
{
    /// <summary>The font of PDF reports; empty means the bundled WenQuanYi Micro Hei (Reports/Fonts).</summary>
    public string? FontFile { get; set; }
}

public static class ReportsSetup
{
    public const string PdfType = "application/pdf";

    public static void AddReports(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Reports").Get<ReportOptions>() ?? new ReportOptions();
        ReportFonts.Install(string.IsNullOrWhiteSpace(options.FontFile)
            ? Path.Combine(AppContext.BaseDirectory, "Reports", "Fonts", "wqy-microhei.ttc")
            : options.FontFile);
    }
}
