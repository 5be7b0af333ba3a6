namespace DeviceWatch.Synth.Lab;

/// <summary>Everything a <see cref="LabScenario"/> is generated from; the same options always give the same bytes.</summary>
public sealed record LabScenarioOptions
{
    /// <summary>Seed for every random choice (ports, ids, sequence numbers, key bytes).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Time of the scenario start (UTC); packet times are derived from it, never from the clock.</summary>
    public DateTime Start { get; init; } = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>Length of the scenario; no tick starts after it (sessions started before it complete).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The LAN.</summary>
    public LabNetwork Network { get; init; } = new();

    /// <summary>The devices.</summary>
    public IReadOnlyList<LabDevice> Devices { get; init; } = [];

    /// <summary>DNS answers for names that need CNAMEs or fixed addresses; other names are auto-assigned.</summary>
    public IReadOnlyList<LabDnsEntry> DnsEntries { get; init; } = [];

    /// <summary>802.1Q VLAN id to tag every frame with, or null.</summary>
    public ushort? VlanId { get; init; }
}
