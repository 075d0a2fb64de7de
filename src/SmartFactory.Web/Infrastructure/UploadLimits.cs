using System.ComponentModel.DataAnnotations;

namespace SmartFactory.Web.Infrastructure;

/// <summary>
/// Limits on the files users upload to be read (section "Uploads", decision 020): the import workbook, the rule
/// library's workbooks and JSON, through the pages and the API. Every limit holds before a workbook is opened.
/// </summary>
public sealed class UploadOptions
{
    /// <summary>The providers' import workbook as uploaded.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long ImportMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>A rule-library file (JSON or workbook) as uploaded, on the page or to the API.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long LibraryMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>All parts of a workbook unpacked, counted while unpacking, not only as the zip declares.</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUncompressedBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Unpacked to packed, for parts above 1 MB unpacked: ordinary workbooks stay far below, zip bombs far above.</summary>
    [Range(2, 10_000)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Parts in the zip (a template has about ten).</summary>
    [Range(10, 100_000)]
    public int MaxZipEntries { get; set; } = 1000;

    [Range(1, 1000)]
    public int MaxSheets { get; set; } = 10;

    /// <summary>Rows under the header row of any sheet: a provider's enterprises, a rule set's entries.</summary>
    [Range(1, 1_000_000)]
    public int MaxRows { get; set; } = 20_000;

    [Range(1, 16_384)]
    public int MaxColumns { get; set; } = 200;

    /// <summary>Characters in one cell; Excel's own limit, so no file Excel saved is refused for it.</summary>
    [Range(1, 10_000_000)]
    public int MaxCellChars { get; set; } = 32_767;

    /// <summary>Problems listed in a report; the rest are counted ("另有 N 处问题未列出").</summary>
    [Range(1, 100_000)]
    public int MaxListedProblems { get; set; } = 100;

    public static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}

/// <summary>
/// The first problems of a checked file and how many there were in all: a report stays short and its memory bounded
/// however bad the file.
/// </summary>
public sealed class ProblemReport<T>(int listed)
{
    private readonly List<T> _first = [];

    public IReadOnlyList<T> Listed => _first;

    public int Count { get; private set; }

    public int Unlisted => Count - _first.Count;

    public void Add(T problem)
    {
        Count++;
        if (_first.Count < listed)
        {
            _first.Add(problem);
        }
    }

    public static ProblemReport<T> Of(IEnumerable<T> problems, int listed)
    {
        var report = new ProblemReport<T>(listed);
        foreach (var p in problems)
        {
            report.Add(p);
        }
        return report;
    }
}

public static class UploadLimits
{
    public static string UnlistedText(int unlisted) => $"另有 {unlisted} 处问题未列出。";

    public static void AddUploadLimits(this WebApplicationBuilder builder) =>
        builder.Services.AddOptions<UploadOptions>().BindConfiguration("Uploads").ValidateDataAnnotations().ValidateOnStart();
}
