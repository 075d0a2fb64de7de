using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Benchmarks;

/// <summary>
/// The policy simulation's steps per submission, over the mixed set stored as the app stores it (Drafts.SnapshotJson):
/// reading the snapshot, the reference level alone, and the full grade it replaces. <c>--simulate N</c> times them
/// together over many.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
public class SimulationBenchmarks
{
    private const int Count = GraderBenchmarks.MixedCount;

    private Catalog _catalog = null!;
    private RuleSet _ruleSet = null!;
    private string[] _snapshots = null!;
    private byte[][] _utf8 = null!;
    private Assessment[] _read = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_catalog, _ruleSet) = Editions.LoadCurrent();
        _snapshots = [.. AssessmentGenerator.Generate(_catalog, Count).Select(a => Simulate.Snapshot(a, _catalog, _ruleSet).Snapshot)];
        _utf8 = [.. _snapshots.Select(Encoding.UTF8.GetBytes)];
        _read = [.. _snapshots.Select(s => SnapshotReader.Read(s)!)];
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ReadSnapshotText()
    {
        var n = 0;
        foreach (var s in _snapshots)
        {
            n += SnapshotReader.Read(s, true)!.CmmmLevel;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ReadSnapshotUtf8()
    {
        var n = 0;
        foreach (var s in _utf8)
        {
            n += SnapshotReader.Read(s, true)!.CmmmLevel;
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int ReferenceLevel()
    {
        var n = 0;
        foreach (var a in _read)
        {
            n += Grader.ReferenceLevel(a, _catalog, _ruleSet).Ordinal();
        }
        return n;
    }

    [Benchmark(OperationsPerInvoke = Count, Baseline = true)]
    public int Grade()
    {
        var n = 0;
        foreach (var a in _read)
        {
            n += Grader.Grade(a, _catalog, _ruleSet).ReferenceLevel.Ordinal();
        }
        return n;
    }
}
