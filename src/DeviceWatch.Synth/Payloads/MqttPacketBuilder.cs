using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>
/// Builds MQTT 3.1.1 and 5.0 control packets (OASIS wire format) as TCP payload bytes. MQTT 5.0 packets carry an
/// empty properties block unless stated.
/// </summary>
public static class MqttPacketBuilder
{
    /// <summary>CONNECT.</summary>
    public static byte[] Connect(MqttConnectSpec connect)
    {
        ArgumentNullException.ThrowIfNull(connect);
        var body = new List<byte>();
        AddString(body, "MQTT");
        body.Add((byte)connect.Version);
        byte flags = 0;
        if (connect.CleanSession)
        {
            flags |= 0x02;
        }

        if (connect.Username is not null)
        {
            flags |= 0x80;
        }

        if (connect.Password is not null)
        {
            flags |= 0x40;
        }

        body.Add(flags);
        AddU16(body, connect.KeepAliveSeconds);
        if (connect.Version == MqttVersion.V500)
        {
            var properties = new List<byte>();
            if (connect.SessionExpirySeconds is { } expiry)
            {
                properties.Add(0x11);
                properties.AddRange([(byte)(expiry >> 24), (byte)(expiry >> 16), (byte)(expiry >> 8), (byte)expiry]);
            }

            AddProperties(body, properties);
        }

        AddString(body, connect.ClientId);
        if (connect.Username is not null)
        {
            AddString(body, connect.Username);
        }

        if (connect.Password is not null)
        {
            AddString(body, connect.Password);
        }

        return Packet(0x10, body);
    }

    /// <summary>CONNACK with <paramref name="returnCode"/> (0 = accepted).</summary>
    public static byte[] ConnAck(MqttVersion version, bool sessionPresent = false, byte returnCode = 0)
    {
        var body = new List<byte> { sessionPresent ? (byte)1 : (byte)0, returnCode };
        if (version == MqttVersion.V500)
        {
            AddProperties(body, []);
        }

        return Packet(0x20, body);
    }

    /// <summary>PUBLISH of <paramref name="payload"/> to <paramref name="topic"/>; QoS 1 and 2 need a packet id.</summary>
    public static byte[] Publish(MqttVersion version, string topic, ReadOnlySpan<byte> payload, byte qos = 0, ushort packetId = 0, bool retain = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(qos, (byte)2);
        if (qos > 0 && packetId == 0)
        {
            throw new ArgumentException("QoS 1 and 2 PUBLISH packets need a non-zero packet id.", nameof(packetId));
        }

        var body = new List<byte>(topic.Length + payload.Length + 8);
        AddString(body, topic);
        if (qos > 0)
        {
            AddU16(body, packetId);
        }

        if (version == MqttVersion.V500)
        {
            AddProperties(body, []);
        }

        foreach (var b in payload)
        {
            body.Add(b);
        }

        return Packet((byte)(0x30 | (qos << 1) | (retain ? 1 : 0)), body);
    }

    /// <summary>
    /// PUBACK for a QoS 1 PUBLISH. The same bytes serve both versions: MQTT 5.0 lets a successful PUBACK omit its
    /// reason code and properties.
    /// </summary>
    public static byte[] PubAck(ushort packetId)
    {
        var body = new List<byte>();
        AddU16(body, packetId);
        return Packet(0x40, body);
    }

    /// <summary>SUBSCRIBE to <paramref name="topicFilters"/> (filter and maximum QoS).</summary>
    public static byte[] Subscribe(MqttVersion version, ushort packetId, IReadOnlyList<(string Filter, byte Qos)> topicFilters)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        var body = new List<byte>();
        AddU16(body, packetId);
        if (version == MqttVersion.V500)
        {
            AddProperties(body, []);
        }

        foreach (var (filter, qos) in topicFilters)
        {
            AddString(body, filter);
            body.Add(qos);
        }

        return Packet(0x82, body);
    }

    /// <summary>SUBACK granting <paramref name="grantedQos"/> per filter.</summary>
    public static byte[] SubAck(MqttVersion version, ushort packetId, IReadOnlyList<byte> grantedQos)
    {
        ArgumentNullException.ThrowIfNull(grantedQos);
        var body = new List<byte>();
        AddU16(body, packetId);
        if (version == MqttVersion.V500)
        {
            AddProperties(body, []);
        }

        body.AddRange(grantedQos);
        return Packet(0x90, body);
    }

    /// <summary>PINGREQ.</summary>
    public static byte[] PingReq() => [0xC0, 0x00];

    /// <summary>PINGRESP.</summary>
    public static byte[] PingResp() => [0xD0, 0x00];

    /// <summary>DISCONNECT (5.0: reason code 0, no properties, which may be omitted).</summary>
    public static byte[] Disconnect() => [0xE0, 0x00];

    private static byte[] Packet(byte header, List<byte> body)
    {
        var output = new List<byte>(body.Count + 5) { header };
        var remaining = body.Count;
        if (remaining > 268_435_455)
        {
            throw new ArgumentException("MQTT packet too large.", nameof(body));
        }

        do
        {
            var digit = (byte)(remaining % 128);
            remaining /= 128;
            output.Add(remaining > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (remaining > 0);

        output.AddRange(body);
        return [.. output];
    }

    private static void AddProperties(List<byte> body, List<byte> properties)
    {
        var length = properties.Count;
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            body.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);

        body.AddRange(properties);
    }

    private static void AddU16(List<byte> body, ushort value)
    {
        body.Add((byte)(value >> 8));
        body.Add((byte)value);
    }

    private static void AddString(List<byte> body, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ushort.MaxValue)
        {
            throw new ArgumentException("MQTT string longer than 65535 bytes.", nameof(value));
        }

        AddU16(body, (ushort)bytes.Length);
        body.AddRange(bytes);
    }
}
