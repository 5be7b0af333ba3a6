namespace DeviceWatch.Dissect.Mqtt;

/// <summary>MQTT 5 property blocks (OASIS MQTT 5.0 §2.2.2): skipped by their declared length, or walked property by property.</summary>
internal static class MqttProperties
{
    private const int ContentType = 0x03;
    private const int UserProperty = 0x26;

    /// <summary>Skips a property block (length then properties).</summary>
    public static bool TrySkip(ref MqttWireReader reader) =>
        reader.TryReadVarInt(out var length) && reader.TrySkip(length);

    /// <summary>
    /// Walks the properties of a block body, capturing content type and user properties; every other property is
    /// skipped by the length its identifier defines. Returns false on an unknown identifier or a short value.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> block, out string? contentType, List<KeyValuePair<string, string>> userProperties)
    {
        contentType = null;
        var reader = new MqttWireReader(block);
        while (reader.Remaining > 0)
        {
            if (!reader.TryReadVarInt(out var id))
            {
                return false;
            }
            var ok = id switch
            {
                ContentType => TryReadContentType(ref reader, ref contentType),
                UserProperty => TryReadUserProperty(ref reader, userProperties),
                // Byte
                0x01 or 0x17 or 0x19 or 0x24 or 0x25 or 0x28 or 0x29 or 0x2a => reader.TrySkip(1),
                // Two Byte Integer
                0x13 or 0x21 or 0x22 or 0x23 => reader.TrySkip(2),
                // Four Byte Integer
                0x02 or 0x11 or 0x18 or 0x27 => reader.TrySkip(4),
                // Variable Byte Integer (subscription identifier)
                0x0b => reader.TryReadVarInt(out _),
                // UTF-8 string or binary data
                0x08 or 0x09 or 0x12 or 0x15 or 0x16 or 0x1a or 0x1c or 0x1f => reader.TryReadBinary(out _),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    private static bool TryReadContentType(ref MqttWireReader reader, ref string? contentType)
    {
        if (!reader.TryReadString(out var value))
        {
            return false;
        }
        contentType = value;
        return true;
    }

    private static bool TryReadUserProperty(ref MqttWireReader reader, List<KeyValuePair<string, string>> into)
    {
        if (!reader.TryReadString(out var key) || !reader.TryReadString(out var value))
        {
            return false;
        }
        into.Add(new KeyValuePair<string, string>(key, value));
        return true;
    }
}
