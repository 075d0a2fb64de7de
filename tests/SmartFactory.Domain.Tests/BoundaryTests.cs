using System.Xml.Linq;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The domain core stands alone: nothing but the base library, so every front end can share it.</summary>
public class BoundaryTests
{
    [Fact]
    public void DomainAssemblyReferencesOnlyTheBaseLibrary()
    {
        var references = typeof(Tier).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"SmartFactory.Domain references {name}"));
    }

    [Fact]
    public void DomainProjectHasNoPackageOrProjectReferences()
    {
        var project = XDocument.Load(Path.Combine(Bundled.RepositoryRoot, "src", "SmartFactory.Domain", "SmartFactory.Domain.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference" or "FrameworkReference")
            .Select(e => e.ToString());

        Assert.Empty(references);
    }
}
