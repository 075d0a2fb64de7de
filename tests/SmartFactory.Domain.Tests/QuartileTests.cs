using FsCheck.Xunit;
using SmartFactory.Domain.Benchmarks;

namespace SmartFactory.Domain.Tests;

/// <summary>Peer spreads from counted values (the rollups' histograms) are those of the values themselves.</summary>
public class QuartileTests
{
    [Property(MaxTest = 500)]
    public void AHistogramGivesTheSpreadOfItsValues(byte[] tenths)
    {
        if (tenths.Length == 0)
        {
            return;
        }
        // Indexes have one decimal, between 0 and 100: a byte of tenths, scaled, covers repeats and gaps alike.
        var values = tenths.Select(t => Math.Round(t * 1000 / 255 / 10.0, 1)).ToList();
        var histogram = values.GroupBy(v => v).Select(g => (g.Key, (long)g.Count()));

        Assert.Equal(Quartiles.Of(values), Quartiles.OfCounts(histogram));
    }

    [Fact]
    public void EmptyBinsAreIgnoredAndNoValuesAtAllAreRefused()
    {
        Assert.Equal(Quartiles.Of([10, 20, 30, 40, 50]), Quartiles.OfCounts([(5, 0), (10, 1), (20, 1), (30, 1), (40, 1), (50, 1), (60, 0)]));
        Assert.Throws<ArgumentException>(() => Quartiles.OfCounts([(5, 0)]));
    }
}
