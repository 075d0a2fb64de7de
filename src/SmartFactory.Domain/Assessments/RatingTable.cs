using System.Collections;

namespace SmartFactory.Domain.Assessments;

/// <summary>
/// Ratings by scenario number in one byte each (0 = not listed, else 1 + tier ordinal, + 8 when it applies AI): what
/// <see cref="SnapshotReader"/> reads into, so that a regrade of many snapshots allocates one small array per assessment
/// rather than a dictionary.
/// </summary>
internal sealed class RatingTable : IReadOnlyDictionary<int, ScenarioRating>
{
    public const byte AiBit = 8;
    private readonly byte[] _codes;

    /// <param name="codes">Indexed by scenario number; taken over, not copied.</param>
    public RatingTable(byte[] codes, int count)
    {
        _codes = codes;
        Count = count;
    }

    public int Count { get; }

    public static byte Code(ScenarioRating rating) => (byte)(1 + rating.Level.Ordinal() + (rating.Ai ? AiBit : 0));

    public bool TryGetValue(int key, out ScenarioRating value)
    {
        if ((uint)key < (uint)_codes.Length && _codes[key] is var code and not 0)
        {
            value = new ScenarioRating(Tiers.FromOrdinal((code & ~AiBit) - 1), (code & AiBit) != 0);
            return true;
        }
        value = default;
        return false;
    }

    public ScenarioRating this[int key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No rating of scenario {key}.");

    public bool ContainsKey(int key) => TryGetValue(key, out _);

    public IEnumerable<int> Keys => this.Select(pair => pair.Key);

    public IEnumerable<ScenarioRating> Values => this.Select(pair => pair.Value);

    public IEnumerator<KeyValuePair<int, ScenarioRating>> GetEnumerator()
    {
        for (var no = 0; no < _codes.Length; no++)
        {
            if (TryGetValue(no, out var rating))
            {
                yield return new(no, rating);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
