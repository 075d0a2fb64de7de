using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SmartFactory.Web.Tests;

/// <summary>
/// Point-in-time recovery (decision 048): scripts/pitr-drill.sh, the drill an operator runs, on a throwaway PostgreSQL
/// cluster of its own (the PostgreSQL that scripts/test.sh installs; not the suite's server), with this build's
/// <c>migrate</c>. The drill checks its own counts; this test checks them again from its output, against the numbers of
/// rows it asked for, so a drill that stopped comparing, or compared with the wrong number, fails here too.
/// </summary>
public sealed class PointInTimeRecoveryTests
{
    private const int RowsA = 1200;
    private const int RowsB = 300;
    private const int EarlyRows = 100;

    [Fact]
    public async Task TheDrillRestoresTheBaseBackupAndArchivedWalToTheMomentBeforeTheMistakeWithRowsAAndNoneOfRowsB()
    {
        var (exit, output) = await RunDrillAsync();

        Assert.True(exit == 0, $"pitr-drill.sh exited {exit}:\n{output}");
        Assert.DoesNotContain("MISMATCH", output);
        Assert.Contains($"then the mistake: DELETE of {EarlyRows + RowsA + RowsB} rows", output);
        Assert.Contains("rows on the primary after the mistake: 0 (expected 0)", output);
        // Retention: the second nightly backup with KEEP=1 retired the first and the WAL that only it needed.
        Assert.Contains("base backups kept: 1 (expected 1)", output);
        Assert.Matches(@"archived segments before [0-9A-F]{24}, where the kept one starts: 0 \(expected 0\)", output);
        // Both restores, to the time and to the named restore point, each report their rows.
        var restores = Regex.Split(output, @"^\[pitr\] restored to ", RegexOptions.Multiline).Skip(1).ToList();
        Assert.Equal(2, restores.Count);
        Assert.StartsWith("time ", restores[0]);
        Assert.StartsWith("restore point ", restores[1]);
        foreach (var restore in restores)
        {
            Assert.Equal((RowsA, 0, EarlyRows), (Count(restore, "rows A"), Count(restore, "rows B"), Count(restore, "rows before the backup")));
        }
        Assert.Matches(@"time to restore: \d+ ms to a writable primary", output);
        Assert.Contains("the restored primary archives its new timeline 2 into the same archive", output);
        // Its last word, on standard output (a NOTICE or warning on standard error is no failure).
        Assert.Matches(@"^\[pitr\] OK in \d+ ms$", output.Split("\n--- stderr ---\n")[0].TrimEnd().Split('\n')[^1]);
    }

    /// <summary>The number a line "[pitr]   WHAT: N (expected …)" of one restore's report gives, once.</summary>
    private static int Count(string report, string what)
    {
        var found = Regex.Matches(report, $@"^\[pitr\]   {what}: (\d+) \(expected \d+\)$", RegexOptions.Multiline);
        Assert.True(found.Count == 1, $"{what}: {found.Count} lines in\n{report}");
        return int.Parse(found[0].Groups[1].Value);
    }

    private static async Task<(int Exit, string Output)> RunDrillAsync()
    {
        // timeout sends TERM, on which the drill stops its clusters and deletes its folder; a kill would leave them.
        var start = new ProcessStartInfo("timeout")
        {
            WorkingDirectory = PublishedApp.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "180", "bash", Path.Combine(PublishedApp.RepositoryRoot, "scripts", "pitr-drill.sh") })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["SF_APP"] = Path.Combine(AppContext.BaseDirectory, "SmartFactory.Web.dll");
        start.Environment["PITR_ROWS_A"] = RowsA.ToString();
        start.Environment["PITR_ROWS_B"] = RowsB.ToString();
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + "\n--- stderr ---\n" + await error);
    }
}
