using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Issue 14, guidance: every scenario of a catalog carries its help, and a catalog without it does not load.</summary>
public class ScenarioHelpTests
{
    public static TheoryData<string> Catalogs => [Bundled.CatalogPath, ExampleEditions.CatalogPath];

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void EveryScenarioHasHelpWithEvidenceForEachDefinedTier(string path)
    {
        var catalog = CatalogLoader.Parse(File.ReadAllText(path), Path.GetFileName(path)).Value!;

        Assert.Equal(40, catalog.Scenarios.Count);
        Assert.All(catalog.Scenarios, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Help.Meaning));
            Assert.NotEmpty(s.Help.Examples);
            Assert.Equal(Tiers.All.Where(s.IsDefined), s.Help.Evidence.Keys.Order());
        });
    }

    [Fact]
    public void HelpIsTheCatalogsOwnText()
    {
        var help = Bundled.Catalog.Find(24)!.Help;

        Assert.Contains("机器视觉", help.EvidenceAt(Tier.Advanced));
        Assert.Null(Bundled.Catalog.Find(1)!.Help.EvidenceAt(Tier.Workshop));
    }

    [Theory]
    [InlineData("no help", "JS-2026.json.scenarios[3].help", "缺少填报指引")]
    [InlineData("no meaning", "JS-2026.json.scenarios[3].help.meaning", "缺少必填字段")]
    [InlineData("no evidence for a defined tier", "JS-2026.json.scenarios[3].help.evidence.basic", "缺少必填字段")]
    [InlineData("no examples", "JS-2026.json.scenarios[3].help.examples", "至少应有一个典型做法")]
    [InlineData("blank example", "JS-2026.json.scenarios[3].help.examples[0]", "非空文字")]
    public void RefusesACatalogWhoseScenarioLacksHelp(string breakage, string place, string message)
    {
        var json = Bundled.Json(Bundled.CatalogPath);
        var help = json["scenarios"]![3]!["help"]!.AsObject();
        switch (breakage)
        {
            case "no help": json["scenarios"]![3]!.AsObject().Remove("help"); break;
            case "no meaning": help.Remove("meaning"); break;
            case "no evidence for a defined tier": help["evidence"]!.AsObject().Remove("basic"); break;
            case "no examples": help["examples"] = new System.Text.Json.Nodes.JsonArray(); break;
            case "blank example": help["examples"]![0] = " "; break;
        }

        var loaded = CatalogLoader.Parse(json.ToJsonString(), "JS-2026.json");

        Assert.Null(loaded.Value);
        Assert.Contains(loaded.Problems, p => p.Place == place && p.Message.Contains(message));
    }
}
