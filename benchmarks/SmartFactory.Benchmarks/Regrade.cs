using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using SmartFactory.Domain;
using SmartFactory.Domain.Contracts;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Benchmarks;

/// <summary>
/// Plain timing without BenchmarkDotNet: grades N generated assessments on one thread, as a bulk regrade would,
/// then grades them again timing each one to give the per-assessment distribution.
/// </summary>
public static class Regrade
{
    private static readonly string[] Levels = ["none", "workshop", "basic", "advanced", "excellent", "leading"];

    public static int Run(int count, int seed, TextWriter output)
    {
        var (catalog, ruleSet) = Editions.LoadCurrent();
        output.WriteLine($"Regrade of {count:N0} generated assessments (seed {seed}), catalog {catalog.Edition}, rule set {ruleSet.Id} {ruleSet.Version}, one thread");
        output.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, server GC {System.Runtime.GCSettings.IsServerGC}");

        var clock = Stopwatch.StartNew();
        var assessments = AssessmentGenerator.Generate(catalog, count, seed);
        output.WriteLine($"  generated in {clock.Elapsed.TotalSeconds:F2} s (not counted)");

        // Pass 1: the bulk regrade itself, cold (JIT and tiering included), as a one-off job would see it.
        var references = new int[Levels.Length];
        long planCost = 0;
        var gcBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        clock.Restart();
        foreach (var assessment in assessments)
        {
            var result = Grader.Grade(assessment, catalog, ruleSet);
            references[result.ReferenceLevel.Ordinal()]++;
            planCost += result.Plan?.Cost ?? 0;
        }
        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gcs = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - gcBefore[g]).ToArray();
        output.WriteLine($"  graded in {elapsed.TotalSeconds:F3} s = {elapsed.TotalMicroseconds / count:F2} µs per assessment, {allocated / (double)count / 1024:F1} KiB allocated per assessment, GCs gen0/1/2 {gcs[0]}/{gcs[1]}/{gcs[2]}");
        output.WriteLine($"  reference levels: {string.Join(", ", Levels.Select((l, i) => $"{l} {references[i]}"))}; total plan cost {planCost}");

        // Pass 2: each assessment timed on its own (warm), for the median and the tail.
        var ticks = new long[count];
        var targets = new int[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var result = Grader.Grade(assessments[i], catalog, ruleSet);
            ticks[i] = Stopwatch.GetTimestamp() - start;
            targets[i] = result.Plan is { } plan ? (int)plan.Target : 0;
        }
        output.WriteLine($"  per assessment (second pass, warm): {Distribution(ticks)}");
        for (var t = 1; t < Levels.Length; t++)
        {
            var group = ticks.Where((_, i) => targets[i] == t).ToArray();
            if (group.Length > 0)
            {
                output.WriteLine($"    plan to {Levels[t],-9} ({group.Length,6}): {Distribution(group)}");
            }
        }
        var noPlan = ticks.Where((_, i) => targets[i] == 0).ToArray();
        if (noPlan.Length > 0)
        {
            output.WriteLine($"    no plan (leading) ({noPlan.Length,6}): {Distribution(noPlan)}");
        }
        return 0;
    }

    /// <summary>SHA-256 over the wire JSON of every result: equal digests mean the grader's output did not change.</summary>
    public static int Digest(int count, int seed, TextWriter output)
    {
        var (catalog, ruleSet) = Editions.LoadCurrent();
        var assessments = AssessmentGenerator.Generate(catalog, count, seed);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var assessment in assessments.Append(AssessmentGenerator.Empty(catalog)).Append(AssessmentGenerator.AllExcellent(catalog)))
        {
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(Grader.Grade(assessment, catalog, ruleSet).ToDto(), Wire.Options));
        }
        output.WriteLine($"digest of {count:N0} generated (seed {seed}) + 2 worst-case results: {Convert.ToHexStringLower(hash.GetHashAndReset())}");
        return 0;
    }

    private static string Distribution(long[] ticks)
    {
        var sorted = ticks.Order().ToArray();
        double Micro(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
        double At(double q) => Micro(sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))]);
        return $"median {At(0.5):F2} µs, mean {Micro(sorted.Sum()) / sorted.Length:F2} µs, p90 {At(0.9):F2} µs, p99 {At(0.99):F2} µs, max {Micro(sorted[^1]):F2} µs";
    }
}
