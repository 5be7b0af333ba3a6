namespace DeviceWatch.Analysis.Profiles;

/// <summary>How a device profile recognises its device: MAC, IP or DHCP host name (any may be null).</summary>
public sealed record DeviceMatch
{
    /// <summary>MAC address, lower case with colons.</summary>
    public string? Mac { get; init; }
    /// <summary>IP address.</summary>
    public string? Ip { get; init; }
    /// <summary>DHCP option 12 host name (compared case-insensitively).</summary>
    public string? Hostname { get; init; }
}
