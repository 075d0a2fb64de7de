using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Infrastructure;

namespace SmartFactory.Web.Features.Admin;

/// <summary>
/// Turns an uploaded file into the JSON text of a library entry: JSON as it is, an Excel workbook of rule-set numbers
/// through <see cref="RuleSetWorkbook"/> on top of the version it was downloaded from. The same for the page and the API.
/// </summary>
public static class LibraryUpload
{
    public static async Task<Checked<string>> ReadAsync(IFormFile? file, EditionLibrary library, UploadOptions limits)
    {
        if (file is null || file.Length == 0)
        {
            return Refused("请选择要上传的文件（.json 或 .xlsx）。");
        }
        if (file.Length > limits.LibraryMaxBytes)
        {
            return TooLarge(limits);
        }
        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Read(file.FileName, buffer.ToArray(), library, limits);
    }

    public static Checked<string> TooLarge(UploadOptions limits) => Refused($"文件过大，上限为 {UploadOptions.Megabytes(limits.LibraryMaxBytes)}。");

    /// <summary>The file's text; a workbook is first checked against the upload limits, before it is opened.</summary>
    public static Checked<string> Read(string fileName, byte[] bytes, EditionLibrary library, UploadOptions limits)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            if (WorkbookScan.Problem(new MemoryStream(bytes), limits) is { } tooMuch)
            {
                return Refused(tooMuch);
            }
            // On top of the version it was downloaded from; a workbook that does not say reads against the version in force.
            var made = RuleSetWorkbook.MadeFrom(bytes);
            var from = (made is { } m ? library.Entry(m.Id, m.Version) : null) ?? library.Entry(library.CurrentRuleSet);
            return RuleSetWorkbook.Read(new MemoryStream(bytes), from.Json);
        }
        try
        {
            return Checked<string>.Valid(new System.Text.UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF'));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Refused("文件不是 UTF-8 编码的 JSON，也不是 .xlsx 工作簿。");
        }
    }

    private static Checked<string> Refused(string message) => Checked<string>.Invalid([new Problem("上传文件", message)]);
}
