namespace SmartFactory.Domain;

/// <summary>The five tiers of the ladder, low to high. "Not built" is a null <c>Tier?</c>.</summary>
public enum Tier
{
    Workshop = 1,
    Basic = 2,
    Advanced = 3,
    Excellent = 4,
    Leading = 5,
}

public static class Tiers
{
    public static readonly IReadOnlyList<Tier> All = [Tier.Workshop, Tier.Basic, Tier.Advanced, Tier.Excellent, Tier.Leading];

    public const int Count = 5;

    /// <summary>0 for "not built", 1 (workshop) … 5 (leading).</summary>
    public static int Ordinal(this Tier? tier) => tier is null ? 0 : (int)tier.Value;

    public static Tier? Above(this Tier? tier) => tier switch
    {
        null => Tier.Workshop,
        Tier.Leading => null,
        _ => tier.Value + 1,
    };

    public static string Code(this Tier tier) => tier switch
    {
        Tier.Workshop => "workshop",
        Tier.Basic => "basic",
        Tier.Advanced => "advanced",
        Tier.Excellent => "excellent",
        Tier.Leading => "leading",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    public static string ChineseName(this Tier tier) => tier switch
    {
        Tier.Workshop => "智能车间",
        Tier.Basic => "基础级",
        Tier.Advanced => "先进级",
        Tier.Excellent => "卓越级",
        Tier.Leading => "领航级",
        _ => throw new ArgumentOutOfRangeException(nameof(tier)),
    };

    public static string ChineseName(this Tier? tier) => tier is null ? "未建设" : tier.Value.ChineseName();

    /// <summary>Parses an English code or a Chinese name.</summary>
    public static bool TryParse(string? text, out Tier tier)
    {
        foreach (var candidate in All)
        {
            if (text == candidate.Code() || text == candidate.ChineseName())
            {
                tier = candidate;
                return true;
            }
        }
        tier = default;
        return false;
    }

    /// <summary>Parses a rating: a tier, or "none"/"未建设" for not built.</summary>
    public static bool TryParseRating(string? text, out Tier? rating)
    {
        rating = null;
        if (text is "none" or "未建设")
        {
            return true;
        }
        if (TryParse(text, out var tier))
        {
            rating = tier;
            return true;
        }
        return false;
    }

    public const string AcceptedNames = "workshop、basic、advanced、excellent、leading、none 或 智能车间、基础级、先进级、卓越级、领航级、未建设";
}
