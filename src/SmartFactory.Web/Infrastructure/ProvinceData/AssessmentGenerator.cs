using SmartFactory.Domain;
using SmartFactory.Domain.Assessments;
using SmartFactory.Domain.Catalogs;

namespace SmartFactory.Web.Infrastructure.ProvinceData;

/// <summary>
/// Pseudo-random but reproducible self-assessments: each enterprise gets a maturity (0 = below workshop …
/// 5 = leading), weighted so most land between workshop and advanced; every scenario is rated "none" or
/// one of its defined tiers near that maturity, and DT score, CMMM level and AI flags follow the maturity.
/// Used by the grader benchmarks (a reproducible mix) and by <see cref="ProvinceSeeder"/> (the demo data and the
/// load tests' province).
/// </summary>
public static class AssessmentGenerator
{
    public const int DefaultSeed = 20260101;

    /// <summary>Weights of maturity 0 (below workshop), workshop, basic, advanced, excellent, leading.</summary>
    private static readonly int[] MaturityWeights = [8, 25, 30, 22, 10, 5];

    /// <summary>Chance that a built scenario applies AI, by tier ordinal (index 0 unused).</summary>
    private static readonly double[] AiChance = [0, 0.02, 0.05, 0.15, 0.35, 0.70];

    public static Assessment[] Generate(Catalog catalog, int count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var result = new Assessment[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = One(catalog, random);
        }
        return result;
    }

    public static Assessment One(Catalog catalog, Random random) => One(catalog, random, Maturity(random));

    /// <summary>A maturity drawn from the province-wide weights (0 = below workshop … 5 = leading).</summary>
    public static int Maturity(Random random) => Pick(random, MaturityWeights);

    /// <summary>An assessment of an enterprise of the given maturity: the seeder draws it per enterprise and round, so a trend can rise.</summary>
    public static Assessment One(Catalog catalog, Random random, int maturity)
    {
        var buildChance = 0.25 + 0.12 * maturity;
        var ratings = new Dictionary<int, ScenarioRating>(catalog.Scenarios.Count);
        foreach (var scenario in catalog.Scenarios)
        {
            var level = random.NextDouble() < buildChance ? DefinedTierNear(scenario, maturity, random) : null;
            var ai = level is { } tier && random.NextDouble() < AiChance[(int)tier];
            ratings[scenario.No] = new ScenarioRating(level, ai);
        }
        var dt = Math.Clamp(45m + 9 * maturity + random.Next(-8, 9) + 0.5m * random.Next(2), 40m, 95m);
        return new Assessment
        {
            Edition = catalog.Edition,
            DtScore = dt,
            CmmmLevel = Math.Clamp(maturity - 1 + random.Next(2), 0, 5),
            BasicRequirementsMet = random.NextDouble() < 0.85,
            Ratings = ratings,
        };
    }

    /// <summary>A defined tier of the scenario, likelier the closer it is to the maturity; none if all are far off.</summary>
    private static Tier? DefinedTierNear(Scenario scenario, int maturity, Random random)
    {
        Span<int> weights = stackalloc int[Tiers.Count];
        var centre = Math.Max(1, maturity);
        for (var t = 0; t < Tiers.Count; t++)
        {
            var tier = (Tier)(t + 1);
            weights[t] = !scenario.IsDefined(tier) ? 0 : Math.Abs((int)tier - centre) switch
            {
                0 => 6,
                1 => 3,
                2 => 1,
                _ => 0,
            };
        }
        var pick = Pick(random, weights);
        return pick < 0 ? null : (Tier)(pick + 1);
    }

    private static int Pick(Random random, ReadOnlySpan<int> weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        if (total == 0)
        {
            return -1;
        }
        var r = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Nothing built, DT score 0, CMMM 0: the plan goes to workshop.</summary>
    public static Assessment Empty(Catalog catalog) => new()
    {
        Edition = catalog.Edition,
        DtScore = 0,
        CmmmLevel = 0,
    };

    /// <summary>
    /// Every scenario at excellent (the widest leading plan: no scenario counts at leading yet, so up to 20 new
    /// ones and the 60 % AI gate), every other one flagged AI so both kinds of candidates fill each stage.
    /// </summary>
    public static Assessment AllExcellent(Catalog catalog) => new()
    {
        Edition = catalog.Edition,
        DtScore = 85,
        CmmmLevel = 3,
        BasicRequirementsMet = true,
        Ratings = catalog.Scenarios.ToDictionary(s => s.No, s => new ScenarioRating(Tier.Excellent, s.No % 2 == 1)),
    };
}
