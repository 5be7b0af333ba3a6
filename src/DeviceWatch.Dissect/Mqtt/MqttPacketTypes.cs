namespace DeviceWatch.Dissect.Mqtt;

/// <summary>MQTT control packet type codes and names (OASIS MQTT 5.0 §2.1.2).</summary>
internal static class MqttPacketTypes
{
    public const int Connect = 1;
    public const int Connack = 2;
    public const int Publish = 3;
    public const int Subscribe = 8;
    public const int Unsubscribe = 10;
    public const int Disconnect = 14;

    private static readonly string[] s_names =
    [
        "RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
        "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH",
    ];

    public static string Name(int type) => s_names[type & 0x0f];

    /// <summary>Types whose variable header starts with a packet identifier.</summary>
    public static bool HasPacketId(int type) => type is >= 4 and <= 11;
}
