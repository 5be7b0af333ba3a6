namespace DeviceWatch.Core.Records;

/// <summary>One MQTT control packet, written to <c>mqtt.jsonl</c>.</summary>
public sealed record MqttRecord
{
    /// <summary>Time of the packet.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public required string Uid { get; init; }
    /// <summary>Device id, or null.</summary>
    public string? Device { get; init; }
    /// <summary>Packet type name (CONNECT, PUBLISH, SUBSCRIBE…).</summary>
    public required string Type { get; init; }
    /// <summary>CONNECT client identifier.</summary>
    public string? ClientId { get; init; }
    /// <summary>PUBLISH topic (or the first SUBSCRIBE filter).</summary>
    public string? Topic { get; init; }
    /// <summary>PUBLISH QoS.</summary>
    public int? Qos { get; init; }
    /// <summary>PUBLISH payload length.</summary>
    public long? PayloadLen { get; init; }
    /// <summary>CONNECT user name.</summary>
    public string? Username { get; init; }
    /// <summary>Protocol level (4 = 3.1.1, 5 = 5.0) of the CONNECT.</summary>
    public int? ProtocolLevel { get; init; }
    /// <summary>SUBSCRIBE topic filters.</summary>
    public IReadOnlyList<string>? Topics { get; init; }
    /// <summary><c>orig</c> when sent by the originator (client), else <c>resp</c>.</summary>
    public string Direction { get; init; } = "orig";
    /// <summary>Transport: <c>cleartext</c> or <c>tls-intercepted</c>.</summary>
    public string Transport { get; init; } = "cleartext";
}
