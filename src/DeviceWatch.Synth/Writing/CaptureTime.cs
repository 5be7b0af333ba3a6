namespace DeviceWatch.Synth.Writing;

/// <summary>Converts packet timestamps to the Unix-epoch units stored in capture files.</summary>
internal static class CaptureTime
{
    /// <summary>
    /// Returns 100-ns ticks since the Unix epoch. <see cref="DateTimeKind.Unspecified"/> is taken as UTC,
    /// <see cref="DateTimeKind.Local"/> is converted.
    /// </summary>
    public static long UnixTicks(DateTime timestamp)
    {
        var utc = timestamp.Kind == DateTimeKind.Local ? timestamp.ToUniversalTime() : timestamp;
        var ticks = utc.Ticks - DateTime.UnixEpoch.Ticks;
        if (ticks < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "Capture timestamps must not be before 1970-01-01.");
        }

        return ticks;
    }

    /// <summary>Timestamp in the file's units: microseconds or nanoseconds since the epoch.</summary>
    public static long ToUnits(DateTime timestamp, TimestampResolution resolution) =>
        resolution == TimestampResolution.Nanosecond ? UnixTicks(timestamp) * 100 : UnixTicks(timestamp) / 10;
}
