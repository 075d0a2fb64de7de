using System.Text.Json;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Web.Infrastructure;
using static SmartFactory.Web.Tests.ApiBuilders;

namespace SmartFactory.Web.Tests;

/// <summary>The basic requirements are data of the draft's rule set: another list changes the form and what grading needs.</summary>
public sealed class BasicRequirementsTests : IDisposable
{
    private const string ExtraKey = "digital-plan";
    private const string ExtraText = "已制定企业数字化转型规划并经董事会批准";

    private readonly AppFactory _app = new() { Editions = BundledWithExtraRequirement() };

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task FormOffersEveryRequirementOfTheRuleSet()
    {
        var e = await EnterpriseAsync(_app, 1);

        var page = await e.Browser.GetAsync("/Assessments");

        var boxes = page.QuerySelectorAll("input[name='Input.Attested']").Select(b => b.GetAttribute("value")).ToList();
        Assert.Equal([.. Seed.BasicRequirements.Keys, ExtraKey], boxes);
        Assert.Contains(ExtraText, Browser.Text(page));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task BasicRequirementsAreMetOnlyWhenTheRuleSetsWholeListIsAttested(bool attestExtra, bool met)
    {
        var e = await EnterpriseAsync(_app, 1);
        string[] attested = attestExtra ? [.. Seed.BasicRequirements.Keys, ExtraKey] : [.. Seed.BasicRequirements.Keys];

        var saved = await JsonAsync(await PutJsonAsync(e.Api, $"/api/v1/enterprises/{e.Id}/draft/basics", new { dtScore = 75, dtDate = "2026-10-01", cmmmLevel = 2, attested }));
        var result = await JsonAsync(await e.Api.GetAsync($"/api/v1/assessments/{saved.GetProperty("id").GetInt32()}/result"));

        var basic = result.GetProperty("tiers").EnumerateArray().Single(t => t.GetProperty("tier").GetString() == "basic");
        var check = basic.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("gate").GetString() == "basicRequirements");
        Assert.Equal(met, check.GetProperty("actual").GetBoolean());
    }

    /// <summary>The bundled catalog and rule set, the rule set with one more basic requirement.</summary>
    private static EditionLibrary BundledWithExtraRequirement()
    {
        var data = SmartFactory.DataFiles.DataFolder.Beside;
        var ruleSet = JsonNode.Parse(File.ReadAllText(Path.Combine(data, "rulesets", "JS-2026.json")))!.AsObject();
        ruleSet["basicRequirements"]!["items"]!.AsArray().Add(new JsonObject { ["key"] = ExtraKey, ["text"] = ExtraText });
        var loaded = EditionLibrary.Load(
            [("JS-2026.json", File.ReadAllText(Path.Combine(data, "catalogs", "JS-2026.json")))],
            [("JS-2026.json", ruleSet.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))]);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Problems));
        return loaded.Value!;
    }
}
