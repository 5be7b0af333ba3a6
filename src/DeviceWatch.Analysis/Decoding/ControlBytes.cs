using System.Buffers;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>
/// The C0 control bytes other than tab, line feed and carriage return. Neither JSON (outside comments) nor XML 1.0
/// text in an ASCII-compatible encoding may hold one anywhere, so a blob with one is no such document: checking for
/// them first spares the readers, which throw on the first one, an exception on every binary body that happens to
/// start with <c>{</c>, <c>[</c> or <c>&lt;</c>.
/// </summary>
internal static class ControlBytes
{
    private static readonly SearchValues<byte> Forbidden = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0B, 0x0C, 0x0E, 0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    /// <summary>True when <paramref name="span"/> holds a control byte that no JSON or XML text may hold.</summary>
    public static bool AnyOutsideText(ReadOnlySpan<byte> span) => span.ContainsAny(Forbidden);

    /// <summary>
    /// True when <paramref name="span"/> may be XML in a 16- or 32-bit encoding (a byte-order mark or a zero byte
    /// among the first two), where zero bytes are part of every character.
    /// </summary>
    public static bool MayBeWideText(ReadOnlySpan<byte> span) =>
        span.Length >= 2 && (span[0] is 0 or 0xFE or 0xFF || span[1] == 0);
}
