using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;

namespace SmartFactory.Benchmarks;

/// <summary>
/// Where a grade's time goes, per assessment of the same mixed set: the five tier evaluations, the
/// construction indexes, and the upgrade plan alone (evaluations computed beforehand).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[SimpleJob(RunStrategy.Throughput, warmupCount: 3, iterationCount: 10)]
public class GraderPartsBenchmarks
{
    private Catalog _catalog = null!;
    private RuleSet _ruleSet = null!;
    private Assessment[] _mixed = null!;
    private (Assessment Assessment, TierRule Rule, TierEvaluation Evaluation)[] _plans = null!;
    private (Assessment Assessment, TierRule Rule, TierEvaluation Evaluation) _worstPlan;

    [GlobalSetup]
    public void Setup()
    {
        (_catalog, _ruleSet) = Editions.LoadCurrent();
        _mixed = AssessmentGenerator.Generate(_catalog, GraderBenchmarks.MixedCount);
        _plans = _mixed.Select(PlanInput).ToArray();
        _worstPlan = PlanInput(AssessmentGenerator.AllExcellent(_catalog));
    }

    private (Assessment, TierRule, TierEvaluation) PlanInput(Assessment assessment)
    {
        // Leading assessments have no plan; they plan nothing here either (rule = leading, skipped below).
        var result = Grader.Grade(assessment, _catalog, _ruleSet);
        var target = result.NextTier ?? Tier.Leading;
        return (assessment, _ruleSet.For(target), result.Tiers[(int)target - 1]);
    }

    [Benchmark(OperationsPerInvoke = GraderBenchmarks.MixedCount)]
    public int EvaluateFiveTiers()
    {
        var passed = 0;
        foreach (var assessment in _mixed)
        {
            foreach (var tier in Tiers.All)
            {
                passed += Grader.Evaluate(assessment, _catalog, _ruleSet.For(tier)).Passed ? 1 : 0;
            }
        }
        return passed;
    }

    [Benchmark(OperationsPerInvoke = GraderBenchmarks.MixedCount)]
    public decimal Indexes()
    {
        var total = 0m;
        foreach (var assessment in _mixed)
        {
            total += Grader.Index(assessment, _catalog) + Grader.StageIndexes(assessment, _catalog)[0].Index;
        }
        return total;
    }

    [Benchmark(OperationsPerInvoke = GraderBenchmarks.MixedCount)]
    public int PlanOnly()
    {
        var cost = 0;
        foreach (var (assessment, rule, evaluation) in _plans)
        {
            if (!evaluation.Passed)
            {
                cost += UpgradePlanner.Plan(assessment, _catalog, rule, evaluation).Cost;
            }
        }
        return cost;
    }

    [Benchmark]
    public UpgradePlan PlanOnlyExcellentToLeading() =>
        UpgradePlanner.Plan(_worstPlan.Assessment, _catalog, _worstPlan.Rule, _worstPlan.Evaluation);
}
