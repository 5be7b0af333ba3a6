namespace DeviceWatch.Synth.Payloads;

/// <summary>MQTT protocol levels.</summary>
public enum MqttVersion : byte
{
    /// <summary>MQTT 3.1.1 (protocol level 4).</summary>
    V311 = 4,

    /// <summary>MQTT 5.0 (protocol level 5): variable headers carry a properties block.</summary>
    V500 = 5,
}
