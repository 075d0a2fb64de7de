using System.Diagnostics;
using System.Text;
using SmartFactory.DataFiles;
using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;
using SmartFactory.Web.Features.Assessments;

namespace SmartFactory.Benchmarks;

/// <summary>
/// <c>--simulate N</c>: the policy simulation's grading core without the database. N generated submissions are stored
/// as the app stores them (Drafts.SnapshotJson, attested keys, stored level; not timed), then each is regraded as the
/// simulation job does: the draft's verdict on the attested keys, <see cref="SnapshotReader"/>, Grader.ReferenceLevel
/// and <see cref="PolicySimulation"/>, draining the changes every 1,000. The same run times the parts and full
/// Grader.Grade over the same N, for the ratio.
/// </summary>
public static class Simulate
{
    private sealed record Stored(int Id, string Snapshot, string Keys, string City, string County, string Industry, bool AboveScale, Tier? Level, Assessment Assessment);

    /// <param name="Cpu">The process's CPU time (user + system) over the pass: on a shared machine, steadier than the elapsed time.</param>
    private sealed record Pass(TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int[] Collections, long Check);

    public static int Run(int count, int seed, TextWriter output)
    {
        var (catalog, ruleSet) = Editions.LoadCurrent();
        var draft = Draft(ruleSet);
        output.WriteLine($"Policy simulation core over {count:N0} generated submissions (seed {seed}), catalog {catalog.Edition}, stored under {ruleSet.Id} {ruleSet.Version}, one thread");
        output.WriteLine($"  draft: {DraftChanges}");
        output.WriteLine($"  .NET {Environment.Version}, {Environment.ProcessorCount} logical cores, server GC {System.Runtime.GCSettings.IsServerGC}, load average at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");

        var clock = Stopwatch.StartNew();
        var stored = Store(count, seed, catalog, ruleSet);
        var utf8 = stored.Select(s => Encoding.UTF8.GetBytes(s.Snapshot)).ToArray();
        output.WriteLine($"  stored in {clock.Elapsed.TotalSeconds:F1} s (not counted): snapshots {stored.Average(s => s.Snapshot.Length):F0} characters on average");

        var simulation = new PolicySimulation(catalog, draft);
        var cold = Time(() => Regrade(stored, simulation));
        Report(output, "simulate, cold (JIT included)", cold, count);
        // What the simulation keeps after N, against an empty one: the tallies, not the submissions.
        simulation = new PolicySimulation(catalog, draft);
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var warm = Time(() => Regrade(stored, simulation = new PolicySimulation(catalog, draft)));
        Report(output, "simulate, warm", warm, count);
        var retained = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
        var result = simulation.Result();

        var read = Time(() => stored.Sum(s => (long)SnapshotReader.Read(s.Snapshot, true)!.Ratings.Count));
        Report(output, "  part: SnapshotReader.Read(string)", read, count);
        var readUtf8 = Time(() => utf8.Sum(b => (long)SnapshotReader.Read(b, true)!.Ratings.Count));
        Report(output, "  part: SnapshotReader.Read(UTF-8)", readUtf8, count);
        var keys = Time(() => stored.Sum(s => draft.BasicRequirements.AllMet(s.Keys.Split(',', StringSplitOptions.RemoveEmptyEntries)) ? 1L : 0));
        Report(output, "  part: BasicRequirements.AllMet(keys)", keys, count);
        var reference = Time(() => stored.Sum(s => (long)Grader.ReferenceLevel(s.Assessment, catalog, draft).Ordinal()));
        Report(output, "  part: Grader.ReferenceLevel", reference, count);
        var grade = Time(() => stored.Sum(s => (long)Grader.Grade(s.Assessment, catalog, draft).ReferenceLevel.Ordinal()));
        Report(output, "full Grader.Grade (same N, read beforehand)", grade, count);
        var library = Editions.LoadLibrary();
        var naive = Time(() => stored.Sum(s => (long)Grader.Grade(AssessmentReader.Read(s.Snapshot, library).Assessments[0], catalog, draft).ReferenceLevel.Ordinal()));
        Report(output, "AssessmentReader + Grader.Grade", naive, count);

        output.WriteLine($"  ratio (elapsed; CPU): simulate (warm) / Grade = {warm.Elapsed / grade.Elapsed:F2}; {warm.Cpu / grade.Cpu:F2}, ReferenceLevel / Grade = {reference.Elapsed / grade.Elapsed:F2}; {reference.Cpu / grade.Cpu:F2}, simulate / (AssessmentReader + Grade) = {warm.Elapsed / naive.Elapsed:F2}; {warm.Cpu / naive.Cpu:F2}");
        var same = stored.All(s => Grader.ReferenceLevel(s.Assessment, catalog, draft) == Grader.Grade(s.Assessment, catalog, draft).ReferenceLevel);
        output.WriteLine($"  check (not timed): ReferenceLevel = Grade(...).ReferenceLevel for every submission: {same}; changes drained {warm.Check}; retained by the simulation after {count:N0}: {retained / 1024.0:F0} KiB");
        Print(output, result);
        output.WriteLine($"  GC heap after: {GC.GetTotalMemory(false) / 1048576.0:F0} MB (holds the N stored inputs); peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        return same ? 0 : 1;
    }

    /// <summary>What the simulation job does per stored row (the database read aside); returns the changes drained.</summary>
    private static long Regrade(Stored[] stored, PolicySimulation simulation)
    {
        long drained = 0;
        foreach (var s in stored)
        {
            var met = simulation.Draft.BasicRequirements.AllMet(s.Keys.Split(',', StringSplitOptions.RemoveEmptyEntries));
            if (SnapshotReader.Read(s.Snapshot, met) is { } assessment)
            {
                simulation.Add(new SimulatedSubmission
                {
                    EnterpriseId = s.Id, AssessmentId = s.Id, CityCode = s.City, CountyCode = s.County, IndustryCode = s.Industry,
                    AboveScale = s.AboveScale, From = s.Level, Assessment = assessment,
                });
            }
            else
            {
                simulation.AddUnreadable(s.Id);
            }
            if (simulation.PendingChanges >= 1000)
            {
                drained += simulation.TakeChanges().Count;
            }
        }
        return drained + simulation.TakeChanges().Count;
    }

    private static void Print(TextWriter output, SimulationResult result)
    {
        var total = result.Total;
        output.WriteLine($"  result: up {total.Up}, same {total.Same}, down {total.Down}, unreadable {result.Unreadable}; 规上 at {result.Goal.Tier}+ {total.ShareBefore:P2} → {total.ShareAfter:P2} (goal {result.Goal.Share:P0} by {result.Goal.ByYear}); {result.ByCity.Count} cities, {result.ByCounty.Count} counties, {result.ByIndustry.Count} industries");
        output.WriteLine($"  matrix (rows from, columns to: {string.Join(" ", result.Levels)}):");
        foreach (var row in total.Matrix)
        {
            output.WriteLine($"    {string.Join(" ", row.Select(n => $"{n,7}"))}");
        }
    }

    private const string DraftChanges = "基础级 needs 8 scenarios (was 6), 先进级 10 % of them with AI (was none), 卓越级 12 scenarios (was 15)";

    private static RuleSet Draft(RuleSet rules) => rules with
    {
        Version = "draft",
        Tiers = [.. rules.Tiers.Select(t => t.Tier switch
        {
            Tier.Basic => t with { MinScenarios = new(8, Provenance.Placeholder) },
            Tier.Advanced => t with { MinAiShare = new(0.1m, Provenance.Placeholder) },
            Tier.Excellent => t with { MinScenarios = new(12, Provenance.Placeholder) },
            _ => t,
        })],
    };

    /// <summary>What the database holds for each latest submission, written by the app's own code.</summary>
    private static Stored[] Store(int count, int seed, Catalog catalog, RuleSet ruleSet)
    {
        var regions = DataFolder.LoadRegions(DataFolder.Beside);
        var counties = regions.Cities.SelectMany(c => c.Counties).ToArray();
        var random = new Random(seed + 1);
        return AssessmentGenerator.Generate(catalog, count, seed).Select((a, i) =>
        {
            var (snapshot, keys) = Snapshot(a, catalog, ruleSet);
            var county = counties[random.Next(counties.Length)];
            var industry = regions.Industries[random.Next(regions.Industries.Count)];
            return new Stored(i + 1, snapshot, keys, county.CityCode, county.Code, industry.Code,
                random.NextDouble() < 0.6, Grader.Grade(a, catalog, ruleSet).ReferenceLevel, SnapshotReader.Read(snapshot)!);
        }).ToArray();
    }

    /// <summary>
    /// The assessment as a submitted draft stores it: every scenario rated ("none" included), the snapshot written by
    /// the app's own Drafts.SnapshotJson, the attested keys comma-separated (all of them when the requirements are met).
    /// </summary>
    public static (string Snapshot, string Keys) Snapshot(Assessment a, Catalog catalog, RuleSet ruleSet)
    {
        var keys = ruleSet.BasicRequirements.Keys.ToArray();
        var record = new AssessmentRecord
        {
            Edition = a.Edition, DtScore = a.DtScore, CmmmLevel = a.CmmmLevel,
            BasicRequirements = string.Join(",", a.BasicRequirementsMet ? keys : keys.Skip(1)),
            Ratings = [.. catalog.Scenarios.Select(s => new RatingRecord { ScenarioNo = s.No, Level = a.RatingOf(s.No).Level.Ordinal(), Ai = a.RatingOf(s.No).Ai })],
        };
        return (Drafts.SnapshotJson(record, ruleSet), record.BasicRequirements);
    }

    private static Pass Time(Func<long> body)
    {
        GC.Collect();
        var before = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        var check = body();
        var elapsed = clock.Elapsed;
        return new Pass(elapsed, Environment.CpuUsage.TotalTime - cpu, GC.GetAllocatedBytesForCurrentThread() - allocated,
            [.. Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - before[g])], check);
    }

    private static void Report(TextWriter output, string what, Pass pass, int count) =>
        output.WriteLine($"  {what,-46} {pass.Elapsed.TotalSeconds,7:F3} s = {pass.Elapsed.TotalMicroseconds / count,6:F2} µs (CPU {pass.Cpu.TotalMicroseconds / count,6:F2} µs), {pass.Allocated / (double)count,6:F0} B allocated per submission, GCs gen0/1/2 {pass.Collections[0]}/{pass.Collections[1]}/{pass.Collections[2]}");
}
