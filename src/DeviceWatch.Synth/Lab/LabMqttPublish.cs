namespace DeviceWatch.Synth.Lab;

/// <summary>One MQTT PUBLISH sent by a device.</summary>
/// <param name="Time">Time the PUBLISH was sent.</param>
/// <param name="DeviceId">Publishing device.</param>
/// <param name="ClientId">MQTT client id of the connection.</param>
/// <param name="Topic">Topic.</param>
/// <param name="Payload">Payload (UTF-8).</param>
/// <param name="Qos">QoS.</param>
public sealed record LabMqttPublish(DateTime Time, string DeviceId, string ClientId, string Topic, string Payload, byte Qos);
