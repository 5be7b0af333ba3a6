using System.Buffers.Text;

namespace DeviceWatch.Analysis.Decoding;

/// <summary>Recognises and decodes base64, base64url and hex text.</summary>
internal static class TextEncodings
{
    /// <summary>Returns <c>hex</c>, <c>base64</c>, <c>base64url</c> or null for text that is none of them.</summary>
    public static string? Classify(string text, int minHex, int minBase64)
    {
        var n = text.Length;
        if (n >= minHex && (n & 1) == 0 && IsHex(text))
        {
            return "hex";
        }

        if (n < minBase64)
        {
            return null;
        }

        var pad = 0;
        if (text[^1] == '=')
        {
            pad = text.Length > 1 && text[^2] == '=' ? 2 : 1;
        }

        bool std = false, url = false, hasLower = false, hasOther = false;
        for (var i = 0; i < n - pad; i++)
        {
            var c = text[i];
            if (c is >= 'a' and <= 'z')
            {
                hasLower = true;
            }
            else if (c is >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                hasOther = true;
            }
            else if (c is '+' or '/')
            {
                std = true;
            }
            else if (c is '-' or '_')
            {
                url = true;
            }
            else
            {
                return null;
            }
        }

        if ((std && url) || !hasLower || !hasOther)
        {
            return null;
        }

        // Padding only ever completes a group of four; one character left over after the groups is no encoding.
        if ((pad > 0 && n % 4 != 0) || (n - pad) % 4 == 1)
        {
            return null;
        }

        if (url)
        {
            return "base64url";
        }

        if (n % 4 == 0)
        {
            return "base64";
        }

        // Unpadded: base64url, which has no '+' or '/' (the decoder throws on them rather than failing).
        return std ? null : "base64url";
    }

    /// <summary>The bytes <see cref="Decode"/> reserves in the budget for <paramref name="text"/>.</summary>
    public static int ReservedSize(string text, string kind)
    {
        var size = kind == "hex" ? text.Length / 2 : text.Length * 3 / 4 + 3;
        return Math.Max(size, kind == "base64url" ? Base64Url.GetMaxDecodedLength(text.Length) : 0);
    }

    /// <summary>
    /// Decodes into <paramref name="destination"/> (at least <see cref="ReservedSize"/> bytes) without allocating;
    /// false exactly when <see cref="Decode"/> would fail on the text itself.
    /// </summary>
    public static bool TryDecodeInto(string text, string kind, Span<byte> destination, out int written)
    {
        written = 0;
        if (kind == "hex")
        {
            if ((text.Length & 1) != 0 || destination.Length < text.Length / 2)
            {
                return false;
            }

            var status = Convert.FromHexString(text, destination, out _, out written);
            return status == System.Buffers.OperationStatus.Done;
        }

        return kind == "base64url"
            ? TryDecodeBase64Url(text, destination, out written)
            : Convert.TryFromBase64String(text, destination, out written);
    }

    // Base64Url.TryDecodeFromChars throws FormatException on invalid text (a '/' or a misplaced '='); the
    // OperationStatus form reports it instead, and accepts exactly the same texts.
    private static bool TryDecodeBase64Url(string text, Span<byte> destination, out int written) =>
        Base64Url.DecodeFromChars(text, destination, out _, out written) == System.Buffers.OperationStatus.Done;

    /// <summary>Decodes text of a kind from <see cref="Classify"/>, reserving the output in the budget; null on failure.</summary>
    public static byte[]? Decode(string text, string kind, DecodeBudget budget)
    {
        var size = ReservedSize(text, kind);
        if (!budget.TryReserve(size))
        {
            return null;
        }

        if (kind == "hex")
        {
            try
            {
                return Convert.FromHexString(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        if (kind == "base64url")
        {
            var urlBuffer = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
            return TryDecodeBase64Url(text, urlBuffer, out var written) ? urlBuffer.AsSpan(0, written).ToArray() : null;
        }

        var buffer = new byte[size];
        return Convert.TryFromBase64String(text, buffer, out var count) ? buffer.AsSpan(0, count).ToArray() : null;
    }

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    // Hex digits only, not mixing lower- and upper-case letters.
    private static bool IsHex(string text) =>
        !text.AsSpan().ContainsAnyExcept(HexDigits) && !(text.AsSpan().ContainsAnyInRange('a', 'f') && text.AsSpan().ContainsAnyInRange('A', 'F'));
}
