using System.Text;
using System.Text.Json;

namespace SmartFactory.Domain.Assessments;

/// <summary>The snapshot's single values: a level, a whole number, a flag.</summary>
public static partial class SnapshotReader
{
    /// <summary>The stored codes (<see cref="Tiers.RatingCode"/>) by their bytes; anything else as the file reader parses it.</summary>
    private static bool ReadLevel(ref Utf8JsonReader reader, out Tier? level)
    {
        level = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }
        for (var ordinal = 0; ordinal <= Tiers.Count; ordinal++)
        {
            if (reader.ValueTextEquals(StoredCodes[ordinal]))
            {
                level = Tiers.FromOrdinal(ordinal);
                return true;
            }
        }
        return Tiers.TryParseRating(reader.GetString(), out level);
    }

    private static readonly byte[][] StoredCodes = [.. Enumerable.Range(0, Tiers.Count + 1).Select(o => Encoding.UTF8.GetBytes(Tiers.RatingCode(o)))];

    /// <summary>A whole number, also when written as 2.0 (the file reader's rule).</summary>
    private static bool ReadInteger(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.Number)
        {
            return false;
        }
        if (reader.TryGetInt32(out value))
        {
            return true;
        }
        if (reader.TryGetDecimal(out var number) && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            value = (int)number;
            return true;
        }
        return false;
    }

    /// <summary>true, false, or null for false (an absent flag).</summary>
    private static bool ReadFlag(ref Utf8JsonReader reader, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null;
    }
}
