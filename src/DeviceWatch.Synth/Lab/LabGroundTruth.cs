namespace DeviceWatch.Synth.Lab;

/// <summary>What a <see cref="LabScenario"/> wrote, for tests to compare analysis results with.</summary>
public sealed record LabGroundTruth
{
    /// <summary>Time of the first packet.</summary>
    public required DateTime Start { get; init; }

    /// <summary>Time of the last packet.</summary>
    public required DateTime End { get; init; }

    /// <summary>Frames written.</summary>
    public required int PacketCount { get; init; }

    /// <summary>Devices with their leased addresses.</summary>
    public required IReadOnlyList<LabDeviceTruth> Devices { get; init; }

    /// <summary>DHCP messages, in time order.</summary>
    public required IReadOnlyList<LabDhcpMessage> DhcpMessages { get; init; }

    /// <summary>DNS lookups, in time order.</summary>
    public required IReadOnlyList<LabDnsLookup> DnsLookups { get; init; }

    /// <summary>Flows, in order of their first packet.</summary>
    public required IReadOnlyList<LabFlow> Flows { get; init; }

    /// <summary>HTTP requests, in time order.</summary>
    public required IReadOnlyList<LabHttpRequest> HttpRequests { get; init; }

    /// <summary>TLS handshakes, in time order.</summary>
    public required IReadOnlyList<LabTlsHello> TlsHellos { get; init; }

    /// <summary>MQTT publishes, in time order.</summary>
    public required IReadOnlyList<LabMqttPublish> MqttPublishes { get; init; }

    /// <summary>Distinct server names <paramref name="deviceId"/> opened TCP connections to, sorted.</summary>
    public IReadOnlyList<string> NamesContactedBy(string deviceId) =>
        Flows.Where(f => f.DeviceId == deviceId && f.ServerName is not null)
            .Select(f => f.ServerName!)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>Number of flows per service (<c>http</c>, <c>tls</c>, …), for one device or all when null.</summary>
    public IReadOnlyDictionary<string, int> FlowCountsByService(string? deviceId = null) =>
        Flows.Where(f => deviceId is null || f.DeviceId == deviceId)
            .GroupBy(f => f.Service, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
