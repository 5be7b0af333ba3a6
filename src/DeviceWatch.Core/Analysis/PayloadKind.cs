namespace DeviceWatch.Core.Analysis;

/// <summary>What kind of application message a <see cref="Payload"/> carries.</summary>
public enum PayloadKind
{
    /// <summary>An HTTP request (URL, headers, body) sent by the device.</summary>
    HttpRequest,
    /// <summary>An HTTP response received by the device.</summary>
    HttpResponse,
    /// <summary>An MQTT PUBLISH (topic and payload).</summary>
    MqttPublish,
    /// <summary>An MQTT CONNECT (client id, user name).</summary>
    MqttConnect,
    /// <summary>A WebSocket message.</summary>
    WebSocketMessage,
    /// <summary>Bytes of a stream whose protocol was not recognised.</summary>
    RawStream,
}
