using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>
/// openapi/v1.json at the repository root is what integrators (and the generated client of these tests) start from: it
/// must be the document the running app serves, byte for byte (line endings aside).
/// </summary>
public sealed class OpenApiDocumentFileTests : IDisposable
{
    private readonly AppFactory _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Set to rewrite the file from the running app (then review the diff): SF_WRITE_OPENAPI=1 dotnet test --filter OpenApiDocumentFile.</summary>
    private static bool Rewrite => Environment.GetEnvironmentVariable("SF_WRITE_OPENAPI") == "1";

    public static string CommittedPath => Path.Combine(ReportBuilders.RepositoryRoot(), "openapi", "v1.json");

    [Fact]
    public async Task TheCommittedDocumentIsTheOneTheAppServes()
    {
        var response = await Api(_app).GetAsync("/openapi/v1.json");
        response.EnsureSuccessStatusCode();
        var served = Normalised(await response.Content.ReadAsStringAsync());

        if (Rewrite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CommittedPath)!);
            File.WriteAllText(CommittedPath, served);
        }

        var committed = File.Exists(CommittedPath) ? Normalised(File.ReadAllText(CommittedPath)) : "";
        Assert.True(committed == served,
            $"openapi/v1.json differs from the app's /openapi/v1.json (first difference at character {FirstDifference(committed, served)}); " +
            "regenerate it with SF_WRITE_OPENAPI=1 dotnet test tests/SmartFactory.Web.Tests --filter FullyQualifiedName~OpenApiDocumentFile and review the diff");
    }

    private static string Normalised(string json) => json.Replace("\r\n", "\n").TrimEnd() + "\n";

    private static int FirstDifference(string a, string b) =>
        Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
}
