using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Benchmarks;

/// <summary>
/// A full grade with its upgrade plan, per assessment. Target (issue): under 50 µs median, so that regrading
/// 100,000 assessments takes seconds on one core.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
public class GraderBenchmarks
{
    public const int MixedCount = 1000;

    private Catalog _catalog = null!;
    private RuleSet _ruleSet = null!;
    private Assessment[] _mixed = null!;
    private Assessment _empty = null!;
    private Assessment _allExcellent = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_catalog, _ruleSet) = Editions.LoadCurrent();
        _mixed = AssessmentGenerator.Generate(_catalog, MixedCount);
        _empty = AssessmentGenerator.Empty(_catalog);
        _allExcellent = AssessmentGenerator.AllExcellent(_catalog);
        Expect(_empty, null, Tier.Workshop);
        Expect(_allExcellent, Tier.Excellent, Tier.Leading);
    }

    /// <summary>The 1,000 mixed assessments, reported per assessment.</summary>
    [Benchmark(OperationsPerInvoke = MixedCount)]
    public int GradeOne()
    {
        var costs = 0;
        foreach (var assessment in _mixed)
        {
            costs += Grader.Grade(assessment, _catalog, _ruleSet).Plan?.Cost ?? 0;
        }
        return costs;
    }

    /// <summary>Nothing built: all five tiers fail, plan to workshop.</summary>
    [Benchmark]
    public GradeResult EmptyToWorkshop() => Grader.Grade(_empty, _catalog, _ruleSet);

    /// <summary>All 40 scenarios at excellent, half with AI: the largest plan, to leading with the AI gate.</summary>
    [Benchmark]
    public GradeResult ExcellentToLeading() => Grader.Grade(_allExcellent, _catalog, _ruleSet);

    private void Expect(Assessment assessment, Tier? reference, Tier target)
    {
        var result = Grader.Grade(assessment, _catalog, _ruleSet);
        if (result.ReferenceLevel != reference || result.Plan?.Target != target)
        {
            throw new InvalidOperationException(
                $"Worst case drifted: reference {result.ReferenceLevel}, plan to {result.Plan?.Target}; expected {reference}, {target}.");
        }
    }
}
