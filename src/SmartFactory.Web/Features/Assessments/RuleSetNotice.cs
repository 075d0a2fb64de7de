using SmartFactory.Domain;
using SmartFactory.Domain.Catalogs;
using SmartFactory.Domain.Grading;
using SmartFactory.Domain.Rules;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Assessments;

/// <summary>
/// What a publication (or withdrawal) changed for one draft: the version it was last shown and the one that grades it
/// now, its reference level under each, and every changed number. Shown on the draft until the enterprise acknowledges it.
/// </summary>
public sealed record RuleSetNotice(RuleSet Shown, RuleSet Now, Tier? LevelBefore, Tier? LevelNow, IReadOnlyList<RuleSetChange> Changes)
{
    /// <summary>The draft moved to another catalog edition through its mapping: its level before is not on the same scenarios.</summary>
    public bool EditionChanged => Shown.CatalogEdition != Now.CatalogEdition;

    public static RuleSetNotice? For(AssessmentRecord draft, EditionLibrary editions, GradeResult preview)
    {
        if (Drafts.ShownRuleSet(draft, editions) is not { } shown)
        {
            return null;
        }
        var now = Drafts.RuleSetOf(draft, editions);
        Tier? before = shown.CatalogEdition == draft.Edition
            ? Grader.ReferenceLevel(Drafts.ToAssessment(draft, shown), editions.Catalog(draft.Edition)!, shown)
            : null;
        var changes = RuleSetEntries.Diff(editions.Entry(shown).Json, editions.Entry(now).Json);
        return new RuleSetNotice(shown, now, before, preview.ReferenceLevel, changes);
    }

    /// <summary>The enterprise has read it: the draft remembers the version it is graded with now.</summary>
    public static void Acknowledge(AssessmentRecord draft, EditionLibrary editions)
    {
        var now = Drafts.RuleSetOf(draft, editions);
        (draft.RuleSetId, draft.RuleSetVersion) = (now.Id, now.Version);
    }
}
