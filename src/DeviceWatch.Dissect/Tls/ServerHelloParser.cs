using System.Text;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>Parses a complete ServerHello body (after the 4-byte handshake header), RFC 8446 §4.1.3.</summary>
internal static class ServerHelloParser
{
    /// <summary>SHA-256("HelloRetryRequest"): the random of a HelloRetryRequest (RFC 8446 §4.1.3).</summary>
    private static ReadOnlySpan<byte> HelloRetryRandom =>
    [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ];

    /// <summary>Returns null when the body is malformed.</summary>
    public static TlsServerHello? TryParse(ReadOnlySpan<byte> body, DateTime timestamp)
    {
        var reader = new TlsWireReader(body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TryReadBytes(32, out var random)
            || !reader.TryReadVector8(out var sessionId) || sessionId.Length > 32
            || !reader.TryReadUInt16(out var cipher)
            || !reader.TryReadUInt8(out _))
        {
            return null;
        }

        ushort? selected = null;
        string? alpn = null;
        if (reader.Remaining > 0)
        {
            if (!reader.TryReadVector16(out var extensionBlock) || reader.Remaining != 0)
            {
                return null;
            }
            var extReader = new TlsWireReader(extensionBlock);
            while (extReader.Remaining > 0)
            {
                if (!extReader.TryReadUInt16(out var type) || !extReader.TryReadVector16(out var data))
                {
                    return null;
                }
                var ext = new TlsWireReader(data);
                if (type == 0x002b)
                {
                    if (!ext.TryReadUInt16(out var version))
                    {
                        return null;
                    }
                    selected = version;
                }
                else if (type == 0x0010)
                {
                    if (!ext.TryReadVector16(out var list))
                    {
                        return null;
                    }
                    var names = new TlsWireReader(list);
                    if (!names.TryReadVector8(out var name))
                    {
                        return null;
                    }
                    alpn = Encoding.Latin1.GetString(name);
                }
            }
        }

        return new TlsServerHello
        {
            Timestamp = timestamp,
            Direction = FlowDirection.FromResponder,
            LegacyVersion = legacyVersion,
            SelectedVersion = selected,
            CipherSuite = cipher,
            Alpn = alpn,
            IsHelloRetryRequest = random.SequenceEqual(HelloRetryRandom),
        };
    }
}
