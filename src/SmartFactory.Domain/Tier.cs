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

    /// <summary>The name of a rating: a tier, or 未建设 for not built.</summary>
    public static string ChineseName(this Tier? tier) => tier is null ? "未建设" : tier.Value.ChineseName();

    /// <summary>A stored ordinal (0 = not built / below 智能车间, 1 workshop … 5 leading) as a tier.</summary>
    public static Tier? FromOrdinal(int ordinal) => ordinal == 0 ? null : (Tier)ordinal;

    /// <summary>A stored rating ordinal by name: 未建设, 智能车间 … 领航级.</summary>
    public static string RatingName(int ordinal) => FromOrdinal(ordinal).ChineseName();

    /// <summary>A stored rating ordinal by code: none, workshop … leading.</summary>
    public static string RatingCode(int ordinal) => FromOrdinal(ordinal)?.Code() ?? "none";

    /// <summary>A reference level by name; no tier reached reads 未达到智能车间 (not 未建设, which is a scenario's rating).</summary>
    public static string ReferenceLevelName(this Tier? level) => level?.ChineseName() ?? "未达到智能车间";

    /// <summary>A stored reference level by name: — when nothing was submitted, else as <see cref="ReferenceLevelName(Tier?)"/>.</summary>
    public static string ReferenceLevelName(int? ordinal) => ordinal is int o ? FromOrdinal(o).ReferenceLevelName() : "—";

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
