using System.Buffers.Binary;
using System.Security.Cryptography;

namespace DeviceWatch.Dissect.Quic;

/// <summary>Removes header protection (RFC 9001 §5.4) and packet protection (§5.3) of a long-header packet.</summary>
internal static class QuicPacketProtection
{
    /// <summary>Header protection samples 16 bytes starting 4 bytes after the packet number offset (§5.4.2).</summary>
    public const int SampleLength = 16;

    /// <summary>AEAD_AES_128_GCM tag length.</summary>
    public const int TagLength = 16;

    /// <summary>The 5 mask bytes: AES-ECB(hp_key, sample)[0..5] (§5.4.3).</summary>
    public static byte[] HeaderProtectionMask(byte[] headerProtectionKey, ReadOnlySpan<byte> sample)
    {
        Span<byte> block = stackalloc byte[16];
        using var aes = Aes.Create();
        aes.Key = headerProtectionKey;
        aes.EncryptEcb(sample[..SampleLength], block, PaddingMode.None);
        return block[..5].ToArray();
    }

    /// <summary>RFC 9000 Appendix A.3: the packet number closest to one more than the largest seen.</summary>
    public static ulong DecodePacketNumber(long largestPacketNumber, ulong truncated, int bits)
    {
        var expected = largestPacketNumber + 1;
        var window = 1L << bits;
        var halfWindow = window / 2;
        var mask = window - 1;
        var candidate = (expected & ~mask) | (long)truncated;
        if (candidate <= expected - halfWindow && candidate < (1L << 62) - window)
        {
            return (ulong)(candidate + window);
        }
        if (candidate > expected + halfWindow && candidate >= window)
        {
            return (ulong)(candidate - window);
        }
        return (ulong)candidate;
    }

    /// <summary>
    /// Removes the protection of the long-header packet <paramref name="packet"/> (exactly one packet: it ends where the
    /// Length field says) whose packet number starts at <paramref name="packetNumberOffset"/>.
    /// </summary>
    public static QuicDecryptStatus TryDecrypt(
        ReadOnlySpan<byte> packet,
        int packetNumberOffset,
        QuicInitialKeys keys,
        long largestPacketNumber,
        out QuicDecryptedPacket? decrypted)
    {
        decrypted = null;
        if (!AesGcm.IsSupported)
        {
            return QuicDecryptStatus.Unsupported;
        }
        if (packetNumberOffset + 4 + SampleLength > packet.Length)
        {
            return QuicDecryptStatus.TooShort;
        }

        // 1. Header protection: unmask the low 4 bits of the first byte, then the packet number it says is there.
        var mask = HeaderProtectionMask(keys.HeaderProtection, packet.Slice(packetNumberOffset + 4, SampleLength));
        var firstByte = (byte)(packet[0] ^ (mask[0] & 0x0f));
        var packetNumberLength = (firstByte & 0x03) + 1;
        var header = packet[..(packetNumberOffset + packetNumberLength)].ToArray();
        header[0] = firstByte;
        ulong truncated = 0;
        for (var i = 0; i < packetNumberLength; i++)
        {
            header[packetNumberOffset + i] ^= mask[1 + i];
            truncated = (truncated << 8) | header[packetNumberOffset + i];
        }
        var packetNumber = DecodePacketNumber(largestPacketNumber, truncated, packetNumberLength * 8);

        // 2. Nonce: the IV XOR the packet number, left-padded to 12 bytes (§5.3).
        Span<byte> nonce = stackalloc byte[12];
        keys.Iv.CopyTo(nonce);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(number, packetNumber);
        for (var i = 0; i < 8; i++)
        {
            nonce[4 + i] ^= number[i];
        }

        // 3. AEAD: the header (with protection removed) is the associated data; the tag ends the packet.
        var ciphertext = packet[header.Length..^TagLength];
        var tag = packet[^TagLength..];
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using var aead = new AesGcm(keys.Key, TagLength);
            aead.Decrypt(nonce, ciphertext, tag, plaintext, header);
        }
        catch (CryptographicException)
        {
            return QuicDecryptStatus.AuthenticationFailed;
        }
        decrypted = new QuicDecryptedPacket(firstByte, packetNumber, plaintext);
        return QuicDecryptStatus.Decrypted;
    }
}
