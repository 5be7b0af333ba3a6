namespace DeviceWatch.Synth.Lab;

/// <summary>
/// Something a device does periodically with one server name, from <see cref="StartOffset"/> after it joined the
/// network, every <see cref="Interval"/>, for <see cref="Duration"/> (or until the scenario ends).
/// Text templates may use placeholders: <c>{seq}</c> (0-based tick), <c>{ts}</c> (Unix seconds),
/// <c>{ts_ms}</c>, <c>{iso}</c>, <c>{lat}</c>/<c>{lon}</c> (a walk around the device's location, 6 decimals;
/// <c>{lat:N}</c> for N decimals), <c>{device}</c>, <c>{mac}</c>, <c>{hostname}</c>, <c>{ip}</c>, <c>{rand}</c>
/// (8 hex digits). Braces that do not form <c>{name}</c> or <c>{name:N}</c> (such as JSON) stay as they are.
/// </summary>
public abstract record LabActivity
{
    /// <summary>Server host name, resolved through the lab DNS server before use.</summary>
    public required string Host { get; init; }

    /// <summary>Server port.</summary>
    public abstract ushort Port { get; init; }

    /// <summary>Time between ticks.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time from the device joining (DHCP) to the first tick.</summary>
    public TimeSpan StartOffset { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the activity lasts, or null for the rest of the scenario.</summary>
    public TimeSpan? Duration { get; init; }
}
