using System.Reflection;
using SmartFactory.Cli;

namespace SmartFactory.Domain.Tests;

/// <summary>
/// The command-line grader ships the domain and the data files, nothing of the web: no ASP.NET, EF Core, database
/// driver, Excel or PDF library in what it loads or in the folder it is built to (decision 011).
/// </summary>
public class GraderBoundaryTests
{
    private static readonly string[] WebOnly = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "MiniExcel", "PdfSharp", "SmartFactory.Web"];

    [Fact]
    public void TheGraderLoadsNoWebDatabaseOrReportAssembly()
    {
        var closure = Closure(typeof(Commands).Assembly);

        Assert.Contains("SmartFactory.Domain", closure);
        Assert.Contains("SmartFactory.DataFiles", closure);
        Assert.DoesNotContain(closure, name => WebOnly.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void TheseTestsAndTheGraderAreBuiltWithoutTheWebApp()
    {
        var folder = AppContext.BaseDirectory;
        var assemblies = Directory.GetFiles(folder, "*.dll").Select(Path.GetFileNameWithoutExtension).ToList();

        Assert.Contains("smartfactory", assemblies);
        Assert.DoesNotContain(assemblies, name => WebOnly.Any(prefix => name!.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)));
        Assert.True(File.Exists(Path.Combine(folder, "data", "catalogs", "JS-2026.json")), "the data files come with SmartFactory.DataFiles");
    }

    /// <summary>The names of the assemblies <paramref name="root"/> loads, directly or through others, outside the base library.</summary>
    private static HashSet<string> Closure(Assembly root)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<AssemblyName>([root.GetName()]);
        while (queue.TryDequeue(out var name))
        {
            if (name.Name is null || name.Name.StartsWith("System", StringComparison.Ordinal) || name.Name is "netstandard" or "mscorlib" || !seen.Add(name.Name))
            {
                continue;
            }
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                queue.Enqueue(reference);
            }
        }
        return seen;
    }
}
