using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace SmartFactory.Domain.Assessments;

/// <summary>
/// Reads a stored submission snapshot (the assessment input format, one object, as written at submission) for a bulk
/// regrade: one forward pass with <see cref="Utf8JsonReader"/>, no document, one small array per assessment. The
/// snapshot was checked by <see cref="AssessmentReader"/>'s rules when it was submitted, so values are trusted (DT score
/// range, tiers defined for their scenario); what is checked is what could not be graded at all: not JSON, wrong types,
/// a missing edition, DT score or CMMM level, a duplicate field or scenario, an unknown level, a scenario number outside
/// 1–<see cref="MaxScenarioNo"/>. Any of those gives null, never an exception. Fields it does not know are skipped.
/// </summary>
public static partial class SnapshotReader
{
    /// <summary>The largest scenario number read (editions number theirs from 1; JS-2026 has 40).</summary>
    public const int MaxScenarioNo = 999;

    private const int EditionField = 1, DtField = 2, CmmmField = 4, BasicField = 8, ScenariosField = 16;

    /// <param name="basicRequirementsMet">
    /// Whether the basic requirements count as met; null takes the stored flag. A regrade under another rule-set version
    /// passes that version's verdict on the submission's attested keys (<c>ruleSet.BasicRequirements.AllMet(keys)</c>),
    /// since the list of requirements is data of each version.
    /// </param>
    public static Assessment? Read(ReadOnlySpan<byte> utf8, bool? basicRequirementsMet = null)
    {
        // The reader checks UTF-8 only when a string is taken out (and then throws InvalidOperationException).
        if (!Utf8.IsValid(utf8))
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            return ReadRoot(ref reader, basicRequirementsMet);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <inheritdoc cref="Read(ReadOnlySpan{byte}, bool?)"/>
    public static Assessment? Read(string json, bool? basicRequirementsMet = null)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            return Read(buffer.AsSpan(0, length), basicRequirementsMet);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Assessment? ReadRoot(ref Utf8JsonReader reader, bool? basicRequirementsMet)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        string? edition = null;
        decimal dt = 0;
        int cmmm = 0, seen = 0;
        var basic = false;
        RatingTable? ratings = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = reader.ValueTextEquals("edition"u8) ? EditionField
                : reader.ValueTextEquals("dtScore"u8) ? DtField
                : reader.ValueTextEquals("cmmmLevel"u8) ? CmmmField
                : reader.ValueTextEquals("basicRequirementsMet"u8) ? BasicField
                : reader.ValueTextEquals("scenarios"u8) ? ScenariosField
                : 0;
            if ((seen & field) != 0 || !reader.Read())
            {
                return null;
            }
            seen |= field;
            var ok = field switch
            {
                EditionField => reader.TokenType == JsonTokenType.String && (edition = reader.GetString()) is not null,
                DtField => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out dt),
                CmmmField => ReadInteger(ref reader, out cmmm),
                BasicField => ReadFlag(ref reader, out basic),
                ScenariosField => (ratings = ReadScenarios(ref reader)) is not null,
                _ => reader.TrySkip(),
            };
            if (!ok)
            {
                return null;
            }
        }
        // A field without its value, or anything after the object, throws (not JSON): caught above.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || (seen & (EditionField | DtField | CmmmField)) != (EditionField | DtField | CmmmField))
        {
            return null;
        }
        return new Assessment
        {
            Edition = edition!,
            DtScore = dt,
            CmmmLevel = cmmm,
            BasicRequirementsMet = basicRequirementsMet ?? basic,
            Ratings = ratings ?? new RatingTable([], 0),
        };
    }

    /// <summary>The scenarios array (null: none listed); null when any entry cannot be read.</summary>
    private static RatingTable? ReadScenarios(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return new RatingTable([], 0);
        }
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }
        Span<byte> codes = stackalloc byte[MaxScenarioNo + 1];
        int highest = 0, count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!ReadScenario(ref reader, out var no, out var rating) || codes[no] != 0)
            {
                return null;
            }
            codes[no] = RatingTable.Code(rating);
            highest = Math.Max(highest, no);
            count++;
        }
        return new RatingTable(codes[..(highest + 1)].ToArray(), count);
    }

    /// <summary>One {"no": n, "level": "basic", "ai": false}; "ai" may be absent or null.</summary>
    private static bool ReadScenario(ref Utf8JsonReader reader, out int no, out ScenarioRating rating)
    {
        no = 0;
        rating = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        Tier? level = null;
        bool ai = false, hasNo = false, hasLevel = false, hasAi = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("no"u8))
            {
                if (hasNo || !reader.Read() || !ReadInteger(ref reader, out no) || no is < 1 or > MaxScenarioNo)
                {
                    return false;
                }
                hasNo = true;
            }
            else if (reader.ValueTextEquals("level"u8))
            {
                if (hasLevel || !reader.Read() || !ReadLevel(ref reader, out level))
                {
                    return false;
                }
                hasLevel = true;
            }
            else if (reader.ValueTextEquals("ai"u8))
            {
                if (hasAi || !reader.Read() || !ReadFlag(ref reader, out ai))
                {
                    return false;
                }
                hasAi = true;
            }
            else if (!reader.Read() || !reader.TrySkip())
            {
                return false;
            }
        }
        rating = new ScenarioRating(level, ai);
        return hasNo && hasLevel;
    }
}
