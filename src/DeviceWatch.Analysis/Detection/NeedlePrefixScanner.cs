using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeviceWatch.Analysis.Detection;

/// <summary>
/// Finds where any of a set of needles (at least four units long) may start in a text or in raw bytes: the first
/// four units at each position are read as one integer, hashed into a 65,536-bit filter built from the needles'
/// first four units, and only a set bit is looked up exactly. Every position costs the same whatever the text
/// holds. <see cref="System.Buffers.SearchValues{T}"/> (Teddy) is several times slower on hex and base64 text
/// when the needles are hex digests and encodings (its 3-byte nibble buckets then match almost everywhere),
/// which is exactly what known values look like.
/// When every needle is at least <see cref="MinShiftedNeedle"/> units long, positions are skipped Wu-Manber style:
/// the last four units of the window the shortest needle would cover are looked up in a shift table built from
/// every four-unit block of the needles' first units, and a block that occurs in no needle (or only near their
/// start) moves the window on by up to the shortest needle's length less three, without reading what it passes.
/// </summary>
/// <typeparam name="T">What a candidate carries for the caller to verify.</typeparam>
internal sealed class NeedlePrefixScanner<T>
{
    private const int FilterBits = 1 << 16;
    private const int PrefixUnits = 4;
    private const int ShiftBits = 12;

    /// <summary>The shortest needle length (per side) from which the shift table is used.</summary>
    public const int MinShiftedNeedle = 8;

    // Wu-Manber shift tables (null when the shortest needle of that side is too short to skip with).
    private readonly byte[]? _charShift;
    private readonly byte[]? _byteShift;

    private readonly ulong[] _charFilter = new ulong[FilterBits / 64];
    private readonly ulong[] _byteFilter = new ulong[FilterBits / 64];
    private readonly Dictionary<ulong, T[]> _charCandidates = [];
    private readonly Dictionary<uint, T[]> _byteCandidates = [];

    /// <summary>
    /// Builds the filters. <paramref name="needles"/> gives each needle's text (UTF-16, searched by
    /// <see cref="Next(ReadOnlySpan{char}, int, out T[])"/>) and its bytes (searched by
    /// <see cref="Next(ReadOnlySpan{byte}, int, out T[])"/>); either may be null to leave that side out.
    /// </summary>
    public NeedlePrefixScanner(IEnumerable<(string? Text, byte[]? Bytes, T Candidate)> needles)
    {
        var chars = new Dictionary<ulong, List<T>>();
        var bytes = new Dictionary<uint, List<T>>();
        var texts = new List<string>();
        var raws = new List<byte[]>();
        foreach (var (text, raw, candidate) in needles)
        {
            if (text is not null)
            {
                if (text.Length < PrefixUnits)
                {
                    throw new ArgumentException($"needle '{text}' is shorter than {PrefixUnits} characters", nameof(needles));
                }

                var key = CharKey(ref MemoryMarshal.GetReference(text.AsSpan()));
                Set(_charFilter, CharHash(key));
                Add(chars, key, candidate);
                MinCharNeedle = Math.Min(MinCharNeedle, text.Length);
                texts.Add(text);
            }

            if (raw is not null)
            {
                if (raw.Length < PrefixUnits)
                {
                    throw new ArgumentException($"needle of {raw.Length} bytes is shorter than {PrefixUnits} bytes", nameof(needles));
                }

                var key = ByteKey(ref MemoryMarshal.GetArrayDataReference(raw));
                Set(_byteFilter, ByteHash(key));
                Add(bytes, key, candidate);
                MinByteNeedle = Math.Min(MinByteNeedle, raw.Length);
                raws.Add(raw);
            }
        }

        _charShift = BuildShift(texts.Count, MinCharNeedle,
            (n, j) => CharShiftHash(CharKey(ref Unsafe.Add(ref MemoryMarshal.GetReference(texts[n].AsSpan()), j))));
        _byteShift = BuildShift(raws.Count, MinByteNeedle,
            (n, j) => ByteShiftHash(ByteKey(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(raws[n]), j))));
        foreach (var (key, list) in chars)
        {
            _charCandidates[key] = [.. list];
        }

        foreach (var (key, list) in bytes)
        {
            _byteCandidates[key] = [.. list];
        }
    }

    /// <summary>Length of the shortest text needle (<see cref="int.MaxValue"/> when there is none).</summary>
    public int MinCharNeedle { get; } = int.MaxValue;

    /// <summary>True when text or bytes are searched with skips (every needle of that side at least <see cref="MinShiftedNeedle"/> units long).</summary>
    public bool Skips => _charShift is not null || _byteShift is not null;

    /// <summary>Length of the shortest byte needle (<see cref="int.MaxValue"/> when there is none).</summary>
    public int MinByteNeedle { get; } = int.MaxValue;

    /// <summary>
    /// The first position at or after <paramref name="from"/> where the next four characters are the first four of
    /// some needle (with room for the shortest needle), and the needles that start so; -1 when there is none.
    /// </summary>
    public int Next(ReadOnlySpan<char> text, int from, out T[] candidates)
    {
        var last = text.Length - Math.Max(MinCharNeedle, PrefixUnits);
        ref var start = ref MemoryMarshal.GetReference(text);
        ref var filter = ref MemoryMarshal.GetArrayDataReference(_charFilter);
        // With a shift table, the block that ends the shortest needle's window decides how far no needle can start.
        var shifts = _charShift;
        var blockOffset = MinCharNeedle - PrefixUnits;
        for (var p = from; p <= last;)
        {
            if (shifts is not null)
            {
                var skip = shifts[CharShiftHash(CharKey(ref Unsafe.Add(ref start, p + blockOffset)))];
                if (skip != 0)
                {
                    p += skip;
                    continue;
                }
            }

            var key = CharKey(ref Unsafe.Add(ref start, p));
            var hash = CharHash(key);
            if ((Unsafe.Add(ref filter, (nint)(hash >> 6)) & (1UL << (int)hash)) != 0 && _charCandidates.TryGetValue(key, out candidates!))
            {
                return p;
            }

            p++;
        }

        candidates = [];
        return -1;
    }

    /// <summary>As <see cref="Next(ReadOnlySpan{char}, int, out T[])"/> over raw bytes and the byte needles.</summary>
    public int Next(ReadOnlySpan<byte> data, int from, out T[] candidates)
    {
        var last = data.Length - Math.Max(MinByteNeedle, PrefixUnits);
        ref var start = ref MemoryMarshal.GetReference(data);
        ref var filter = ref MemoryMarshal.GetArrayDataReference(_byteFilter);
        var shifts = _byteShift;
        var blockOffset = MinByteNeedle - PrefixUnits;
        for (var p = from; p <= last;)
        {
            if (shifts is not null)
            {
                var skip = shifts[ByteShiftHash(ByteKey(ref Unsafe.Add(ref start, p + blockOffset)))];
                if (skip != 0)
                {
                    p += skip;
                    continue;
                }
            }

            var key = ByteKey(ref Unsafe.Add(ref start, p));
            var hash = ByteHash(key);
            if ((Unsafe.Add(ref filter, (nint)(hash >> 6)) & (1UL << (int)hash)) != 0 && _byteCandidates.TryGetValue(key, out candidates!))
            {
                return p;
            }

            p++;
        }

        candidates = [];
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong CharKey(ref char at) => Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<char, byte>(ref at));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ByteKey(ref byte at) => Unsafe.ReadUnaligned<uint>(ref at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CharHash(ulong key) => (uint)((key * 0x9E3779B97F4A7C15UL) >> 48);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ByteHash(uint key) => (key * 0x9E3779B1u) >> 16;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint CharShiftHash(ulong key) => (uint)((key * 0x9E3779B97F4A7C15UL) >> (64 - ShiftBits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ByteShiftHash(uint key) => (key * 0x9E3779B1u) >> (32 - ShiftBits);

    // For a window of the shortest needle's length, how far it may move when its last four units hash to each
    // entry: the distance from the latest block of some needle's first units with that hash to the window's last
    // block (0 when a needle's first units may end there), the window length less three when no block has it.
    private static byte[]? BuildShift(int needles, int window, Func<int, int, uint> blockHash)
    {
        if (needles == 0 || window < MinShiftedNeedle)
        {
            return null;
        }

        var table = new byte[1 << ShiftBits];
        table.AsSpan().Fill((byte)Math.Min(byte.MaxValue, window - PrefixUnits + 1));
        for (var n = 0; n < needles; n++)
        {
            for (var j = 0; j <= window - PrefixUnits; j++)
            {
                var h = blockHash(n, j);
                table[h] = (byte)Math.Min(table[h], window - PrefixUnits - j);
            }
        }

        return table;
    }

    private static void Set(ulong[] filter, uint hash) => filter[hash >> 6] |= 1UL << (int)hash;

    private static void Add<TKey>(Dictionary<TKey, List<T>> map, TKey key, T candidate)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(candidate);
    }
}
