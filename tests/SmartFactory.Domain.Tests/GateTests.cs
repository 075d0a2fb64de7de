using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary>Every gate of every tier of JS-2026, at its boundary: passes at exactly the threshold, fails one below.</summary>
public class GateTests
{
    [Theory]
    [InlineData(Tier.Workshop, "dtScore scenarioCount stageCount")]
    [InlineData(Tier.Basic, "dtScore cmmmLevel basicRequirements scenarioCount requiredStages stageCount")]
    [InlineData(Tier.Advanced, "dtScore cmmmLevel basicRequirements scenarioCount requiredStages stageCount")]
    [InlineData(Tier.Excellent, "dtScore cmmmLevel basicRequirements scenarioCount requiredStages stageCount aiShare")]
    [InlineData(Tier.Leading, "dtScore cmmmLevel basicRequirements scenarioCount requiredStages stageCount aiShare")]
    public void TierChecksExactlyTheGatesOfTheRuleSet(Tier tier, string gates)
    {
        var checks = Enterprise.Qualified.Grade().At(tier).Checks;

        Assert.Equal(gates, string.Join(" ", checks.Select(c => c.Gate.Code())));
    }

    [Theory]
    [InlineData(Tier.Workshop, 50)]
    [InlineData(Tier.Basic, 60)]
    [InlineData(Tier.Advanced, 70)]
    [InlineData(Tier.Excellent, 80)]
    [InlineData(Tier.Leading, 90)]
    public void DtScoreGatePassesAtItsThresholdAndFailsJustBelow(Tier tier, int threshold)
    {
        var at = Enterprise.With(dt: threshold).Grade().Check(tier, Gate.DtScore);
        var below = Enterprise.With(dt: threshold - 0.01m).Grade().Check(tier, Gate.DtScore);

        Assert.Equal((true, threshold, threshold), (at.Passed, at.Required.Number(), at.Actual.Number()));
        Assert.Equal((false, threshold - 0.01m), (below.Passed, below.Actual.Number()));
    }

    [Theory]
    [InlineData(Tier.Basic, 1)]
    [InlineData(Tier.Advanced, 2)]
    [InlineData(Tier.Excellent, 3)]
    [InlineData(Tier.Leading, 4)]
    public void CmmmGatePassesAtItsLevelAndFailsOneBelow(Tier tier, int level)
    {
        var at = Enterprise.With(cmmm: level).Grade().Check(tier, Gate.CmmmLevel);
        var below = Enterprise.With(cmmm: level - 1).Grade().Check(tier, Gate.CmmmLevel);

        Assert.Equal((true, level), (at.Passed, at.Required.Number()));
        Assert.Equal((false, level - 1), (below.Passed, below.Actual.Number()));
    }

    [Theory]
    [InlineData(Tier.Basic)]
    [InlineData(Tier.Advanced)]
    [InlineData(Tier.Excellent)]
    [InlineData(Tier.Leading)]
    public void BasicRequirementsGatePassesOnlyWhenAttested(Tier tier)
    {
        Assert.True(Enterprise.With(basic: true).Grade().Check(tier, Gate.BasicRequirements).Passed);
        Assert.False(Enterprise.With(basic: false).Grade().Check(tier, Gate.BasicRequirements).Passed);
    }

    [Theory]
    [InlineData(Tier.Workshop, 3)]
    [InlineData(Tier.Basic, 6)]
    [InlineData(Tier.Advanced, 10)]
    [InlineData(Tier.Excellent, 15)]
    [InlineData(Tier.Leading, 20)]
    public void ScenarioCountGatePassesAtItsThresholdAndFailsOneBelow(Tier tier, int threshold)
    {
        var defined = Bundled.DefinedAt(tier);

        var at = Enterprise.Qualified.Rate(tier, defined[..threshold]).Grade().Check(tier, Gate.ScenarioCount);
        var below = Enterprise.Qualified.Rate(tier, defined[..(threshold - 1)]).Grade().Check(tier, Gate.ScenarioCount);

        Assert.Equal((true, threshold, threshold), (at.Passed, at.Required.Number(), at.Actual.Number()));
        Assert.Equal((false, threshold - 1), (below.Passed, below.Actual.Number()));
    }

    [Theory]
    [InlineData(Tier.Workshop, Tier.Leading, 3)]
    [InlineData(Tier.Basic, Tier.Excellent, 2)]
    [InlineData(Tier.Excellent, Tier.Advanced, 0)]
    public void ScenarioCountsAtEveryTierUpToItsRating(Tier tier, Tier rating, int counting)
    {
        var result = Enterprise.Qualified.Rate(rating, 8, 9).Rate(Tier.Workshop, 10).Grade();

        Assert.Equal(counting, result.Check(tier, Gate.ScenarioCount).Actual.Number());
    }

    [Theory]
    [InlineData(Tier.Basic, "生产作业", false)]
    [InlineData(Tier.Basic, "生产管理", true)]
    [InlineData(Tier.Advanced, "生产作业", false)]
    [InlineData(Tier.Advanced, "生产管理", false)]
    [InlineData(Tier.Advanced, "运营管理", false)]
    [InlineData(Tier.Advanced, "工厂建设", true)]
    [InlineData(Tier.Excellent, "运营管理", false)]
    [InlineData(Tier.Excellent, "供应链管理", true)]
    [InlineData(Tier.Leading, "生产管理", false)]
    [InlineData(Tier.Leading, "产品服务", true)]
    public void RequiredStagesGateFailsWhenOneRequiredStageIsUncovered(Tier tier, string uncovered, bool passes)
    {
        var others = Bundled.Catalog.Scenarios.Where(s => s.Stage != uncovered).Select(s => s.No).ToArray();

        var check = Enterprise.Qualified.Rate(Tier.Leading, others).Grade().Check(tier, Gate.RequiredStages);

        Assert.Equal(passes, check.Passed);
        Assert.Equal(Bundled.Catalog.Stages.Where(s => s != uncovered), check.Actual.Stages());
    }

    [Theory]
    [InlineData(Tier.Workshop, 1)]
    [InlineData(Tier.Basic, 2)]
    [InlineData(Tier.Advanced, 3)]
    [InlineData(Tier.Excellent, 5)]
    [InlineData(Tier.Leading, 6)]
    public void StageCountGatePassesAtItsThresholdAndFailsOneBelow(Tier tier, int threshold)
    {
        int[] OnePerStage(int stages) => Bundled.Catalog.Stages.Take(stages).Select(s => Bundled.Catalog.InStage(s).First().No).ToArray();

        var at = Enterprise.Qualified.Rate(Tier.Leading, OnePerStage(threshold)).Grade().Check(tier, Gate.StageCount);
        var below = Enterprise.Qualified.Rate(Tier.Leading, OnePerStage(threshold - 1)).Grade().Check(tier, Gate.StageCount);

        Assert.Equal((true, threshold, threshold), (at.Passed, at.Required.Number(), at.Actual.Number()));
        Assert.Equal((false, threshold - 1), (below.Passed, below.Actual.Number()));
    }

    /// <summary>With c scenarios counting, the AI gate needs ⌈share × c⌉ of them flagged.</summary>
    [Theory]
    [InlineData(Tier.Excellent, 11, 3)]
    [InlineData(Tier.Excellent, 10, 2)]
    [InlineData(Tier.Excellent, 15, 3)]
    [InlineData(Tier.Excellent, 16, 4)]
    [InlineData(Tier.Excellent, 1, 1)]
    [InlineData(Tier.Leading, 20, 12)]
    [InlineData(Tier.Leading, 21, 13)]
    [InlineData(Tier.Leading, 5, 3)]
    public void AiShareGateNeedsTheCeilingOfTheShare(Tier tier, int counting, int needed)
    {
        var counted = Bundled.DefinedAt(tier)[..counting];
        GateCheck Flagging(int flagged) =>
            Enterprise.Qualified.RateWithAi(tier, counted[..flagged]).Rate(tier, counted[flagged..]).Grade().Check(tier, Gate.AiShare);

        var at = Flagging(needed);
        var below = Flagging(needed - 1);

        Assert.Equal((true, needed, needed), (at.Passed, at.Required.Number(), at.Actual.Number()));
        Assert.Equal((false, needed, needed - 1), (below.Passed, below.Required.Number(), below.Actual.Number()));
    }

    [Fact]
    public void AiShareGateHoldsWithNothingCounting()
    {
        var check = Enterprise.Qualified.Grade().Check(Tier.Excellent, Gate.AiShare);

        Assert.Equal((true, 0m), (check.Passed, check.Required.Number()));
    }
}
