using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// The packet protection keys of one side's Initial packets (RFC 9001 §5.2): derived from the client's first
/// Destination Connection ID, so anyone on the path can compute them.
/// </summary>
internal sealed record QuicInitialKeys
{
    /// <summary>AEAD_AES_128_GCM key.</summary>
    public required byte[] Key { get; init; }

    /// <summary>AEAD IV; the nonce is the IV XOR the packet number.</summary>
    public required byte[] Iv { get; init; }

    /// <summary>AES-128 header protection key.</summary>
    public required byte[] HeaderProtection { get; init; }

    /// <summary>The connection ID the keys were derived from.</summary>
    public required byte[] ConnectionId { get; init; }

    /// <summary>The version whose salt and labels were used.</summary>
    public required QuicVersionParameters Version { get; init; }

    /// <summary>The client's ("client in") or the server's ("server in") Initial keys for <paramref name="connectionId"/>.</summary>
    public static QuicInitialKeys Derive(QuicVersionParameters version, ReadOnlySpan<byte> connectionId, bool client)
    {
        var secret = EndpointSecret(version, connectionId, client);
        return new QuicInitialKeys
        {
            Key = ExpandLabel(secret, version.KeyLabel, 16),
            Iv = ExpandLabel(secret, version.IvLabel, 12),
            HeaderProtection = ExpandLabel(secret, version.HeaderProtectionLabel, 16),
            ConnectionId = connectionId.ToArray(),
            Version = version,
        };
    }

    /// <summary>initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id).</summary>
    public static byte[] InitialSecret(QuicVersionParameters version, ReadOnlySpan<byte> connectionId)
    {
        var secret = new byte[32];
        HKDF.Extract(HashAlgorithmName.SHA256, connectionId, version.InitialSalt, secret);
        return secret;
    }

    /// <summary>client_initial_secret or server_initial_secret.</summary>
    public static byte[] EndpointSecret(QuicVersionParameters version, ReadOnlySpan<byte> connectionId, bool client) =>
        ExpandLabel(InitialSecret(version, connectionId), client ? "client in" : "server in", 32);

    /// <summary>HKDF-Expand-Label of TLS 1.3 (RFC 8446 §7.1) with an empty context.</summary>
    public static byte[] ExpandLabel(ReadOnlySpan<byte> secret, string label, int length)
    {
        // struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } HkdfLabel;
        var fullLabel = Encoding.ASCII.GetBytes("tls13 " + label);
        var info = new byte[2 + 1 + fullLabel.Length + 1];
        BinaryPrimitives.WriteUInt16BigEndian(info, (ushort)length);
        info[2] = (byte)fullLabel.Length;
        fullLabel.CopyTo(info, 3);
        info[^1] = 0;
        var output = new byte[length];
        HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info);
        return output;
    }
}
