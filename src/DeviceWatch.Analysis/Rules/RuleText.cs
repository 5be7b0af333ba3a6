using System.Globalization;
using DeviceWatch.Core.Time;

namespace DeviceWatch.Analysis.Rules;

/// <summary>Formatting for finding messages (invariant culture).</summary>
internal static class RuleText
{
    public static string Num(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Time(DateTime utc) => Timestamps.ToIso(utc);

    public static string Times(int count) => count == 1 ? "once" : $"{count} times";

    /// <summary>Severity from how far a measured value exceeds its limit: ×4 high, ×2 medium, else low.</summary>
    public static Severity ByRatio(double ratio) => ratio >= 4 ? Severity.High : ratio >= 2 ? Severity.Medium : Severity.Low;
}
