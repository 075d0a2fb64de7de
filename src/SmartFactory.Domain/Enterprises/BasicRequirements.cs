namespace SmartFactory.Domain.Enterprises;

/// <summary>
/// One of the 基本要求 an enterprise attests with every assessment. The list itself is data of each rule-set version
/// (<see cref="Rules.RuleSet.BasicRequirements"/>), since editions change it.
/// </summary>
public sealed record BasicRequirement(string Key, string Text);
