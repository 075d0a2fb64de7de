namespace SmartFactory.Domain.Catalogs;

/// <summary>One typical scenario with its description at each tier (null where the table has "/").</summary>
public sealed record Scenario
{
    public required int No { get; init; }
    public required string Stage { get; init; }
    public required string Name { get; init; }

    /// <summary>Indexed by tier ordinal − 1; null means the tier is not defined for this scenario.</summary>
    public required IReadOnlyList<string?> Descriptions { get; init; }

    /// <summary>Guidance shown beside the scenario: what it means, what evidence shows each defined tier, typical examples.</summary>
    public required ScenarioHelp Help { get; init; }

    public string? Description(Tier tier) => Descriptions[(int)tier - 1];

    public bool IsDefined(Tier tier) => Descriptions[(int)tier - 1] is not null;

    public Tier? LowestDefinedAtOrAbove(Tier tier)
    {
        for (var t = tier; t <= Tier.Leading; t++)
        {
            if (IsDefined(t))
            {
                return t;
            }
        }
        return null;
    }

    /// <summary>The number of defined tiers above <paramref name="from"/>, up to and including <paramref name="to"/>.</summary>
    public int RaiseCost(Tier? from, Tier to)
    {
        var cost = 0;
        for (var t = (Tier)(from.Ordinal() + 1); t <= to; t++)
        {
            if (IsDefined(t))
            {
                cost++;
            }
        }
        return cost;
    }
}

/// <summary>Help for one scenario, from the catalog data: every defined tier has its evidence text.</summary>
public sealed record ScenarioHelp(string Meaning, IReadOnlyDictionary<Tier, string> Evidence, IReadOnlyList<string> Examples)
{
    public string? EvidenceAt(Tier tier) => Evidence.GetValueOrDefault(tier);
}

/// <summary>A scenario catalog edition such as JS-2026: the stages in order and their scenarios.</summary>
public sealed record Catalog
{
    public required string Edition { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Stages { get; init; }
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    public Scenario? Find(int no)
    {
        foreach (var scenario in Scenarios)
        {
            if (scenario.No == no)
            {
                return scenario;
            }
        }
        return null;
    }

    public int StageIndex(string stage)
    {
        for (var i = 0; i < Stages.Count; i++)
        {
            if (Stages[i] == stage)
            {
                return i;
            }
        }
        return -1;
    }

    public IEnumerable<Scenario> InStage(string stage) => Scenarios.Where(s => s.Stage == stage);
}
