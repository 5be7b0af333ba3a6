using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Mqtt;

/// <summary>One MQTT control packet (3.1, 3.1.1 or 5.0).</summary>
public sealed record MqttPacket : DissectedFact
{
    /// <summary>Packet type name: CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK, PINGREQ, PINGRESP, DISCONNECT, AUTH.</summary>
    public required string Type { get; init; }
    /// <summary>Protocol level from CONNECT (3, 4 or 5); later packets carry the level of their connection.</summary>
    public int ProtocolLevel { get; init; }
    /// <summary>CONNECT client identifier.</summary>
    public string? ClientId { get; init; }
    /// <summary>CONNECT user name.</summary>
    public string? Username { get; init; }
    /// <summary>True when CONNECT carried a password (never kept).</summary>
    public bool HasPassword { get; init; }
    /// <summary>PUBLISH topic name.</summary>
    public string? Topic { get; init; }
    /// <summary>SUBSCRIBE / UNSUBSCRIBE topic filters.</summary>
    public IReadOnlyList<string> TopicFilters { get; init; } = [];
    /// <summary>PUBLISH QoS (0-2).</summary>
    public int Qos { get; init; }
    /// <summary>PUBLISH retain flag.</summary>
    public bool Retain { get; init; }
    /// <summary>Packet identifier where present.</summary>
    public int? PacketId { get; init; }
    /// <summary>PUBLISH payload, capped by the limits.</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }
    /// <summary>Full PUBLISH payload length.</summary>
    public long PayloadLength { get; init; }
    /// <summary>MQTT 5 content type property of a PUBLISH.</summary>
    public string? ContentType { get; init; }
    /// <summary>MQTT 5 user properties.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];
    /// <summary>CONNACK / DISCONNECT reason or return code.</summary>
    public int? ReasonCode { get; init; }
}
