using System.Globalization;

namespace DeviceWatch.Core.Time;

/// <summary>Formats and parses the ISO-8601 UTC timestamps used in every DeviceWatch output.</summary>
public static class Timestamps
{
    /// <summary>The output format: ISO-8601, UTC, microsecond fraction, <c>Z</c> suffix.</summary>
    public const string Format = "yyyy-MM-ddTHH:mm:ss.ffffff'Z'";

    /// <summary>Renders <paramref name="utc"/> as ISO-8601 UTC with fractional seconds.</summary>
    public static string ToIso(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Converts seconds and a sub-second part in nanoseconds since the Unix epoch to a UTC time.</summary>
    public static DateTime FromUnix(long seconds, long nanoseconds) =>
        DateTime.UnixEpoch.AddTicks(seconds * TimeSpan.TicksPerSecond + nanoseconds / 100);

    /// <summary>Parses an ISO-8601 timestamp (any offset) into UTC.</summary>
    public static bool TryParse(string text, out DateTime utc)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        utc = default;
        return false;
    }
}
