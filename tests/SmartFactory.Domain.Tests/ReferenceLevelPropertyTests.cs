using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Domain.Tests.Support;

namespace SmartFactory.Domain.Tests;

/// <summary><see cref="Grader.ReferenceLevel"/> (what a policy simulation regrades with) says what the full grade says.</summary>
[Properties(Arbitrary = [typeof(Generators), typeof(RuleSetVariants), typeof(SmallEdition)], MaxTest = 500)]
public class ReferenceLevelPropertyTests
{
    [Property]
    public void ReferenceLevelAloneEqualsTheFullGradeUnderTheBundledRules(RandomAssessment random) =>
        SameAsTheFullGrade(random.Value, Bundled.Catalog, Bundled.RuleSet);

    [Property]
    public void ReferenceLevelAloneEqualsTheFullGradeUnderADraftRuleSet(RandomAssessment random, DraftRuleSet draft) =>
        SameAsTheFullGrade(random.Value, Bundled.Catalog, draft.Value);

    [Property]
    public void ReferenceLevelAloneEqualsTheFullGradeOnSmallEditions(SmallEdition edition) =>
        SameAsTheFullGrade(edition.Assessment, edition.Catalog, edition.RuleSet);

    private static void SameAsTheFullGrade(Assessment assessment, Catalog catalog, RuleSet ruleSet) =>
        Assert.Equal(Grader.Grade(assessment, catalog, ruleSet).ReferenceLevel, Grader.ReferenceLevel(assessment, catalog, ruleSet));

    /// <summary>
    /// The properties above would hold trivially if the drafts failed everyone; they do not. A fixed seed and enough
    /// samples that the rarest level (领航级, about 0.14 % of them) shows up: the test must not depend on luck.
    /// </summary>
    [Fact]
    public void DraftsReachEveryLevelAndMoveSomeAssessments()
    {
        const int Samples = 10_000;
        var pairs = Generators.Assessments().Generator
            .SelectMany(a => RuleSetVariants.Drafts().Generator.Select(d => (a.Value, Draft: d.Value)))
            .Sample(Samples, new FsCheck.Rnd(20260101), 50);

        var levels = pairs.Select(p => Grader.ReferenceLevel(p.Value, Bundled.Catalog, p.Draft)).ToArray();
        var moved = pairs.Count(p => Grader.ReferenceLevel(p.Value, Bundled.Catalog, p.Draft) != Grader.ReferenceLevel(p.Value, Bundled.Catalog, Bundled.RuleSet));

        Assert.Equal(Samples, pairs.Length);
        Assert.Equal([null, .. Tiers.All.Cast<Tier?>()], levels.Distinct().OrderBy(l => l.Ordinal()));
        Assert.InRange(moved, Samples / 10, Samples * 9 / 10);
    }
}
