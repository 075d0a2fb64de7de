using System.Globalization;
using System.Text;

namespace SmartFactory.Domain.Assessments;

/// <summary>
/// What the grader reads of a submission, in about 60 characters instead of the snapshot's ~1.5 KB of JSON:
/// <c>edition|dtScore|cmmmLevel|codes</c>, the codes one hexadecimal digit per scenario from 1 to the highest listed
/// (<see cref="RatingTable"/>'s code: 0 = not listed, 1 + tier ordinal, + 8 when it applies AI), e.g.
/// <c>JS-2026|72.5|3|2345…</c>. Written at submission beside the snapshot, it lets a policy simulation read 100,000
/// submissions from a narrow index instead of paging through the wide rows (docs/benchmarks.md, "Policy simulation at
/// province scale"). Whether the basic requirements are met is not in it: a regrade decides that under its own rule-set
/// version from the attested keys.
/// </summary>
public static class GradingInput
{
    private const char Separator = '|';
    private const int HighestLevelCode = 1 + Tiers.Count;

    public static string Write(Assessment assessment)
    {
        if (assessment.Edition.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Edition {assessment.Edition} contains '{Separator}'.", nameof(assessment));
        }
        var highest = assessment.Ratings.Count == 0 ? 0 : assessment.Ratings.Keys.Max();
        if (highest > SnapshotReader.MaxScenarioNo || (assessment.Ratings.Count > 0 && assessment.Ratings.Keys.Min() < 1))
        {
            throw new ArgumentException("Scenario numbers run from 1 to " + SnapshotReader.MaxScenarioNo + ".", nameof(assessment));
        }
        var text = new StringBuilder(assessment.Edition.Length + 16 + highest);
        text.Append(assessment.Edition).Append(Separator)
            .Append(assessment.DtScore.ToString(CultureInfo.InvariantCulture)).Append(Separator)
            .Append(assessment.CmmmLevel.ToString(CultureInfo.InvariantCulture)).Append(Separator);
        for (var no = 1; no <= highest; no++)
        {
            var code = assessment.Ratings.TryGetValue(no, out var rating) ? RatingTable.Code(rating) : 0;
            text.Append((char)(code < 10 ? '0' + code : 'a' + code - 10));
        }
        return text.ToString();
    }

    /// <summary>The submission as <see cref="Write"/> wrote it; null when the text is not of that form.</summary>
    public static Assessment? Read(ReadOnlySpan<char> text, bool basicRequirementsMet)
    {
        Span<Range> parts = stackalloc Range[5];
        if (text.Split(parts, Separator) != 4)
        {
            return null;
        }
        var edition = text[parts[0]];
        var codes = text[parts[3]];
        if (edition.IsEmpty || codes.Length > SnapshotReader.MaxScenarioNo
            || !decimal.TryParse(text[parts[1]], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dt)
            || !int.TryParse(text[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var cmmm))
        {
            return null;
        }
        var table = new byte[codes.Length + 1];
        var count = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i] switch
            {
                >= '0' and <= '9' and var c => c - '0',
                >= 'a' and <= 'f' and var c => c - 'a' + 10,
                _ => -1,
            };
            if (code < 0 || (code != 0 && (code & ~RatingTable.AiBit) is < 1 or > HighestLevelCode))
            {
                return null;
            }
            table[i + 1] = (byte)code;
            count += code == 0 ? 0 : 1;
        }
        return new Assessment
        {
            Edition = edition.ToString(),
            DtScore = dt,
            CmmmLevel = cmmm,
            BasicRequirementsMet = basicRequirementsMet,
            Ratings = new RatingTable(table, count),
        };
    }
}
