using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmartFactory.E2E;

/// <summary>What a system administrator does in the rule library in the browser (decision 019).</summary>
public static class RuleLibrarySteps
{
    /// <summary>Chooses the bundled rule set, changed to <paramref name="version"/> with 先进级 needing <paramref name="advancedScenarios"/>, in the library's file input, and loads it.</summary>
    public static async Task UploadAsync(E2EFixture fixture, IPage admin, string version, int advancedScenarios)
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SmartFactory.DataFiles.DataFolder.Beside, "rulesets", "JS-2026.json")))!.AsObject();
        json["version"] = version;
        json["tiers"]![2]!["minScenarios"] = new JsonObject { ["value"] = advancedScenarios, ["provenance"] = "notice" };
        var folder = Path.Combine(fixture.App.Folder, "rulesets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"JS-2026-{version}.json");
        await File.WriteAllTextAsync(file, json.ToJsonString());

        await admin.GotoAsync("/Admin");
        await admin.GetByLabel("文件（.json 或 .xlsx）").SetInputFilesAsync(file);
        await admin.GetByRole(AriaRole.Button, new() { Name = "校验并载入" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex($@"/Admin/RuleSet\?key=JS-2026%40{Regex.Escape(version)}&loaded=1$"));
        await Expect(admin.Locator(".problems")).ToHaveCountAsync(0);
    }
}
