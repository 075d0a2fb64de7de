using FsCheck;
using FsCheck.Fluent;
using SmartFactory.Domain.Grading;

namespace SmartFactory.Domain.Tests.Support;

/// <summary>A small edition with the enterprise's own cost estimates: 1–4 per step of each scenario and per AI flag.</summary>
public sealed record WeightedEdition(SmallEdition Edition, PlanCosts Costs)
{
    public override string ToString() =>
        $"{Edition}\n  costs: {string.Join(" ", Costs.StepCosts.OrderBy(c => c.Key).Select(c => $"{c.Key}:{c.Value}"))} AI:{Costs.AiFlagCost}";

    public static Arbitrary<WeightedEdition> Instances() => Arb.From(
        from edition in SmallEdition.Instances().Generator
        from steps in Gen.ArrayOf(Gen.Choose(1, 4), 7)
        from flag in Gen.Choose(1, 4)
        select new WeightedEdition(edition, new PlanCosts(steps.Select((c, i) => (No: i + 1, c)).ToDictionary(x => x.No, x => x.c), flag)));
}
