namespace DeviceWatch.Dissect.Mqtt;

/// <summary>The variable header of a PUBLISH (§3.3.2): topic, packet id (QoS &gt; 0), MQTT 5 properties.</summary>
internal sealed record MqttPublishHeader(
    string Topic,
    int? PacketId,
    string? ContentType,
    IReadOnlyList<KeyValuePair<string, string>> UserProperties,
    int Length)
{
    /// <summary>Outcome of <see cref="TryParse"/>.</summary>
    public enum Status
    {
        Complete,
        NeedMore,
        Malformed,
    }

    /// <summary>
    /// Parses the header from the first bytes of a PUBLISH. On <see cref="Status.NeedMore"/>, <paramref name="needed"/>
    /// is the least total prefix length worth trying again with.
    /// </summary>
    public static Status TryParse(ReadOnlySpan<byte> prefix, int qos, int level, int maxPropertiesLength, out MqttPublishHeader? header, out int needed)
    {
        header = null;
        needed = 0;
        var reader = new MqttWireReader(prefix);
        if (!reader.TryReadUInt16(out var topicLength))
        {
            needed = 2;
            return Status.NeedMore;
        }
        var fixedPart = 2 + topicLength + (qos > 0 ? 2 : 0);
        if (prefix.Length < fixedPart)
        {
            needed = fixedPart;
            return Status.NeedMore;
        }
        reader = new MqttWireReader(prefix);
        reader.TryReadString(out var topic);
        int? packetId = null;
        if (qos > 0)
        {
            reader.TryReadUInt16(out var id);
            packetId = id;
        }
        string? contentType = null;
        var userProperties = new List<KeyValuePair<string, string>>();
        var length = fixedPart;
        if (level >= 5)
        {
            // Property length: a Variable Byte Integer of up to 4 bytes.
            var lengthBytes = 0;
            var propertiesLength = 0;
            var complete = false;
            while (lengthBytes < 4)
            {
                if (!reader.TryReadByte(out var b))
                {
                    needed = fixedPart + lengthBytes + 1;
                    return Status.NeedMore;
                }
                propertiesLength |= (b & 0x7f) << (7 * lengthBytes);
                lengthBytes++;
                if ((b & 0x80) == 0)
                {
                    complete = true;
                    break;
                }
            }
            if (!complete || propertiesLength > maxPropertiesLength)
            {
                return Status.Malformed;
            }
            length = fixedPart + lengthBytes + propertiesLength;
            if (!reader.TryReadBytes(propertiesLength, out var block))
            {
                needed = length;
                return Status.NeedMore;
            }
            if (!MqttProperties.TryRead(block, out contentType, userProperties))
            {
                return Status.Malformed;
            }
        }
        header = new MqttPublishHeader(topic, packetId, contentType, userProperties, length);
        return Status.Complete;
    }
}
