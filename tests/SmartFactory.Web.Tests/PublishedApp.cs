using System.Diagnostics;

namespace SmartFactory.Web.Tests;

/// <summary>
/// The app as an operator deploys it: <c>dotnet publish -p:PublishProfile=Server</c> output (a build's output has no wwwroot), in the folder
/// scripts/cluster.sh uses, published once per test run unless a source or data file is newer than it.
/// </summary>
public static class PublishedApp
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? _path;

    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<string> PathAsync()
    {
        await Once.WaitAsync();
        try
        {
            return _path ??= await PublishIfStaleAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<string> PublishIfStaleAsync()
    {
        var folder = Path.Combine(RepositoryRoot, "artifacts", "cluster", "app");
        var dll = Path.Combine(folder, "SmartFactory.Web.dll");
        if (File.Exists(dll) && !NewerSources(File.GetLastWriteTimeUtc(dll)))
        {
            return dll;
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", "src/SmartFactory.Web", "-p:PublishProfile=Server", "-o", folder, "-v", "q", "--nologo" })
        {
            start.ArgumentList.Add(arg);
        }
        using var publish = Process.Start(start)!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var error = publish.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await publish.WaitForExitAsync(timeout.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed: {await output}{await error}");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow);
        return dll;
    }

    private static bool NewerSources(DateTime published) =>
        new[] { "src", "data" }.Any(top => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, top), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Any(f => File.GetLastWriteTimeUtc(f) > published));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmartFactory.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("SmartFactory.slnx not found above " + AppContext.BaseDirectory);
    }
}
