namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Statistics over sorted tick arrays (one series).</summary>
internal static class SeriesStatistics
{
    public static readonly long HourTicks = TimeSpan.TicksPerHour;

    /// <summary>
    /// Most observations in any window <c>[t, t + 60 min)</c> that starts at an observation, and the index of
    /// the first observation of that window (two pointers, O(n)).
    /// </summary>
    public static (int Max, int Start) PerHourMax(ReadOnlySpan<long> ticks)
    {
        var max = 0;
        var start = 0;
        var j = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            if (j < i)
            {
                j = i;
            }

            while (j < ticks.Length && ticks[j] - ticks[i] < HourTicks)
            {
                j++;
            }

            if (j - i > max)
            {
                max = j - i;
                start = i;
            }
        }

        return (max, start);
    }

    /// <summary>Median of the intervals between consecutive observations, in seconds; null below two observations.</summary>
    public static double? MedianIntervalSeconds(ReadOnlySpan<long> ticks)
    {
        if (ticks.Length < 2)
        {
            return null;
        }

        var intervals = Intervals(ticks);
        Array.Sort(intervals);
        var mid = intervals.Length / 2;
        var median = intervals.Length % 2 == 1 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2.0;
        return Math.Round(median / TimeSpan.TicksPerSecond, 3);
    }

    /// <summary>
    /// A dominant period in seconds: the median interval, when at least 60 % of the intervals lie within 10 %
    /// (and at least half a second) of it and there are at least three intervals. Null when there is none.
    /// </summary>
    public static double? DominantPeriodSeconds(ReadOnlySpan<long> ticks)
    {
        if (ticks.Length < 4)
        {
            return null;
        }

        var intervals = Intervals(ticks);
        Array.Sort(intervals);
        var mid = intervals.Length / 2;
        var median = intervals.Length % 2 == 1 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2.0;
        if (median <= 0)
        {
            return null;
        }

        var tolerance = Math.Max(median * 0.1, TimeSpan.TicksPerSecond / 2.0);
        var near = 0;
        double sum = 0;
        foreach (var interval in intervals)
        {
            if (Math.Abs(interval - median) <= tolerance)
            {
                near++;
                sum += interval;
            }
        }

        return near * 10 >= intervals.Length * 6 ? Math.Round(sum / near / TimeSpan.TicksPerSecond, 3) : null;
    }

    /// <summary>
    /// The longest run of observations no further apart than <paramref name="gapTicks"/>: its length in ticks and
    /// the indexes of its first and last observation.
    /// </summary>
    public static (long Ticks, int Start, int End) LongestSpan(ReadOnlySpan<long> ticks, long gapTicks)
    {
        if (ticks.Length == 0)
        {
            return (0, 0, 0);
        }

        var best = (Ticks: 0L, Start: 0, End: 0);
        var runStart = 0;
        for (var i = 1; i <= ticks.Length; i++)
        {
            if (i == ticks.Length || ticks[i] - ticks[i - 1] > gapTicks)
            {
                var length = ticks[i - 1] - ticks[runStart];
                if (length > best.Ticks)
                {
                    best = (length, runStart, i - 1);
                }

                runStart = i;
            }
        }

        return best;
    }

    private static long[] Intervals(ReadOnlySpan<long> ticks)
    {
        var intervals = new long[ticks.Length - 1];
        for (var i = 1; i < ticks.Length; i++)
        {
            intervals[i - 1] = ticks[i] - ticks[i - 1];
        }

        return intervals;
    }
}
