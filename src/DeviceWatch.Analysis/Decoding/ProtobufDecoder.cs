using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Decodes protobuf wire format without a schema: varints as integers, fixed32/fixed64 as float/double when the
/// value is plausible, length-delimited fields as text, as a nested message when they parse fully, else bytes.
/// Paths: <c>#1.3</c> (field 1 of the message, then field 3 inside it).
/// </summary>
internal static class ProtobufDecoder
{
    private const int MaxFieldNumber = 536_870_911;

    public static bool TryDecode(ContentDecoder content, int parent, ReadOnlyMemory<byte> data, string segment, string? key,
        string chain, bool strictContent)
    {
        if (!Validate(data.Span, out var fields) || fields == 0)
        {
            return false;
        }

        if (strictContent && fields < 2)
        {
            return false;
        }

        var tree = content.Tree;
        var start = tree.Count;
        var root = tree.Add(parent, NodeKind.Object, segment, key, chain);
        if (root < 0)
        {
            return false;
        }

        Emit(content, root, data, chain, isRoot: true);
        tree.Close(root);
        if (tree.Count == start + 1)
        {
            tree.Truncate(start);
            return false;
        }

        return true;
    }

    /// <summary>Walks the message once; true when every byte belongs to a well-formed field.</summary>
    public static bool Validate(ReadOnlySpan<byte> span, out int fields)
    {
        fields = 0;
        var pos = 0;
        while (pos < span.Length)
        {
            if (!TryReadVarint(span, ref pos, out var tag))
            {
                return false;
            }

            var field = tag >> 3;
            if (field is 0 or > MaxFieldNumber)
            {
                return false;
            }

            switch ((int)(tag & 7))
            {
                case 0:
                    if (!TryReadVarint(span, ref pos, out _))
                    {
                        return false;
                    }

                    break;
                case 1:
                    pos += 8;
                    break;
                case 2:
                    if (!TryReadVarint(span, ref pos, out var len) || len > (ulong)(span.Length - pos))
                    {
                        return false;
                    }

                    pos += (int)len;
                    break;
                case 5:
                    pos += 4;
                    break;
                default:
                    return false;
            }

            if (pos > span.Length)
            {
                return false;
            }

            fields++;
        }

        return true;
    }

    // Not inlined into TryDecode (and so into ContentDecoder.TryDecodeBytes): its loop gets registers of its own.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Emit(ContentDecoder content, int container, ReadOnlyMemory<byte> data, string chain, bool isRoot)
    {
        var tree = content.Tree;
        var span = data.Span;
        var pos = 0;
        var wireDoubles = 0;
        // A repeated field (readings, samples) comes as a run of the same number: its segment and key are looked up once.
        var field = -1;
        var seg = "";
        var key = FieldKey.None;
        while (pos < span.Length)
        {
            TryReadVarint(span, ref pos, out var tag);
            if ((int)(tag >> 3) != field)
            {
                field = (int)(tag >> 3);
                seg = FieldSegment(field, isRoot);
                key = tree.Keys.GetNumber(field, FieldName(field));
            }

            int added;
            switch ((int)(tag & 7))
            {
                case 0:
                {
                    TryReadVarint(span, ref pos, out var v);
                    // Written as decimal text (signed above long.MaxValue) when first read.
                    added = tree.Add(container, NodeKind.Number, seg, key, chain, null, fieldNumber: field);
                    if (added >= 0)
                    {
                        tree[added].SetInteger(v, signed: v > long.MaxValue);
                    }

                    break;
                }

                case 1:
                {
                    var raw = BinaryPrimitives.ReadUInt64LittleEndian(span.Slice(pos, 8));
                    pos += 8;
                    var d = BitConverter.UInt64BitsToDouble(raw);
                    var plausible = double.IsFinite(d) && (d == 0 || Math.Abs(d) is > 1e-7 and < 1e15) && raw != 0;
                    added = tree.Add(container, NodeKind.Number, seg, key, chain, null, fieldNumber: field, isWireDouble: plausible);
                    if (added >= 0)
                    {
                        if (plausible)
                        {
                            // The number detectors read is the double itself, not a parse of its text.
                            tree[added].SetRoundTripDouble(d, RoundTripDouble.Format(d));
                            wireDoubles++;
                        }
                        else
                        {
                            tree[added].SetInteger(raw, signed: false);
                        }
                    }

                    break;
                }

                case 5:
                {
                    var raw = BinaryPrimitives.ReadUInt32LittleEndian(span.Slice(pos, 4));
                    pos += 4;
                    var f = BitConverter.UInt32BitsToSingle(raw);
                    var plausible = float.IsFinite(f) && Math.Abs(f) is > 1e-5f and < 1e9f;
                    // Written with the round-trip format (or as the raw integer) when first read.
                    added = tree.Add(container, NodeKind.Number, seg, key, chain, null, fieldNumber: field);
                    if (added >= 0)
                    {
                        if (plausible)
                        {
                            tree[added].SetFloat(f);
                        }
                        else
                        {
                            tree[added].SetInteger(raw, signed: false);
                        }
                    }

                    break;
                }

                default:
                {
                    TryReadVarint(span, ref pos, out var len);
                    var body = data.Slice(pos, (int)len);
                    pos += (int)len;
                    added = EmitLengthDelimited(content, container, body, seg, key, field, chain);
                    break;
                }
            }

            if (added < 0)
            {
                tree.CountAnomaly("protobuf.limit");
                break;
            }
        }

        tree[container].WireDoubleChildren = wireDoubles;
    }

    // Kept out of Emit's loop (texts and nested messages are the rarer, costlier fields).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int EmitLengthDelimited(ContentDecoder content, int container, ReadOnlyMemory<byte> body, string seg, FieldKey key,
        int field, string chain)
    {
        var tree = content.Tree;
        var span = body.Span;
        if (ContentDecoder.LooksLikeText(span))
        {
            var text = Encoding.UTF8.GetString(span);
            var s = tree.Add(container, NodeKind.String, seg, key, chain, text, fieldNumber: field);
            if (s >= 0)
            {
                content.ExpandString(s, text);
            }

            return s;
        }

        var special = MediaSignatureProbe.IsMediaOrCompressed(span);
        if (!special && span.Length >= 2 && Validate(span, out var n) && n > 0)
        {
            var m = tree.Add(container, NodeKind.Object, seg, key, chain, fieldNumber: field);
            if (m >= 0)
            {
                Emit(content, m, body, chain, isRoot: false);
                tree.Close(m);
            }

            return m;
        }

        var start = tree.Count;
        if (content.TryDecodeBytes(container, body, null, seg, key.Key, chain, strict: true, truncated: false))
        {
            return start;
        }

        var b = tree.Add(container, NodeKind.Bytes, seg, key, chain, fieldNumber: field);
        if (b >= 0)
        {
            tree[b].Bytes = body;
        }

        return b;
    }

    private static readonly string[] RootSegments = Enumerable.Range(0, 64).Select(i => "#" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] InnerSegments = Enumerable.Range(0, 64).Select(i => "." + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] FieldNames = Enumerable.Range(0, 64).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string FieldSegment(int field, bool isRoot) =>
        field < RootSegments.Length ? (isRoot ? RootSegments : InnerSegments)[field] : (isRoot ? "#" : ".") + field.ToString(CultureInfo.InvariantCulture);

    private static string FieldName(int field) => field < FieldNames.Length ? FieldNames[field] : field.ToString(CultureInfo.InvariantCulture);

    private static bool TryReadVarint(ReadOnlySpan<byte> span, ref int pos, out ulong value)
    {
        // Tags, lengths and small numbers are one byte.
        if ((uint)pos < (uint)span.Length && span[pos] < 0x80)
        {
            value = span[pos++];
            return true;
        }

        value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (pos >= span.Length)
            {
                return false;
            }

            var b = span[pos++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
