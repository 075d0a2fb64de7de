using System.Runtime.CompilerServices;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Domain.Grading;

/// <summary>What counts at one tier: scenarios rated at it or higher, their AI flags and the stages they cover.</summary>
internal readonly record struct ScenarioCounts(int Counting, int AiFlagged, ulong StageMask)
{
    public int StagesCovered => System.Numerics.BitOperations.PopCount(StageMask);

    public string[] CoveredStages(Catalog catalog)
    {
        var mask = StageMask;
        return catalog.Stages.Where((_, i) => (mask & (1UL << i)) != 0).ToArray();
    }

    /// <summary>Whether every stage of <paramref name="required"/> is covered; a stage the catalog does not have never is.</summary>
    public bool Covers(Catalog catalog, IReadOnlyList<string> required)
    {
        // Indexed loops: foreach over an IReadOnlyList allocates an enumerator, and this runs per tier per submission.
        for (var r = 0; r < required.Count; r++)
        {
            var i = catalog.StageIndex(required[r]);
            if (i < 0 || (StageMask & (1UL << i)) == 0)
            {
                return false;
            }
        }
        return true;
    }

    public static ScenarioCounts At(Assessment assessment, Catalog catalog, Tier tier) => ByTier(assessment, catalog)[(int)tier - 1];

    /// <summary>
    /// The counts at all five tiers in one walk over the catalog: a scenario rated at T counts at T and at every tier
    /// below it.
    /// </summary>
    public static TierCounts ByTier(Assessment assessment, Catalog catalog)
    {
        var counts = new TierCounts();
        var scenarios = catalog.Scenarios;
        for (var i = 0; i < scenarios.Count; i++)
        {
            var s = scenarios[i];
            var rating = assessment.RatingOf(s.No);
            var ordinal = rating.Level.Ordinal();
            if (ordinal == 0)
            {
                continue;
            }
            var stage = 1UL << catalog.StageIndex(s.Stage);
            var ai = rating.Ai ? 1 : 0;
            for (var t = 0; t < ordinal; t++)
            {
                var c = counts[t];
                counts[t] = new ScenarioCounts(c.Counting + 1, c.AiFlagged + ai, c.StageMask | stage);
            }
        }
        return counts;
    }
}

/// <summary>The counts of each tier, indexed by tier ordinal − 1; a value on the stack, so grading allocates nothing for it.</summary>
[InlineArray(Tiers.Count)]
internal struct TierCounts
{
    private ScenarioCounts _workshop;
}
