using System.Globalization;
using BenchmarkDotNet.Running;
using SmartFactory.Benchmarks;

// dotnet run -c Release --project benchmarks/SmartFactory.Benchmarks -- --filter '*'   BenchmarkDotNet
// ... -- --regrade 100000 [--seed S]                                                   plain bulk regrade timing
// ... -- --digest 10000 [--seed S]                                                     hash of all results (unchanged output check)
// ... -- --simulate 100000 [--seed S]                                                  policy simulation's grading core, plain timing
// ... -- --seed-province 100000 --provider Sqlite|Postgres --connection "..." [--seed S] a province's data for the web load tests
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var seed = Option("--seed") ?? AssessmentGenerator.DefaultSeed;
if (Option("--regrade") is { } regrade)
{
    return Regrade.Run(regrade, seed, Console.Out);
}
if (Option("--simulate") is { } simulate)
{
    return Simulate.Run(simulate, seed, Console.Out);
}
if (Option("--digest") is { } digest)
{
    return Regrade.Digest(digest, seed, Console.Out);
}
if (Option("--seed-province") is { } enterprises)
{
    return SeedProvince.Run(enterprises, Text("--provider") ?? "Sqlite",
        Text("--connection") ?? throw new ArgumentException("--seed-province needs --connection \"Data Source=…\" or \"Host=…;Database=…\"."),
        seed, Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(GraderBenchmarks).Assembly).Run(args);
return 0;

string? Text(string name)
{
    var i = Array.IndexOf(args, name);
    return i < 0 ? null : i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{name} needs a value.");
}

int? Option(string name)
{
    var i = Array.IndexOf(args, name);
    if (i < 0)
    {
        return null;
    }
    if (i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value <= 0)
    {
        throw new ArgumentException($"{name} needs a positive whole number.");
    }
    return value;
}
