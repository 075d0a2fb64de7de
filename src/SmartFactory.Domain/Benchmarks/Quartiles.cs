namespace SmartFactory.Domain.Benchmarks;

/// <summary>The spread of a peer group: minimum, quartiles and maximum (linear interpolation between ranks).</summary>
public sealed record Quartiles(double Min, double Q1, double Median, double Q3, double Max)
{
    public static Quartiles Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values to summarise.", nameof(values));
        }
        return new Quartiles(Math.Round(sorted[0], 1), At(sorted, 0.25), At(sorted, 0.5), At(sorted, 0.75), Math.Round(sorted[^1], 1));
    }

    /// <summary>
    /// The same spread from a histogram: each distinct value with how many times it occurs. Equal to <see cref="Of"/> on
    /// the expanded values, so peer groups of any size are summarised from a few hundred counted values.
    /// </summary>
    public static Quartiles OfCounts(IEnumerable<(double Value, long Count)> histogram)
    {
        var bins = histogram.Where(b => b.Count > 0).OrderBy(b => b.Value).ToArray();
        var total = bins.Sum(b => b.Count);
        if (total == 0)
        {
            throw new ArgumentException("No values to summarise.", nameof(histogram));
        }
        double Nth(long rank)
        {
            foreach (var (value, count) in bins)
            {
                if (rank < count)
                {
                    return value;
                }
                rank -= count;
            }
            return bins[^1].Value;
        }
        double At(double p)
        {
            var rank = p * (total - 1);
            var low = (long)Math.Floor(rank);
            var high = (long)Math.Ceiling(rank);
            return Math.Round(Nth(low) + (Nth(high) - Nth(low)) * (rank - low), 1);
        }
        return new Quartiles(Math.Round(bins[0].Value, 1), At(0.25), At(0.5), At(0.75), Math.Round(bins[^1].Value, 1));
    }

    private static double At(double[] sorted, double p)
    {
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return Math.Round(sorted[low] + (sorted[high] - sorted[low]) * (rank - low), 1);
    }

    /// <summary>Where a value sits, in words: 前 25 %, 中上, 中下, 后 25 %.</summary>
    public string Position(double value) =>
        value >= Q3 ? "处于前 25%" : value >= Median ? "高于中位数" : value >= Q1 ? "低于中位数" : "处于后 25%";
}
