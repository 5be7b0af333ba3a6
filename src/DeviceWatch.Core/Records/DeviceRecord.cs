namespace DeviceWatch.Core.Records;

/// <summary>One local device (a MAC address on the local side of a flow), written to <c>devices.json</c>.</summary>
public sealed record DeviceRecord
{
    /// <summary>MAC address, lower case with colons.</summary>
    public required string Mac { get; init; }
    /// <summary>Profile device id when a profile matched, else the MAC.</summary>
    public string? Id { get; init; }
    /// <summary>IP addresses the device used as a source.</summary>
    public IReadOnlyList<string> Ips { get; init; } = [];
    /// <summary>DHCP option 12 host name.</summary>
    public string? Hostname { get; init; }
    /// <summary>DHCP option 60 vendor class.</summary>
    public string? VendorClass { get; init; }
    /// <summary>First packet seen from or to the device.</summary>
    public required DateTime FirstSeen { get; init; }
    /// <summary>Last packet seen from or to the device.</summary>
    public required DateTime LastSeen { get; init; }
    /// <summary>Number of flows the device took part in.</summary>
    public long Flows { get; init; }
    /// <summary>Distinct destinations (names or addresses) the device talked to.</summary>
    public IReadOnlyList<string> Destinations { get; init; } = [];
}
