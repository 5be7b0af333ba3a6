using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DeviceWatch.Core.Text;

/// <summary>
/// Whether bytes are text a person can read: valid UTF-8 without control characters other than tab, line feed and
/// carriage return, and without DEL. Decoders use it to choose text over binary, HAR files to choose text over base64.
/// </summary>
public static class PrintableText
{
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    /// <summary>True when <paramref name="bytes"/> holds a control byte other than tab, line feed or carriage return, or DEL.</summary>
    public static bool HasControlBytes(ReadOnlySpan<byte> bytes) => bytes.ContainsAny(ControlBytes);

    /// <summary>True when <paramref name="bytes"/> is valid UTF-8 without such control bytes (also for no bytes).</summary>
    public static bool IsPrintableUtf8(ReadOnlySpan<byte> bytes) =>
        !HasControlBytes(bytes) && (Ascii.IsValid(bytes) || Utf8.IsValid(bytes));
}
