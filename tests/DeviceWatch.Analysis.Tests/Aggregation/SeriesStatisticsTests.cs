using CsCheck;
using DeviceWatch.Analysis.Aggregation;

namespace DeviceWatch.Analysis.Tests.Aggregation;

public sealed class SeriesStatisticsTests
{
    private static long S(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    [Fact]
    public void PerHourMax_EveryFiveMinutes_CountsTwelveNotThirteen()
    {
        // 13 sends at 0, 5, …, 60 min: [t, t+60 min) holds 12 of them.
        var ticks = Enumerable.Range(0, 13).Select(i => S(i * 300)).ToArray();
        Assert.Equal((12, 0), SeriesStatistics.PerHourMax(ticks));
    }

    [Fact]
    public void PerHourMax_BurstInsideLongSeries_FindsBurstWindow()
    {
        var ticks = new List<long> { S(0), S(4000) };
        ticks.AddRange(Enumerable.Range(0, 20).Select(i => S(8000 + i)));
        ticks.Add(S(20000));
        var (max, start) = SeriesStatistics.PerHourMax(ticks.ToArray());
        Assert.Equal(20, max);
        Assert.Equal(2, start);
    }

    [Fact]
    public void PerHourMax_MatchesBruteForce()
    {
        Gen.Int[0, 7200].Array[0, 60].Sample(seconds =>
        {
            var ticks = seconds.Order().Select(s => S(s)).ToArray();
            var brute = ticks.Length == 0 ? 0 : ticks.Max(t => ticks.Count(u => u >= t && u - t < TimeSpan.TicksPerHour));
            Assert.Equal(brute, SeriesStatistics.PerHourMax(ticks).Max);
        });
    }

    [Fact]
    public void LongestSpan_GapAtTolerance_StaysContinuous()
    {
        long[] ticks = [S(0), S(900), S(1800)];
        Assert.Equal(S(1800), SeriesStatistics.LongestSpan(ticks, S(900)).Ticks);
    }

    [Fact]
    public void LongestSpan_GapJustOverTolerance_Splits()
    {
        long[] ticks = [S(0), S(901), S(1802), S(5000), S(5100)];
        var span = SeriesStatistics.LongestSpan(ticks, S(900));
        Assert.Equal(S(100), span.Ticks);
        Assert.Equal((3, 4), (span.Start, span.End));
    }

    [Fact]
    public void LongestSpan_PicksLongestRun()
    {
        long[] ticks = [S(0), S(60), S(10000), S(10060), S(10120), S(10180)];
        var span = SeriesStatistics.LongestSpan(ticks, S(120));
        Assert.Equal((S(180), 2, 5), span);
    }

    [Fact]
    public void MedianInterval_OddAndEvenCounts()
    {
        Assert.Null(SeriesStatistics.MedianIntervalSeconds([S(5)]));
        Assert.Equal(10, SeriesStatistics.MedianIntervalSeconds([S(0), S(10), S(20), S(50)]));
        Assert.Equal(15, SeriesStatistics.MedianIntervalSeconds([S(0), S(10), S(30)]));
    }

    [Fact]
    public void DominantPeriod_RegularSeriesWithJitter_IsFound()
    {
        var ticks = Enumerable.Range(0, 50).Select(i => S(i * 60 + (i % 3) * 0.2)).ToArray();
        var period = SeriesStatistics.DominantPeriodSeconds(ticks);
        Assert.NotNull(period);
        Assert.InRange(period!.Value, 59.5, 60.5);
    }

    [Fact]
    public void DominantPeriod_IrregularSeries_IsNull()
    {
        long[] ticks = [S(0), S(7), S(100), S(103), S(400), S(1000), S(1010), S(3000)];
        Assert.Null(SeriesStatistics.DominantPeriodSeconds(ticks));
    }
}
