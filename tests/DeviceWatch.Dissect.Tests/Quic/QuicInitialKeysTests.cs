using DeviceWatch.Dissect.Quic;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>Key derivation against RFC 9001 Appendix A.1 (v1) and RFC 9369 Appendix A.1 (v2).</summary>
public sealed class QuicInitialKeysTests
{
    private static QuicVersionParameters VersionOf(uint version) => QuicVersionParameters.Of(version)!;

    [Theory]
    [InlineData(QuicVersionParameters.Version1, "7db5df06e7a69e432496adedb00851923595221596ae2ae9fb8115c1e9ed0a44")]
    [InlineData(QuicVersionParameters.Version2, "2062e8b3cd8d52092614b8071d0aa1fb7c2e3ac193f78b280e72d8f5751f6aba")]
    public void InitialSecret_RfcConnectionId_MatchesRfc(uint version, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(QuicInitialKeys.InitialSecret(VersionOf(version), QuicPacketBuilder.RfcConnectionId)));

    [Theory]
    [InlineData(QuicVersionParameters.Version1, true, "c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea")]
    [InlineData(QuicVersionParameters.Version1, false, "3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b")]
    [InlineData(QuicVersionParameters.Version2, true, "14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b")]
    [InlineData(QuicVersionParameters.Version2, false, "0263db1782731bf4588e7e4d93b7463907cb8cd8200b5da55a8bd488eafc37c1")]
    public void EndpointSecret_RfcConnectionId_MatchesRfc(uint version, bool client, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(QuicInitialKeys.EndpointSecret(VersionOf(version), QuicPacketBuilder.RfcConnectionId, client)));

    [Theory]
    [InlineData(QuicVersionParameters.Version1, true, "1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c", "9f50449e04a0e810283a1e9933adedd2")]
    [InlineData(QuicVersionParameters.Version1, false, "cf3a5331653c364c88f0f379b6067e37", "0ac1493ca1905853b0bba03e", "c206b8d9b9f0f37644430b490eeaa314")]
    [InlineData(QuicVersionParameters.Version2, true, "8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f", "45b95e15235d6f45a6b19cbcb0294ba9")]
    [InlineData(QuicVersionParameters.Version2, false, "82db637861d55e1d011f19ea71d5d2a7", "dd13c276499c0249d3310652", "edf6d05c83121201b436e16877593c3a")]
    public void Derive_RfcConnectionId_KeyIvAndHeaderProtectionMatchRfc(uint version, bool client, string key, string iv, string hp)
    {
        var keys = QuicInitialKeys.Derive(VersionOf(version), QuicPacketBuilder.RfcConnectionId, client);

        Assert.Equal(key, Convert.ToHexStringLower(keys.Key));
        Assert.Equal(iv, Convert.ToHexStringLower(keys.Iv));
        Assert.Equal(hp, Convert.ToHexStringLower(keys.HeaderProtection));
        Assert.Equal(QuicPacketBuilder.RfcConnectionId, keys.ConnectionId);
    }

    [Fact]
    public void Of_UnknownVersions_ReturnsNull()
    {
        Assert.Null(QuicVersionParameters.Of(0));
        Assert.Null(QuicVersionParameters.Of(0xff000016)); // draft-22: before the Initial salt settled
        Assert.Equal("afbfec289993d24c9e9786f19c6111e04390a899", Convert.ToHexStringLower(QuicVersionParameters.Of(0xff00001d)!.InitialSalt)); // draft-29
        Assert.Equal("c3eef712c72ebb5a11a7d2432bb46365bef9f502", Convert.ToHexStringLower(QuicVersionParameters.Of(0xff000017)!.InitialSalt)); // draft-23
        Assert.Null(QuicVersionParameters.Of(0x51303530)); // gQUIC Q050
    }
}
