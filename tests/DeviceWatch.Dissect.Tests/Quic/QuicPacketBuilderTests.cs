using System.Security.Cryptography;
using DeviceWatch.Dissect.Quic;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>The test-side packet builder reproduces the RFC's protected client Initials exactly.</summary>
public sealed class QuicPacketBuilderTests
{
    /// <summary>The 1200-byte client Initial of RFC 9001 A.2 (v1) or RFC 9369 A.2 (v2).</summary>
    internal static byte[] RfcClientPacket(QuicVersionParameters version)
    {
        var header = Convert.FromHexString(version == QuicVersionParameters.V1 ? QuicRfcVectors.V1ClientHeader : QuicRfcVectors.V2ClientHeader);
        var payload = QuicPacketBuilder.Padded(Convert.FromHexString(QuicRfcVectors.ClientCryptoFrame), QuicRfcVectors.ClientPayloadLength);
        var keys = QuicInitialKeys.Derive(version, QuicPacketBuilder.RfcConnectionId, client: true);
        return QuicPacketBuilder.Protect(header, QuicRfcVectors.ClientPacketNumberOffset, 4, 2, payload, keys);
    }

    [Theory]
    [InlineData(QuicVersionParameters.Version1, QuicRfcVectors.V1ClientProtectedHeader, QuicRfcVectors.V1ClientSample, QuicRfcVectors.V1ClientPacketSha256)]
    [InlineData(QuicVersionParameters.Version2, QuicRfcVectors.V2ClientProtectedHeader, QuicRfcVectors.V2ClientSample, QuicRfcVectors.V2ClientPacketSha256)]
    public void Protect_RfcClientInitial_ReproducesRfcPacket(uint version, string protectedHeader, string sample, string sha256)
    {
        var packet = RfcClientPacket(QuicVersionParameters.Of(version)!);

        Assert.Equal(1200, packet.Length);
        Assert.Equal(protectedHeader, Convert.ToHexStringLower(packet.AsSpan(0, 22)));
        Assert.Equal(sample, Convert.ToHexStringLower(packet.AsSpan(22, 16)));
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(packet)));
    }

    [Fact]
    public void Initial_RfcFields_SameAsProtect()
    {
        var payload = QuicPacketBuilder.Padded(Convert.FromHexString(QuicRfcVectors.ClientCryptoFrame), QuicRfcVectors.ClientPayloadLength);

        var packet = QuicPacketBuilder.Initial(QuicVersionParameters.V1, QuicPacketBuilder.RfcConnectionId, [], 2, payload);

        Assert.Equal(RfcClientPacket(QuicVersionParameters.V1), packet);
    }

    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(37UL, "25")]
    [InlineData(15293UL, "7bbd")]
    [InlineData(494878333UL, "9d7f3e7d")]
    [InlineData(151288809941952652UL, "c2197c5eff14e88c")]
    public void VarInt_RfcExamples_Encoded(ulong value, string hex) => // RFC 9000 Appendix A.1
        Assert.Equal(hex, Convert.ToHexStringLower(QuicPacketBuilder.VarInt(value)));
}
