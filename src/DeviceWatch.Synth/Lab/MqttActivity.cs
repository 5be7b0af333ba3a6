using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Synth.Lab;

/// <summary>
/// MQTT over plain TCP: one long-lived connection (CONNECT, optional SUBSCRIBE), a PUBLISH per tick (PUBACK for
/// QoS 1), PINGREQ whenever the connection was idle for the keep-alive, DISCONNECT at the end.
/// </summary>
public sealed record MqttActivity : LabActivity
{
    /// <inheritdoc />
    public override ushort Port { get; init; } = 1883;

    /// <summary>Protocol version.</summary>
    public MqttVersion Version { get; init; } = MqttVersion.V311;

    /// <summary>Client id template.</summary>
    public string ClientIdTemplate { get; init; } = "{device}";

    /// <summary>User name, or null.</summary>
    public string? Username { get; init; }

    /// <summary>Password, or null.</summary>
    public string? Password { get; init; }

    /// <summary>Topic template.</summary>
    public required string TopicTemplate { get; init; }

    /// <summary>Payload template (usually JSON).</summary>
    public string PayloadTemplate { get; init; } = "{\"seq\":{seq}}";

    /// <summary>QoS of the publishes (0 or 1).</summary>
    public byte Qos { get; init; }

    /// <summary>Topic filter to subscribe to after connecting, or null.</summary>
    public string? SubscribeTopic { get; init; }

    /// <summary>Keep-alive announced in CONNECT; a PINGREQ is sent after this much idle time.</summary>
    public ushort KeepAliveSeconds { get; init; } = 60;
}
