using System.Formats.Cbor;
using System.Globalization;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes CBOR with <see cref="CborReader"/> (lax conformance); the whole input must be one data item.</summary>
internal static class CborDecoder
{
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string? key, string chain)
    {
        // Malformed bytes are turned away before the reader, which would throw on them.
        if (!CborWellFormedness.IsOneItem(data.Span))
        {
            return false;
        }

        var tree = content.Tree;
        var start = tree.Count;
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            var top = tree[parent].Kind == NodeKind.Source && segment.Length == 0;
            if (ReadValue(content, reader, data, parent, top ? "$" : segment, key, chain, false, 0) && reader.BytesRemaining == 0
                && tree.Count > start)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException
                                       or ArgumentException)
        {
        }

        tree.Truncate(start);
        return false;
    }

    private static bool ReadValue(ContentDecoder content, CborReader reader, ReadOnlyMemory<byte> data, int parent, string seg,
        string? key, string chain, bool item, int depth)
    {
        var tree = content.Tree;
        if (depth > tree.Budget.Limits.MaxDepth || !tree.Budget.HasTime())
        {
            return false;
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
            {
                var count = reader.ReadStartMap();
                if (count > reader.BytesRemaining)
                {
                    return false;
                }

                var map = tree.Add(parent, NodeKind.Object, seg, key, chain, isArrayItem: item);
                if (map < 0)
                {
                    return false;
                }

                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    var name = ReadKey(reader);
                    if (name is null || !ReadValue(content, reader, data, map, "." + name, name, chain, false, depth + 1))
                    {
                        return false;
                    }
                }

                reader.ReadEndMap();
                tree.Close(map);
                return true;
            }

            case CborReaderState.StartArray:
            {
                var count = reader.ReadStartArray();
                if (count > reader.BytesRemaining)
                {
                    return false;
                }

                var array = tree.Add(parent, NodeKind.Array, seg, key, chain, isArrayItem: item);
                if (array < 0)
                {
                    return false;
                }

                var i = 0;
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    if (!ReadValue(content, reader, data, array, JsonDecoder.ItemSegment(i++), key, chain, true, depth + 1))
                    {
                        return false;
                    }
                }

                reader.ReadEndArray();
                tree.Close(array);
                return true;
            }

            case CborReaderState.TextString:
            {
                var s = tree.Add(parent, NodeKind.String, seg, key, chain, reader.ReadTextString(), item);
                if (s >= 0)
                {
                    content.ExpandString(s);
                }

                return s >= 0;
            }

            case CborReaderState.ByteString:
            {
                var bytes = reader.ReadByteString();
                if (!tree.Budget.TryReserve(bytes.Length))
                {
                    return false;
                }

                var start = tree.Count;
                if (content.TryDecodeBytes(parent, bytes, null, seg, key, chain, strict: true, truncated: false))
                {
                    return true;
                }

                tree.Truncate(start);
                var b = tree.Add(parent, NodeKind.Bytes, seg, key, chain, isArrayItem: item);
                if (b >= 0)
                {
                    tree[b].Bytes = bytes;
                }

                return b >= 0;
            }

            case CborReaderState.UnsignedInteger:
                return tree.Add(parent, NodeKind.Number, seg, key, chain, reader.ReadUInt64().ToString(CultureInfo.InvariantCulture), item) >= 0;
            case CborReaderState.NegativeInteger:
                return tree.Add(parent, NodeKind.Number, seg, key, chain,
                    (-1 - (decimal)reader.ReadCborNegativeIntegerRepresentation()).ToString(CultureInfo.InvariantCulture), item) >= 0;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
                return tree.Add(parent, NodeKind.Number, seg, key, chain, reader.ReadSingle().ToString("R", CultureInfo.InvariantCulture), item) >= 0;
            case CborReaderState.DoublePrecisionFloat:
                return tree.Add(parent, NodeKind.Number, seg, key, chain, RoundTripDouble.Format(reader.ReadDouble()), item) >= 0;
            case CborReaderState.Boolean:
                return tree.Add(parent, NodeKind.Bool, seg, key, chain, reader.ReadBoolean() ? "true" : "false", item) >= 0;
            case CborReaderState.Null:
                reader.ReadNull();
                return tree.Add(parent, NodeKind.Null, seg, key, chain, null, item) >= 0;
            case CborReaderState.Tag:
                reader.ReadTag();
                return ReadValue(content, reader, data, parent, seg, key, chain, item, depth + 1);
            default:
                reader.SkipValue();
                return true;
        }
    }

    private static string? ReadKey(CborReader reader) => reader.PeekState() switch
    {
        CborReaderState.TextString => reader.ReadTextString(),
        CborReaderState.UnsignedInteger => reader.ReadUInt64().ToString(CultureInfo.InvariantCulture),
        CborReaderState.NegativeInteger => (-1 - (decimal)reader.ReadCborNegativeIntegerRepresentation()).ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
