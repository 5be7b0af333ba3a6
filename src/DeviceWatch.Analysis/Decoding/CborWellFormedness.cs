namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// Checks that bytes are exactly one well-formed CBOR data item (RFC 8949 appendix C) before <c>CborReader</c> reads
/// them: the reader throws on the first malformed byte, and one binary body in eight starts with a byte that reads as
/// a CBOR map, so an encrypted or packed body would cost an exception on every payload. Accepts exactly what the
/// reader accepts in its lax mode (tested against it), which reads text that is not UTF-8 too. Never allocates;
/// nesting deeper than <see cref="MaxNesting"/> is refused.
/// </summary>
internal static class CborWellFormedness
{
    /// <summary>Deepest nesting of arrays, maps and tags accepted (the decoder stops far earlier, see DecoderLimits).</summary>
    public const int MaxNesting = 128;

    private const long Indefinite = -1;

    /// <summary>True when <paramref name="data"/> is one well-formed data item and nothing after it.</summary>
    public static bool IsOneItem(ReadOnlySpan<byte> data)
    {
        // Per open container: the items still expected (Indefinite: until a break), whether it is a map, and for an
        // indefinite map whether a value is owed to the last key. Level 0 stands for the one top-level item.
        Span<long> remaining = stackalloc long[MaxNesting + 1];
        Span<bool> isMap = stackalloc bool[MaxNesting + 1];
        Span<bool> owesValue = stackalloc bool[MaxNesting + 1];
        var depth = 0;
        remaining[0] = 1;
        var pos = 0;
        while (depth > 0 || remaining[0] > 0)
        {
            if (pos >= data.Length)
            {
                return false;
            }

            var initial = data[pos++];
            if (initial == 0xff)
            {
                // A break closes the innermost indefinite-length array or map (after a value, for a map).
                if (depth == 0 || remaining[depth] != Indefinite || owesValue[depth])
                {
                    return false;
                }

                depth = ItemDone(remaining, isMap, owesValue, depth - 1);
                continue;
            }

            var major = initial >> 5;
            var info = initial & 0x1f;
            if (!TryReadArgument(data, ref pos, info, out var argument, out var indefinite))
            {
                return false;
            }

            switch (major)
            {
                case 0:
                case 1:
                    if (indefinite)
                    {
                        return false;
                    }

                    break;
                case 2:
                case 3:
                    if (!(indefinite ? TrySkipChunks(data, ref pos, major) : TrySkipString(data, ref pos, argument)))
                    {
                        return false;
                    }

                    break;
                case 4:
                case 5:
                {
                    // Each item takes at least one byte: more items than bytes left cannot be.
                    var perEntry = major == 5 ? 2UL : 1UL;
                    if (!indefinite && argument > (ulong)(data.Length - pos) / perEntry)
                    {
                        return false;
                    }

                    if (!indefinite && argument == 0)
                    {
                        break;
                    }

                    if (depth == MaxNesting)
                    {
                        return false;
                    }

                    depth++;
                    remaining[depth] = indefinite ? Indefinite : (long)(argument * perEntry);
                    isMap[depth] = major == 5;
                    owesValue[depth] = false;
                    continue;
                }

                case 6:
                    // A tag wraps exactly one item: a container of one.
                    if (indefinite || depth == MaxNesting)
                    {
                        return false;
                    }

                    depth++;
                    remaining[depth] = 1;
                    isMap[depth] = false;
                    owesValue[depth] = false;
                    continue;
                default:
                    // Simple values and floats (the reader, in its lax mode, also takes a one-byte simple value below 32).
                    if (indefinite)
                    {
                        return false;
                    }

                    break;
            }

            depth = ItemDone(remaining, isMap, owesValue, depth);
        }

        return pos == data.Length;
    }

    // One item of the container at depth is complete; a definite container (or tag) that it completes counts as one
    // item of the container around it, and so on. Returns the depth of the innermost container still open.
    private static int ItemDone(Span<long> remaining, Span<bool> isMap, Span<bool> owesValue, int depth)
    {
        while (true)
        {
            if (remaining[depth] == Indefinite)
            {
                if (isMap[depth])
                {
                    owesValue[depth] = !owesValue[depth];
                }

                return depth;
            }

            remaining[depth]--;
            if (remaining[depth] > 0 || depth == 0)
            {
                return depth;
            }

            depth--;
        }
    }

    private static bool TryReadArgument(ReadOnlySpan<byte> data, ref int pos, int info, out ulong argument, out bool indefinite)
    {
        indefinite = info == 31;
        argument = 0;
        if (info < 24)
        {
            argument = (ulong)info;
            return true;
        }

        if (info > 27)
        {
            // 28–30 are reserved; 31 is indefinite length (or a break, handled by the caller).
            return indefinite;
        }

        // 24–27: the argument follows in 1, 2, 4 or 8 bytes, big-endian.
        var size = 1 << (info - 24);
        if (size > data.Length - pos)
        {
            return false;
        }

        foreach (var b in data.Slice(pos, size))
        {
            argument = (argument << 8) | b;
        }

        pos += size;
        return true;
    }

    private static bool TrySkipString(ReadOnlySpan<byte> data, ref int pos, ulong length)
    {
        if (length > (ulong)(data.Length - pos))
        {
            return false;
        }

        // The reader, in its lax mode, reads any bytes as text without throwing (checked in the tests).
        pos += (int)length;
        return true;
    }

    // Definite-length chunks of the same major type up to a break.
    private static bool TrySkipChunks(ReadOnlySpan<byte> data, ref int pos, int major)
    {
        while (pos < data.Length)
        {
            var initial = data[pos++];
            if (initial == 0xff)
            {
                return true;
            }

            if (initial >> 5 != major || !TryReadArgument(data, ref pos, initial & 0x1f, out var length, out var indefinite) || indefinite
                || !TrySkipString(data, ref pos, length))
            {
                return false;
            }
        }

        return false;
    }
}
