using System.Globalization;
using System.Text.Json.Nodes;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>The policy figures and lists of the rule set beside its gates, each with where it comes from.</summary>
public class RuleSetPolicyTests
{
    [Theory]
    [InlineData("aboveScaleGoal.share", "0.5", "notice")]
    [InlineData("aboveScaleGoal.byYear", "2027", "notice")]
    [InlineData("reviewFlags.farAboveCmmm", "2", "placeholder")]
    [InlineData("reviewFlags.jumpTiers", "2", "placeholder")]
    [InlineData("peerBenchmark.minimumPeers", "5", "placeholder")]
    public void RuleSetHoldsThePolicyFigureWithItsProvenance(string figure, string value, string provenance)
    {
        var r = Bundled.RuleSet;
        var shown = figure switch
        {
            "aboveScaleGoal.share" => Show(r.AboveScaleGoal.Share),
            "aboveScaleGoal.byYear" => Show(r.AboveScaleGoal.ByYear),
            "reviewFlags.farAboveCmmm" => Show(r.ReviewFlags.FarAboveCmmm),
            "reviewFlags.jumpTiers" => Show(r.ReviewFlags.JumpTiers),
            _ => Show(r.MinimumPeers),
        };

        Assert.Equal((value, provenance), shown);
    }

    [Fact]
    public void BundledBasicRequirementsAreTheFourOfThePolicyWithTheirSource()
    {
        var basics = Bundled.RuleSet.BasicRequirements;

        Assert.Equal(["registered", "operation", "secure", "organisation"], basics.Keys);
        Assert.Equal(Provenance.Notice, basics.Provenance);
        Assert.Equal(Tier.Basic, Bundled.RuleSet.AboveScaleGoal.Tier);
    }

    /// <summary>A later edition may add or drop a requirement: what counts as met follows the rule set's list, not code.</summary>
    [Theory]
    [InlineData("bundled", "registered operation secure organisation", true)]
    [InlineData("bundled", "registered operation secure", false)]
    [InlineData("plus digital-plan", "registered operation secure organisation", false)]
    [InlineData("plus digital-plan", "registered operation secure organisation digital-plan", true)]
    [InlineData("only registered", "registered", true)]
    [InlineData("only registered", "operation secure organisation", false)]
    public void BasicRequirementsAreMetWhenEveryItemOfTheRuleSetsListIsAttested(string list, string attested, bool met)
    {
        var json = Bundled.Json(Bundled.RuleSetPath);
        var items = json["basicRequirements"]!["items"]!.AsArray();
        if (list == "plus digital-plan")
        {
            items.Add(new JsonObject { ["key"] = "digital-plan", ["text"] = "已制定数字化转型规划" });
        }
        if (list == "only registered")
        {
            while (items.Count > 1)
            {
                items.RemoveAt(1);
            }
        }

        var ruleSet = RuleSetLoader.Parse(json.ToJsonString(), "JS-2026.json", e => e == "JS-2026" ? Bundled.Catalog : null).Value!;

        Assert.Equal(met, ruleSet.BasicRequirements.AllMet(attested.Split(' ')));
    }

    private static (string, string) Show<T>(Sourced<T> sourced) =>
        (Convert.ToString(sourced.Value, CultureInfo.InvariantCulture)!, sourced.Provenance.Code());
}
