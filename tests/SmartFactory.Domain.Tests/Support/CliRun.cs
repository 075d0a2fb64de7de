using SmartFactory.Cli;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>What a user of the command line sees: the exit code, standard output and standard error.</summary>
internal sealed record CliRun(int Exit, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = Commands.Run(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }

    /// <summary>Writes <paramref name="json"/> to a temporary file and runs <c>grade FILE</c> on it.</summary>
    public static CliRun Grade(string json, bool asJson = true)
    {
        var file = Path.Combine(Path.GetTempPath(), $"smartfactory-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        try
        {
            return asJson ? Of("grade", file, "--json") : Of("grade", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
