using System.Text;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>Parses a complete ClientHello body (after the 4-byte handshake header), RFC 8446 §4.1.2.</summary>
internal static class ClientHelloParser
{
    private const ushort ServerName = 0x0000;
    private const ushort SupportedGroups = 0x000a;
    private const ushort EcPointFormats = 0x000b;
    private const ushort SignatureAlgorithms = 0x000d;
    private const ushort Alpn = 0x0010;
    private const ushort SupportedVersions = 0x002b;
    private const ushort EncryptedClientHello = 0xfe0d;

    /// <summary>Returns null when the body is malformed.</summary>
    public static TlsClientHello? TryParse(ReadOnlySpan<byte> body, DateTime timestamp)
    {
        var reader = new TlsWireReader(body);
        if (!reader.TryReadUInt16(out var legacyVersion)
            || !reader.TryReadBytes(32, out _)
            || !reader.TryReadVector8(out var sessionId) || sessionId.Length > 32
            || !reader.TryReadVector16(out var cipherBytes) || cipherBytes.Length % 2 != 0
            || !reader.TryReadVector8(out _))
        {
            return null;
        }

        var ciphers = ReadUInt16List(cipherBytes);
        var extensions = new List<ushort>();
        var groups = new List<ushort>();
        var pointFormats = new List<byte>();
        var signatureAlgorithms = new List<ushort>();
        var alpn = new List<string>();
        var versions = new List<ushort>();
        ReadOnlySpan<byte> firstAlpn = default;
        string? serverName = null;
        var hasEch = false;

        // Extensions are optional before TLS 1.3 (an SSLv3-style hello ends after compression methods).
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
                extensions.Add(type);
                var ok = type switch
                {
                    ServerName => TryReadServerName(data, out serverName),
                    SupportedGroups => TryReadUInt16Vector(data, groups),
                    EcPointFormats => TryReadPointFormats(data, pointFormats),
                    SignatureAlgorithms => TryReadUInt16Vector(data, signatureAlgorithms),
                    Alpn => TryReadAlpn(data, alpn, ref firstAlpn),
                    SupportedVersions => TryReadVersions(data, versions),
                    _ => true,
                };
                if (!ok)
                {
                    return null;
                }
                hasEch |= type == EncryptedClientHello;
            }
        }

        var ja3Text = TlsFingerprint.Ja3Text(legacyVersion, ciphers, extensions, groups, pointFormats);
        return new TlsClientHello
        {
            Timestamp = timestamp,
            Direction = FlowDirection.FromOriginator,
            LegacyVersion = legacyVersion,
            SupportedVersions = versions.Where(v => !TlsFingerprint.IsGrease(v)).ToArray(),
            CipherSuites = ciphers,
            Extensions = extensions,
            SupportedGroups = groups,
            EcPointFormats = pointFormats,
            SignatureAlgorithms = signatureAlgorithms,
            ServerName = serverName,
            Alpn = alpn,
            Ja3Text = ja3Text,
            Ja3 = TlsFingerprint.Ja3Hash(ja3Text),
            Ja4 = TlsFingerprint.Ja4(legacyVersion, versions, ciphers, extensions, firstAlpn, signatureAlgorithms),
            HasEncryptedClientHello = hasEch,
        };
    }

    private static List<ushort> ReadUInt16List(ReadOnlySpan<byte> data)
    {
        var list = new List<ushort>(data.Length / 2);
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            list.Add((ushort)((data[i] << 8) | data[i + 1]));
        }
        return list;
    }

    private static bool TryReadUInt16Vector(ReadOnlySpan<byte> data, List<ushort> into)
    {
        var reader = new TlsWireReader(data);
        if (!reader.TryReadVector16(out var list) || list.Length % 2 != 0)
        {
            return false;
        }
        into.AddRange(ReadUInt16List(list));
        return true;
    }

    private static bool TryReadPointFormats(ReadOnlySpan<byte> data, List<byte> into)
    {
        var reader = new TlsWireReader(data);
        if (!reader.TryReadVector8(out var list))
        {
            return false;
        }
        into.AddRange(list.ToArray());
        return true;
    }

    private static bool TryReadVersions(ReadOnlySpan<byte> data, List<ushort> into)
    {
        var reader = new TlsWireReader(data);
        if (!reader.TryReadVector8(out var list) || list.Length % 2 != 0)
        {
            return false;
        }
        into.AddRange(ReadUInt16List(list));
        return true;
    }

    /// <summary>RFC 6066 §3: server_name_list of (name_type, HostName); the first host_name wins.</summary>
    private static bool TryReadServerName(ReadOnlySpan<byte> data, out string? serverName)
    {
        serverName = null;
        if (data.IsEmpty)
        {
            return true; // a server's empty echo; tolerated in a hello too
        }
        var reader = new TlsWireReader(data);
        if (!reader.TryReadVector16(out var list))
        {
            return false;
        }
        var names = new TlsWireReader(list);
        while (names.Remaining > 0)
        {
            if (!names.TryReadUInt8(out var nameType) || !names.TryReadVector16(out var name))
            {
                return false;
            }
            if (nameType == 0 && serverName is null)
            {
                serverName = Encoding.ASCII.GetString(name);
            }
        }
        return true;
    }

    /// <summary>RFC 7301 §3.1: ProtocolNameList of 1-byte-length names.</summary>
    private static bool TryReadAlpn(ReadOnlySpan<byte> data, List<string> into, ref ReadOnlySpan<byte> first)
    {
        var reader = new TlsWireReader(data);
        if (!reader.TryReadVector16(out var list))
        {
            return false;
        }
        var names = new TlsWireReader(list);
        while (names.Remaining > 0)
        {
            if (!names.TryReadVector8(out var name))
            {
                return false;
            }
            if (into.Count == 0)
            {
                first = name;
            }
            into.Add(Encoding.Latin1.GetString(name));
        }
        return true;
    }
}
