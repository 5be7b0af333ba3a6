namespace DeviceWatch.Synth.Payloads;

/// <summary>The fields of an MQTT CONNECT packet.</summary>
public sealed record MqttConnectSpec
{
    /// <summary>Protocol version.</summary>
    public MqttVersion Version { get; init; } = MqttVersion.V311;

    /// <summary>Client identifier.</summary>
    public required string ClientId { get; init; }

    /// <summary>User name, or null.</summary>
    public string? Username { get; init; }

    /// <summary>Password, or null (requires a user name in 3.1.1).</summary>
    public string? Password { get; init; }

    /// <summary>Keep-alive interval in seconds.</summary>
    public ushort KeepAliveSeconds { get; init; } = 60;

    /// <summary>Clean session (3.1.1) / clean start (5.0).</summary>
    public bool CleanSession { get; init; } = true;

    /// <summary>MQTT 5.0: session expiry interval property, or null to leave it out.</summary>
    public uint? SessionExpirySeconds { get; init; }
}
