using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Mqtt;

/// <summary>Parses complete MQTT control packets other than PUBLISH (which is streamed, see <see cref="MqttPublishHeader"/>).</summary>
internal static class MqttPacketParser
{
    /// <summary>
    /// Parses the variable header and payload of a non-PUBLISH packet. <paramref name="level"/> is the connection's
    /// protocol level (updated by CONNECT). Returns null when malformed.
    /// </summary>
    public static MqttPacket? TryParse(int type, ReadOnlySpan<byte> body, ref int level, FlowDirection direction, DateTime timestamp)
    {
        var reader = new MqttWireReader(body);
        var packet = new MqttPacket { Type = MqttPacketTypes.Name(type), Timestamp = timestamp, Direction = direction, ProtocolLevel = level };
        switch (type)
        {
            case MqttPacketTypes.Connect:
                return TryParseConnect(ref reader, packet, ref level);
            case MqttPacketTypes.Connack:
                if (!reader.TryReadByte(out _) || !reader.TryReadByte(out var returnCode))
                {
                    return null;
                }
                return packet with { ReasonCode = returnCode };
            case MqttPacketTypes.Subscribe:
            case MqttPacketTypes.Unsubscribe:
                return TryParseSubscription(ref reader, packet, type == MqttPacketTypes.Subscribe, level);
            case MqttPacketTypes.Disconnect:
                if (level >= 5 || reader.Remaining > 0)
                {
                    // MQTT 5: a DISCONNECT without a variable header means reason 0x00 (normal disconnection).
                    return packet with { ReasonCode = reader.TryReadByte(out var reason) ? reason : 0 };
                }
                return packet;
            default:
                if (MqttPacketTypes.HasPacketId(type))
                {
                    if (!reader.TryReadUInt16(out var packetId))
                    {
                        return null;
                    }
                    packet = packet with { PacketId = packetId };
                    if (level >= 5 && type is >= 4 and <= 7 && reader.TryReadByte(out var ackReason))
                    {
                        packet = packet with { ReasonCode = ackReason };
                    }
                }
                return packet;
        }
    }

    /// <summary>CONNECT (§3.1): protocol name and level, flags, keep alive, [properties], client id, will, user name, password.</summary>
    private static MqttPacket? TryParseConnect(ref MqttWireReader reader, MqttPacket packet, ref int level)
    {
        if (!reader.TryReadString(out var protocolName)
            || protocolName is not ("MQTT" or "MQIsdp")
            || !reader.TryReadByte(out var protocolLevel)
            || !reader.TryReadByte(out var flags)
            || !reader.TryReadUInt16(out _))
        {
            return null;
        }
        var connectLevel = protocolLevel & 0x7f; // bit 7: bridge marker used by some brokers
        if (connectLevel >= 5 && !MqttProperties.TrySkip(ref reader))
        {
            return null;
        }
        if (!reader.TryReadString(out var clientId))
        {
            return null;
        }
        if ((flags & 0x04) != 0)
        {
            if ((connectLevel >= 5 && !MqttProperties.TrySkip(ref reader))
                || !reader.TryReadBinary(out _)  // will topic
                || !reader.TryReadBinary(out _)) // will payload
            {
                return null;
            }
        }
        string? username = null;
        if ((flags & 0x80) != 0)
        {
            if (!reader.TryReadString(out var name))
            {
                return null;
            }
            username = name;
        }
        var hasPassword = (flags & 0x40) != 0;
        if (hasPassword && !reader.TryReadBinary(out _)) // the password is never kept
        {
            return null;
        }
        level = connectLevel;
        return packet with { ProtocolLevel = connectLevel, ClientId = clientId, Username = username, HasPassword = hasPassword };
    }

    /// <summary>SUBSCRIBE (§3.8) / UNSUBSCRIBE (§3.10): packet id, [properties], topic filters (with options for SUBSCRIBE).</summary>
    private static MqttPacket? TryParseSubscription(ref MqttWireReader reader, MqttPacket packet, bool withOptions, int level)
    {
        if (!reader.TryReadUInt16(out var packetId) || (level >= 5 && !MqttProperties.TrySkip(ref reader)))
        {
            return null;
        }
        var filters = new List<string>();
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadString(out var filter) || (withOptions && !reader.TryReadByte(out _)))
            {
                return null;
            }
            filters.Add(filter);
        }
        return packet with { PacketId = packetId, TopicFilters = filters };
    }
}
