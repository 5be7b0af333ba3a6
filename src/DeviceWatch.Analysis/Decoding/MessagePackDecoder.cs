using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Decodes MessagePack (maps, arrays, strings, numbers, binary); the whole input must be one value.</summary>
internal static class MessagePackDecoder
{
    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string? key, string chain)
    {
        var tree = content.Tree;
        var start = tree.Count;
        var pos = 0;
        var top = tree[parent].Kind == NodeKind.Source && segment.Length == 0;
        var ok = ReadValue(content, parent, data, ref pos, top ? "$" : segment, key, chain, false, false, 0)
                 && pos == data.Length;
        if (!ok || tree.Count == start)
        {
            tree.Truncate(start);
            return false;
        }

        return true;
    }

    private static bool ReadValue(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, ref int pos, string seg, string? key,
        string chain, bool item, bool top, int depth)
    {
        var tree = content.Tree;
        var span = data.Span;
        if (pos >= span.Length || depth > tree.Budget.Limits.MaxDepth)
        {
            return false;
        }

        var b = span[pos++];
        switch (b)
        {
            case <= 0x7f:
                return Leaf(tree, parent, NodeKind.Number, seg, key, chain, b.ToString(CultureInfo.InvariantCulture), item);
            case >= 0xe0:
                return Leaf(tree, parent, NodeKind.Number, seg, key, chain, ((sbyte)b).ToString(CultureInfo.InvariantCulture), item);
            case >= 0x80 and <= 0x8f:
                return ReadMap(content, parent, data, ref pos, b & 0x0f, seg, key, chain, item, top, depth);
            case >= 0x90 and <= 0x9f:
                return ReadArray(content, parent, data, ref pos, b & 0x0f, seg, key, chain, item, depth);
            case >= 0xa0 and <= 0xbf:
                return ReadString(content, parent, data, ref pos, b & 0x1f, seg, key, chain, item);
            case 0xc0:
                return Leaf(tree, parent, NodeKind.Null, seg, key, chain, null, item);
            case 0xc2:
                return Leaf(tree, parent, NodeKind.Bool, seg, key, chain, "false", item);
            case 0xc3:
                return Leaf(tree, parent, NodeKind.Bool, seg, key, chain, "true", item);
            case 0xc4 or 0xc5 or 0xc6:
            {
                if (!ReadLength(span, ref pos, b == 0xc4 ? 1 : b == 0xc5 ? 2 : 4, out var n) || n > span.Length - pos)
                {
                    return false;
                }

                var blob = data.Slice(pos, n);
                pos += n;
                var s = tree.Count;
                if (content.TryDecodeBytes(parent, blob, null, seg, key, chain, strict: true, truncated: false))
                {
                    return true;
                }

                tree.Truncate(s);
                var i = tree.Add(parent, NodeKind.Bytes, seg, key, chain, isArrayItem: item);
                if (i >= 0)
                {
                    tree[i].Bytes = blob;
                }

                return i >= 0;
            }

            case 0xc7 or 0xc8 or 0xc9:
            {
                if (!ReadLength(span, ref pos, b == 0xc7 ? 1 : b == 0xc8 ? 2 : 4, out var n) || n + 1 > span.Length - pos)
                {
                    return false;
                }

                pos += n + 1;
                return true;
            }

            case 0xca:
                if (pos + 4 > span.Length)
                {
                    return false;
                }

                pos += 4;
                return Leaf(tree, parent, NodeKind.Number, seg, key, chain,
                    BinaryPrimitives.ReadSingleBigEndian(span.Slice(pos - 4, 4)).ToString("R", CultureInfo.InvariantCulture), item);
            case 0xcb:
                if (pos + 8 > span.Length)
                {
                    return false;
                }

                pos += 8;
                return Leaf(tree, parent, NodeKind.Number, seg, key, chain,
                    RoundTripDouble.Format(BinaryPrimitives.ReadDoubleBigEndian(span.Slice(pos - 8, 8))), item);
            case >= 0xcc and <= 0xd3:
            {
                var size = 1 << ((b - 0xcc) & 3);
                if (pos + size > span.Length)
                {
                    return false;
                }

                var raw = span.Slice(pos, size);
                pos += size;
                var signed = b >= 0xd0;
                string text = size switch
                {
                    1 => signed ? ((sbyte)raw[0]).ToString(CultureInfo.InvariantCulture) : raw[0].ToString(CultureInfo.InvariantCulture),
                    2 => signed ? BinaryPrimitives.ReadInt16BigEndian(raw).ToString(CultureInfo.InvariantCulture) : BinaryPrimitives.ReadUInt16BigEndian(raw).ToString(CultureInfo.InvariantCulture),
                    4 => signed ? BinaryPrimitives.ReadInt32BigEndian(raw).ToString(CultureInfo.InvariantCulture) : BinaryPrimitives.ReadUInt32BigEndian(raw).ToString(CultureInfo.InvariantCulture),
                    _ => signed ? BinaryPrimitives.ReadInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture) : BinaryPrimitives.ReadUInt64BigEndian(raw).ToString(CultureInfo.InvariantCulture),
                };
                return Leaf(tree, parent, NodeKind.Number, seg, key, chain, text, item);
            }

            case >= 0xd4 and <= 0xd8:
            {
                var n = 1 << (b - 0xd4);
                if (n + 1 > span.Length - pos)
                {
                    return false;
                }

                pos += n + 1;
                return true;
            }

            case 0xd9 or 0xda or 0xdb:
            {
                if (!ReadLength(span, ref pos, b == 0xd9 ? 1 : b == 0xda ? 2 : 4, out var n))
                {
                    return false;
                }

                return ReadString(content, parent, data, ref pos, n, seg, key, chain, item);
            }

            case 0xdc or 0xdd:
            {
                if (!ReadLength(span, ref pos, b == 0xdc ? 2 : 4, out var n))
                {
                    return false;
                }

                return ReadArray(content, parent, data, ref pos, n, seg, key, chain, item, depth);
            }

            case 0xde or 0xdf:
            {
                if (!ReadLength(span, ref pos, b == 0xde ? 2 : 4, out var n))
                {
                    return false;
                }

                return ReadMap(content, parent, data, ref pos, n, seg, key, chain, item, top, depth);
            }

            default:
                return false;
        }
    }

    private static bool ReadMap(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, ref int pos, int count, string seg,
        string? key, string chain, bool item, bool top, int depth)
    {
        var tree = content.Tree;
        if (count > data.Length - pos)
        {
            return false;
        }

        var map = tree.Add(parent, NodeKind.Object, seg, key, chain, isArrayItem: item);
        if (map < 0)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var name = ReadKey(data.Span, ref pos);
            if (name is null)
            {
                return false;
            }

            if (!ReadValue(content, map, data, ref pos, "." + name, name, chain, false, false, depth + 1))
            {
                return false;
            }
        }

        tree.Close(map);
        return true;
    }

    private static bool ReadArray(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, ref int pos, int count, string seg,
        string? key, string chain, bool item, int depth)
    {
        var tree = content.Tree;
        if (count > data.Length - pos)
        {
            return false;
        }

        var array = tree.Add(parent, NodeKind.Array, seg, key, chain, isArrayItem: item);
        if (array < 0)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!ReadValue(content, array, data, ref pos, JsonDecoder.ItemSegment(i), key, chain, true, false, depth + 1))
            {
                return false;
            }
        }

        tree.Close(array);
        return true;
    }

    private static bool ReadString(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, ref int pos, int n, string seg,
        string? key, string chain, bool item)
    {
        var span = data.Span;
        if (n > span.Length - pos)
        {
            return false;
        }

        var slice = span.Slice(pos, n);
        pos += n;
        if (!System.Text.Unicode.Utf8.IsValid(slice))
        {
            return false;
        }

        var i = content.Tree.Add(parent, NodeKind.String, seg, key, chain, Encoding.UTF8.GetString(slice), item);
        if (i >= 0)
        {
            content.ExpandString(i);
        }

        return i >= 0;
    }

    private static string? ReadKey(ReadOnlySpan<byte> span, ref int pos)
    {
        if (pos >= span.Length)
        {
            return null;
        }

        var b = span[pos++];
        int n;
        if (b is >= 0xa0 and <= 0xbf)
        {
            n = b & 0x1f;
        }
        else if (b == 0xd9 && ReadLength(span, ref pos, 1, out var l1))
        {
            n = l1;
        }
        else if (b == 0xda && ReadLength(span, ref pos, 2, out var l2))
        {
            n = l2;
        }
        else if (b <= 0x7f)
        {
            return b.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        if (n > span.Length - pos || !System.Text.Unicode.Utf8.IsValid(span.Slice(pos, n)))
        {
            return null;
        }

        var s = Encoding.UTF8.GetString(span.Slice(pos, n));
        pos += n;
        return s;
    }

    private static bool ReadLength(ReadOnlySpan<byte> span, ref int pos, int size, out int n)
    {
        n = 0;
        if (pos + size > span.Length)
        {
            return false;
        }

        ulong v = size switch
        {
            1 => span[pos],
            2 => BinaryPrimitives.ReadUInt16BigEndian(span.Slice(pos, 2)),
            _ => BinaryPrimitives.ReadUInt32BigEndian(span.Slice(pos, 4)),
        };
        pos += size;
        if (v > int.MaxValue)
        {
            return false;
        }

        n = (int)v;
        return true;
    }

    private static bool Leaf(DecodedTree tree, int parent, NodeKind kind, string seg, string? key, string chain, string? text, bool item) =>
        tree.Add(parent, kind, seg, key, chain, text, item) >= 0;
}
