using System.Diagnostics;
using System.Net;
using System.Text;
using MiniExcelLibs;
using SmartFactory.Web.Data;
using UglyToad.PdfPig;

namespace SmartFactory.Web.Tests;

/// <summary>Helpers of the report and data-exchange tests: officials and providers, downloads read as a user would read them.</summary>
public static class ReportBuilders
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>A service provider registered through its page and left signed in; returns its user id.</summary>
    public static async Task<int> ProviderAsync(AppFactory app, Browser browser, string login)
    {
        var response = await browser.PostAsync("/Account/RegisterProvider", null, new Dictionary<string, string>
        {
            ["Organisation"] = "江苏智造数据服务有限公司",
            ["DisplayName"] = "导入专员",
            ["Login"] = login,
            ["Password"] = Builders.Password,
        });
        Assert.Equal("/Providers", response.Headers.Location?.OriginalString);
        return app.Query(db => db.Users.Single(u => u.Login == login).Id);
    }

    /// <summary>The enterprise signed in on <paramref name="enterprise"/> grants the provider access to its drafts.</summary>
    public static async Task GrantAsync(Browser enterprise, string providerLogin)
    {
        var response = await enterprise.PostAsync("/Team/Providers", "/Team/Providers?handler=Grant", new Dictionary<string, string> { ["Login"] = providerLogin });
        Assert.Equal("/Team/Providers", response.Headers.Location?.OriginalString);
    }

    /// <summary>Submits the signed-in enterprise's complete draft with the pledge; returns the submission's id.</summary>
    public static async Task<int> SubmitAsync(Browser enterprise)
    {
        var response = await enterprise.PostAsync("/Assessments/Submit", null, Builders.Pledge());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        return int.Parse(location[(location.LastIndexOf('/') + 1)..].Split('?')[0]);
    }

    /// <summary>Applies for 省先进级 through the confirmation step (the test's app needs an open round: <see cref="Seed.Round"/>).</summary>
    public static async Task ApplyThroughThePageAsync(Browser enterprise)
    {
        var response = await Seed.ApplyAsync(enterprise);
        Assert.Equal("/Assessments/Apply", response.Headers.Location?.OriginalString);
    }

    /// <summary>GETs a download and checks it answered 200 with the given content type.</summary>
    public static async Task<byte[]> DownloadAsync(Browser browser, string url, string contentType)
    {
        var response = await browser.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>The text of every page as PdfPig extracts it, white space removed (a PDF has no reliable spaces).</summary>
    public static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = new StringBuilder();
        foreach (var page in document.GetPages())
        {
            text.Append(page.Text).Append('\n');
        }
        return Squeeze(text.ToString());
    }

    public static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Asserts that each of <paramref name="expected"/> occurs in the extracted text (white space ignored).</summary>
    public static void AssertContainsAll(string text, params IEnumerable<string> expected)
    {
        var missing = expected.Where(e => !text.Contains(Squeeze(e), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"the PDF text lacks: {string.Join(" | ", missing)}\n--- text ---\n{text}");
    }

    /// <summary>The first sheet of an .xlsx, one dictionary per data row keyed by the header row.</summary>
    public static List<IDictionary<string, object?>> Rows(byte[] xlsx, string? sheet = null)
    {
        using var stream = new MemoryStream(xlsx);
        return stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
    }

    /// <summary>The folder that holds SmartFactory.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartFactory.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no SmartFactory.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>Runs pdftoppm (poppler-utils) on page 1; fails the test with a hint when it is not installed.</summary>
    public static void Pdftoppm(string pdfFile, string outputPrefix, params string[] options)
    {
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var o in options.Concat(["-f", "1", "-l", "1", "-singlefile", pdfFile, outputPrefix]))
        {
            start.ArgumentList.Add(o);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("pdftoppm is missing: apt-get install -y poppler-utils (scripts/test.sh installs it).", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "pdftoppm did not finish within a minute");
            Assert.True(process.ExitCode == 0, $"pdftoppm failed ({process.ExitCode}): {error}");
        }
    }

    /// <summary>The share of pixels darker than near-white in a binary (P5) PGM image, as pdftoppm -gray writes it.</summary>
    public static (int Width, int Height, double InkShare) Ink(byte[] pgm)
    {
        var position = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }
            var begin = position;
            while (!char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }
            return Encoding.ASCII.GetString(pgm, begin, position - begin);
        }
        Assert.Equal("P5", Token());
        var (width, height, max) = (int.Parse(Token()), int.Parse(Token()), int.Parse(Token()));
        Assert.Equal(255, max);
        position++;
        var pixels = pgm.AsSpan(position, width * height);
        var ink = 0;
        foreach (var p in pixels)
        {
            if (p < 200)
            {
                ink++;
            }
        }
        return (width, height, (double)ink / pixels.Length);
    }
}
