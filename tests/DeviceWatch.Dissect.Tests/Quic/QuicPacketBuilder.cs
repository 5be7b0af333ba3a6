using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using DeviceWatch.Dissect.Quic;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>
/// Builds protected QUIC long-header packets the way a client does (RFC 9001 §5.3-5.4), with the BCL's AES-GCM and
/// AES-ECB directly (not the product's protection code), so tests can produce Initials with any frames.
/// Reproducing the RFC 9001 / RFC 9369 Appendix A packets byte for byte (QuicPacketBuilderTests) checks this builder.
/// </summary>
internal static class QuicPacketBuilder
{
    public static readonly byte[] RfcConnectionId = Convert.FromHexString("8394c8f03e515708");

    /// <summary>A protected Initial packet; <paramref name="keys"/> default to the client keys of <paramref name="dcid"/>.</summary>
    public static byte[] Initial(
        QuicVersionParameters version,
        byte[] dcid,
        byte[] scid,
        ulong packetNumber,
        byte[] payload,
        int packetNumberLength = 4,
        byte[]? token = null,
        QuicInitialKeys? keys = null,
        byte reservedBits = 0)
    {
        keys ??= QuicInitialKeys.Derive(version, dcid, client: true);
        token ??= [];
        var header = new List<byte> { (byte)(0xc0 | (version.InitialType << 4) | reservedBits | (packetNumberLength - 1)) };
        AddUInt32(header, version.Version);
        header.Add((byte)dcid.Length);
        header.AddRange(dcid);
        header.Add((byte)scid.Length);
        header.AddRange(scid);
        header.AddRange(VarInt((ulong)token.Length));
        header.AddRange(token);
        header.AddRange(VarInt((ulong)(packetNumberLength + payload.Length + 16), 2));
        var packetNumberOffset = header.Count;
        for (var i = packetNumberLength - 1; i >= 0; i--)
        {
            header.Add((byte)(packetNumber >> (8 * i)));
        }
        return Protect([.. header], packetNumberOffset, packetNumberLength, packetNumber, payload, keys);
    }

    /// <summary>Encrypts <paramref name="payload"/> under the unprotected <paramref name="header"/> and applies header protection.</summary>
    public static byte[] Protect(byte[] header, int packetNumberOffset, int packetNumberLength, ulong packetNumber, byte[] payload, QuicInitialKeys keys)
    {
        var nonce = (byte[])keys.Iv.Clone();
        var number = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(number, packetNumber);
        for (var i = 0; i < 8; i++)
        {
            nonce[4 + i] ^= number[i];
        }
        var ciphertext = new byte[payload.Length];
        var tag = new byte[16];
        using (var aead = new AesGcm(keys.Key, 16))
        {
            aead.Encrypt(nonce, payload, ciphertext, tag, header);
        }
        byte[] packet = [.. header, .. ciphertext, .. tag];

        using var aes = Aes.Create();
        aes.Key = keys.HeaderProtection;
        var mask = aes.EncryptEcb(packet.AsSpan(packetNumberOffset + 4, 16), PaddingMode.None);
        packet[0] ^= (byte)(mask[0] & 0x0f);
        for (var i = 0; i < packetNumberLength; i++)
        {
            packet[packetNumberOffset + i] ^= mask[1 + i];
        }
        return packet;
    }

    /// <summary>An unprotected long-header packet of another type (Handshake, 0-RTT) with an opaque body: never decrypted.</summary>
    public static byte[] OtherLongHeader(QuicVersionParameters version, int typeBits, byte[] dcid, byte[] scid, int bodyLength)
    {
        var packet = new List<byte> { (byte)(0xc0 | (typeBits << 4) | 0x03) };
        AddUInt32(packet, version.Version);
        packet.Add((byte)dcid.Length);
        packet.AddRange(dcid);
        packet.Add((byte)scid.Length);
        packet.AddRange(scid);
        packet.AddRange(VarInt((ulong)bodyLength, 2));
        packet.AddRange(Enumerable.Range(0, bodyLength).Select(i => (byte)(i * 7)));
        return [.. packet];
    }

    /// <summary>A CRYPTO frame (type 0x06).</summary>
    public static byte[] Crypto(ulong offset, ReadOnlySpan<byte> data) => [0x06, .. VarInt(offset), .. VarInt((ulong)data.Length), .. data];

    /// <summary>Frames followed by PADDING up to <paramref name="size"/> bytes.</summary>
    public static byte[] Padded(byte[] frames, int size) => frames.Length >= size ? frames : [.. frames, .. new byte[size - frames.Length]];

    /// <summary>A variable-length integer, in the shortest encoding or in <paramref name="length"/> bytes.</summary>
    public static byte[] VarInt(ulong value, int length = 0)
    {
        if (length == 0)
        {
            length = value < 64 ? 1 : value < 16384 ? 2 : value < (1UL << 30) ? 4 : 8;
        }
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[length - 1 - i] = (byte)(value >> (8 * i));
        }
        bytes[0] |= (byte)(BitOperations.Log2((uint)length) << 6);
        return bytes;
    }

    private static void AddUInt32(List<byte> into, uint value)
    {
        into.Add((byte)(value >> 24));
        into.Add((byte)(value >> 16));
        into.Add((byte)(value >> 8));
        into.Add((byte)value);
    }
}
