using DeviceWatch.Dissect.Quic;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>Header and packet protection removal against RFC 9001 / RFC 9369 Appendix A.</summary>
public sealed class QuicPacketProtectionTests
{
    private static readonly byte[] ServerConnectionId = Convert.FromHexString("f067a5502a4262b5");

    [Theory]
    [InlineData(QuicVersionParameters.Version1, true, QuicRfcVectors.V1ClientSample, QuicRfcVectors.V1ClientMask)]
    [InlineData(QuicVersionParameters.Version2, true, QuicRfcVectors.V2ClientSample, QuicRfcVectors.V2ClientMask)]
    [InlineData(QuicVersionParameters.Version1, false, "2cd0991cd25b0aac406a5816b6394100", QuicRfcVectors.V1ServerMask)]
    [InlineData(QuicVersionParameters.Version2, false, "6f05d8a4398c47089698baeea26b91eb", QuicRfcVectors.V2ServerMask)]
    public void HeaderProtectionMask_RfcSample_MatchesRfcMask(uint version, bool client, string sample, string mask)
    {
        var keys = QuicInitialKeys.Derive(QuicVersionParameters.Of(version)!, QuicPacketBuilder.RfcConnectionId, client);

        var actual = QuicPacketProtection.HeaderProtectionMask(keys.HeaderProtection, Convert.FromHexString(sample));

        Assert.Equal(mask, Convert.ToHexStringLower(actual));
    }

    [Theory]
    [InlineData(QuicVersionParameters.Version1, QuicRfcVectors.V1ServerPacket, QuicRfcVectors.V1ServerHeader)]
    [InlineData(QuicVersionParameters.Version2, QuicRfcVectors.V2ServerPacket, QuicRfcVectors.V2ServerHeader)]
    public void TryDecrypt_RfcServerInitial_GivesRfcPayloadAndHeader(uint version, string packetHex, string unprotectedHeader)
    {
        var keys = QuicInitialKeys.Derive(QuicVersionParameters.Of(version)!, QuicPacketBuilder.RfcConnectionId, client: false);

        var status = QuicPacketProtection.TryDecrypt(Convert.FromHexString(packetHex), QuicRfcVectors.ServerPacketNumberOffset, keys, -1, out var packet);

        Assert.Equal(QuicDecryptStatus.Decrypted, status);
        Assert.NotNull(packet);
        Assert.Equal(Convert.FromHexString(unprotectedHeader)[0], packet.FirstByte);
        Assert.Equal(1UL, packet.PacketNumber);
        Assert.Equal(QuicRfcVectors.ServerPayload, Convert.ToHexStringLower(packet.Payload));
    }

    [Theory]
    [InlineData(QuicVersionParameters.Version1)]
    [InlineData(QuicVersionParameters.Version2)]
    public void TryDecrypt_RfcClientInitial_GivesCryptoFrameThenPadding(uint version)
    {
        var parameters = QuicVersionParameters.Of(version)!;
        var keys = QuicInitialKeys.Derive(parameters, QuicPacketBuilder.RfcConnectionId, client: true);

        var status = QuicPacketProtection.TryDecrypt(QuicPacketBuilderTests.RfcClientPacket(parameters), QuicRfcVectors.ClientPacketNumberOffset, keys, -1, out var packet);

        Assert.Equal(QuicDecryptStatus.Decrypted, status);
        Assert.Equal(2UL, packet!.PacketNumber);
        var frame = Convert.FromHexString(QuicRfcVectors.ClientCryptoFrame);
        Assert.Equal(QuicRfcVectors.ClientPayloadLength, packet.Payload.Length);
        Assert.Equal(frame, packet.Payload[..frame.Length]);
        Assert.All(packet.Payload[frame.Length..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void TryDecrypt_ServerKeysOnClientPacket_AuthenticationFails()
    {
        var parameters = QuicVersionParameters.V1;
        var serverKeys = QuicInitialKeys.Derive(parameters, QuicPacketBuilder.RfcConnectionId, client: false);

        var status = QuicPacketProtection.TryDecrypt(QuicPacketBuilderTests.RfcClientPacket(parameters), QuicRfcVectors.ClientPacketNumberOffset, serverKeys, -1, out var packet);

        Assert.Equal(QuicDecryptStatus.AuthenticationFailed, status);
        Assert.Null(packet);
    }

    [Fact]
    public void TryDecrypt_OneBitFlippedInCiphertext_AuthenticationFails()
    {
        var parameters = QuicVersionParameters.V1;
        var keys = QuicInitialKeys.Derive(parameters, QuicPacketBuilder.RfcConnectionId, client: true);
        var packet = QuicPacketBuilderTests.RfcClientPacket(parameters);
        packet[600] ^= 0x10;

        Assert.Equal(QuicDecryptStatus.AuthenticationFailed, QuicPacketProtection.TryDecrypt(packet, 18, keys, -1, out _));
    }

    [Fact]
    public void TryDecrypt_NoRoomForSample_TooShort()
    {
        var keys = QuicInitialKeys.Derive(QuicVersionParameters.V1, ServerConnectionId, client: true);

        Assert.Equal(QuicDecryptStatus.TooShort, QuicPacketProtection.TryDecrypt(new byte[37], 18, keys, -1, out _));
        Assert.NotEqual(QuicDecryptStatus.TooShort, QuicPacketProtection.TryDecrypt(new byte[38], 18, keys, -1, out _));
    }

    [Theory]
    [InlineData(0xa82f30eaL, 0x9b32UL, 16, 0xa82f9b32UL)] // RFC 9000 Appendix A.3
    [InlineData(-1L, 0UL, 8, 0UL)]
    [InlineData(-1L, 2UL, 32, 2UL)]
    [InlineData(0xffL, 0x01UL, 8, 0x101UL)]
    [InlineData(0x101L, 0xffUL, 8, 0xffUL)]
    public void DecodePacketNumber_RfcAlgorithm_ReconstructsFullNumber(long largest, ulong truncated, int bits, ulong expected) =>
        Assert.Equal(expected, QuicPacketProtection.DecodePacketNumber(largest, truncated, bits));
}
