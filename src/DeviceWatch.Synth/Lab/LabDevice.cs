using System.Net;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Lab;

/// <summary>One device on the lab LAN and what it does.</summary>
public sealed record LabDevice
{
    /// <summary>Device id used in the ground truth (matches a profile id in tests).</summary>
    public required string Id { get; init; }

    /// <summary>The device's MAC address.</summary>
    public required MacAddress Mac { get; init; }

    /// <summary>DHCP option 12 host name.</summary>
    public required string HostName { get; init; }

    /// <summary>DHCP option 60 vendor class, or null.</summary>
    public string? VendorClass { get; init; }

    /// <summary>Address to lease, or null for the next free one in the pool.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>When the device joins (DHCP), relative to the scenario start.</summary>
    public TimeSpan JoinOffset { get; init; }

    /// <summary>Also query AAAA for every name it resolves.</summary>
    public bool QueryAaaa { get; init; }

    /// <summary>DNS-SD service type to announce over mDNS after joining (e.g. <c>_googlecast._tcp.local</c>), or null.</summary>
    public string? MdnsServiceType { get; init; }

    /// <summary>Home location that <c>{lat}</c>/<c>{lon}</c> walk around.</summary>
    public GeoPoint Location { get; init; } = new(48.137154, 11.576124);

    /// <summary>What the device does.</summary>
    public IReadOnlyList<LabActivity> Activities { get; init; } = [];
}
