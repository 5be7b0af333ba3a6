namespace DeviceWatch.Reports.Ci;

/// <summary>
/// Which rules the analyzer checks for a device, so CI can list passing checks too (findings.json names only the
/// failures). Mirrors the contract's rule table: rules per data type, device-level rules, and which rules run
/// without a profile. <c>opaque</c> uploads take part only in the frequency, duration and background rules.
/// </summary>
internal static class CheckedRules
{
    public const string NoRules = "item3.no-rules";
    public const string AcceptsUntrusted = "tls.accepts-untrusted";
    public const string Pinned = "tls.pinned";
    public const string Opaque = "opaque";

    /// <summary>Rules checked per data type of readable personal information, in contract order.</summary>
    public static IReadOnlyList<string> PerDataType { get; } =
    [
        "item3.undeclared", "item3.non-necessary", "item3.high-frequency", "item3.high-precision", "item3.long-duration",
        "item3.background-no-notice", "item3.cloud-no-notice", "transport.cleartext", "party.third-party",
    ];

    /// <summary>Rules checked for <c>opaque</c> uploads.</summary>
    public static IReadOnlyList<string> PerOpaque { get; } = ["item3.high-frequency", "item3.long-duration", "item3.background-no-notice"];

    /// <summary>Rules checked once per device (no data type).</summary>
    public static IReadOnlyList<string> PerDevice { get; } = [NoRules, AcceptsUntrusted, Pinned];

    /// <summary>Rules that run for a device without a profile.</summary>
    public static IReadOnlyList<string> WithoutProfile { get; } = ["transport.cleartext", "party.third-party", Pinned];

    /// <summary>The rules checked for <paramref name="dataType"/> (null: device-level) on a device with or without a profile.</summary>
    public static IEnumerable<string> For(string? dataType, bool hasProfile)
    {
        var rules = dataType is null ? PerDevice : dataType == Opaque ? PerOpaque : PerDataType;
        return hasProfile ? rules : rules.Where(r => WithoutProfile.Contains(r, StringComparer.Ordinal));
    }

    /// <summary>Position of <paramref name="rule"/> in the contract table (unknown rules last).</summary>
    public static int Order(string rule)
    {
        string[] all = [NoRules, .. PerDataType, AcceptsUntrusted, Pinned];
        var index = Array.IndexOf(all, rule);
        return index < 0 ? all.Length : index;
    }
}
