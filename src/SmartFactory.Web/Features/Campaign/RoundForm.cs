using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmartFactory.Domain;
using SmartFactory.Domain.Enterprises;
using SmartFactory.Web.Data;

namespace SmartFactory.Web.Features.Campaign;

/// <summary>The province's round form as typed: text, so that every mistake gets its own Chinese message.</summary>
public sealed class RoundInput
{
    public string? Year { get; set; }
    public string? Name { get; set; }
    public string? Tier { get; set; }
    public string? OpensOn { get; set; }
    public string? ClosesOn { get; set; }
    public string? RecommendClosesOn { get; set; }
    public Dictionary<string, string?> Quotas { get; set; } = [];

    public static RoundInput Of(CampaignRound round) => new()
    {
        Year = round.Year.ToString(CultureInfo.InvariantCulture),
        Name = round.Name,
        Tier = round.Tier.Code(),
        OpensOn = Rounds.Day(round.OpensOn),
        ClosesOn = Rounds.Day(round.ClosesOn),
        RecommendClosesOn = Rounds.Day(round.RecommendClosesOn),
        Quotas = round.Quotas.ToDictionary(q => q.DivisionCode, q => (string?)q.Quota.ToString(CultureInfo.InvariantCulture)),
    };

    /// <summary>A new round's defaults: 先进级, this year, no dates.</summary>
    public static RoundInput New(DateOnly today) => new() { Year = today.Year.ToString(CultureInfo.InvariantCulture), Name = $"{today.Year} 年度", Tier = Domain.Tier.Advanced.Code() };
}

/// <summary>Checks a <see cref="RoundInput"/> and writes it onto a round; nothing is written unless everything is right.</summary>
public static class RoundForm
{
    public const int MaxQuota = 10_000;

    /// <summary>The problems of the input (empty when it may be saved) and, when none, the values to save.</summary>
    public static async Task<List<string>> ValidateAsync(AppDbContext db, Regions regions, RoundInput input, CampaignRound? existing)
    {
        var problems = new List<string>();
        if (!int.TryParse(input.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2020 or > 2100)
        {
            problems.Add("年度应为 2020–2100 的整数。");
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            problems.Add("请填写批次名称（如“2026 年度第一批”）。");
        }
        else if (name.Length > 100)
        {
            problems.Add("批次名称不能超过 100 个字。");
        }
        var tier = Rounds.Tiers.Cast<Tier?>().FirstOrDefault(t => t!.Value.Code() == input.Tier);
        if (tier is null)
        {
            problems.Add($"申报等级应为{string.Join("、", Rounds.Tiers.Select(t => t.ChineseName()))}之一。");
        }
        var opens = Date(input.OpensOn, "申报开始日期", problems);
        var closes = Date(input.ClosesOn, "申报截止日期", problems);
        var recommend = Date(input.RecommendClosesOn, "推荐截止日期", problems);
        if (opens is { } o && closes is { } c && c < o)
        {
            problems.Add($"申报截止日期（{Rounds.Day(c)}）不能早于开始日期（{Rounds.Day(o)}）。");
        }
        if (closes is { } c2 && recommend is { } r && r < c2)
        {
            problems.Add($"推荐截止日期（{Rounds.Day(r)}）不能早于申报截止日期（{Rounds.Day(c2)}）。");
        }
        if (tier is { } t && opens is { } o2 && closes is { } c3 && c3 >= o2)
        {
            var id = existing?.Id ?? 0;
            var overlapping = await db.Rounds.AsNoTracking()
                .Where(x => x.Id != id && x.Tier == t && x.OpensOn <= c3 && o2 <= x.ClosesOn).OrderBy(x => x.OpensOn).FirstOrDefaultAsync();
            if (overlapping is not null)
            {
                problems.Add($"与{t.ChineseName()}申报批次“{overlapping.Name}”（{Rounds.Day(overlapping.OpensOn)} 至 {Rounds.Day(overlapping.ClosesOn)}）的申报时间重叠；同一等级同时只能有一个批次受理申报。");
            }
        }
        if (existing is not null && tier is { } newTier && newTier != existing.Tier && await db.Applications.AnyAsync(a => a.RoundId == existing.Id))
        {
            problems.Add("已有企业在本批次申报，不能更改申报等级。");
        }
        foreach (var (code, divisionName) in Rounds.QuotaDivisions(regions))
        {
            var text = input.Quotas.GetValueOrDefault(code)?.Trim();
            var used = existing?.Quotas.FirstOrDefault(q => q.DivisionCode == code)?.Used ?? 0;
            if (string.IsNullOrEmpty(text))
            {
                continue; // no quota: 0 places
            }
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                problems.Add($"{divisionName}：推荐名额应为整数。");
            }
            else if (n < 0)
            {
                problems.Add($"{divisionName}：推荐名额不能为负数。");
            }
            else if (n > MaxQuota)
            {
                problems.Add($"{divisionName}：推荐名额不能超过 {MaxQuota}。");
            }
            else if (n < used)
            {
                problems.Add($"{divisionName}：推荐名额不能少于已推荐的 {used} 个。");
            }
        }
        return problems;
    }

    /// <summary>Writes a validated input onto a tracked round (new or existing).</summary>
    public static void Apply(RoundInput input, CampaignRound round, Regions regions)
    {
        round.Year = int.Parse(input.Year!, CultureInfo.InvariantCulture);
        round.Name = input.Name!.Trim();
        round.Tier = Rounds.Tiers.First(t => t.Code() == input.Tier);
        round.OpensOn = DateOnly.ParseExact(input.OpensOn!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        round.ClosesOn = DateOnly.ParseExact(input.ClosesOn!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        round.RecommendClosesOn = DateOnly.ParseExact(input.RecommendClosesOn!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var (code, _) in Rounds.QuotaDivisions(regions))
        {
            var text = input.Quotas.GetValueOrDefault(code)?.Trim();
            var n = string.IsNullOrEmpty(text) ? 0 : int.Parse(text, CultureInfo.InvariantCulture);
            if (round.Quotas.FirstOrDefault(q => q.DivisionCode == code) is { } quota)
            {
                quota.Quota = n;
            }
            else
            {
                round.Quotas.Add(new RoundQuota { DivisionCode = code, Quota = n });
            }
        }
    }

    private static DateOnly? Date(string? text, string what, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            problems.Add($"请填写{what}。");
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) || day.Year is < 2020 or > 2100)
        {
            problems.Add($"{what}应为 2020–2100 年间的日期（如 2026-03-01）。");
            return null;
        }
        return day;
    }
}
