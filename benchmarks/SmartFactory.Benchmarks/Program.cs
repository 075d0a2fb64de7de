using System.Globalization;
using BenchmarkDotNet.Running;
using SmartFactory.Benchmarks;

// dotnet run -c Release --project benchmarks/SmartFactory.Benchmarks -- --filter '*'   BenchmarkDotNet
// ... -- --regrade 100000 [--seed S]                                                   plain bulk regrade timing
// ... -- --digest 10000 [--seed S]                                                     hash of all results (unchanged output check)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var seed = Option("--seed") ?? AssessmentGenerator.DefaultSeed;
if (Option("--regrade") is { } regrade)
{
    return Regrade.Run(regrade, seed, Console.Out);
}
if (Option("--digest") is { } digest)
{
    return Regrade.Digest(digest, seed, Console.Out);
}
BenchmarkSwitcher.FromAssembly(typeof(GraderBenchmarks).Assembly).Run(args);
return 0;

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
