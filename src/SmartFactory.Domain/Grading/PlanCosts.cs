namespace SmartFactory.Domain.Grading;

/// <summary>
/// The enterprise's own cost estimates for a plan (decision 031): what one defined-tier step of each scenario costs, and
/// what flagging one scenario "applies AI" costs, in any unit the enterprise likes. Unset scenarios cost 1 a step, and
/// <see cref="Unit"/> (every step and flag 1) is the plan of DOMAIN.md.
/// </summary>
public sealed record PlanCosts(IReadOnlyDictionary<int, int> StepCosts, int AiFlagCost)
{
    public const int Max = 9999;

    public static readonly PlanCosts Unit = new(new Dictionary<int, int>(), 1);

    public int Step(int scenarioNo) => StepCosts.TryGetValue(scenarioNo, out var cost) ? cost : 1;

    /// <summary>A single estimate is refused unless it is a whole number from 1 to <see cref="Max"/>.</summary>
    public static bool IsValid(int cost) => cost is >= 1 and <= Max;
}
