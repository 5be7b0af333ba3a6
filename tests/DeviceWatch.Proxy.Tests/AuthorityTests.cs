using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy.Tests;

public sealed class AuthorityTests
{
    [Theory]
    [InlineData("example.test:8443", "example.test", 8443)]
    [InlineData("example.test", "example.test", 443)]
    [InlineData("[::1]:8883", "::1", 8883)]
    [InlineData("10.0.0.1:80", "10.0.0.1", 80)]
    public void TryParse_ValidAuthority_HostAndPort(string text, string host, int port)
    {
        Assert.True(Authority.TryParse(text, 443, out var h, out var p));
        Assert.Equal(host, h);
        Assert.Equal(port, p);
    }

    [Theory]
    [InlineData("example.test:0")]
    [InlineData("example.test:99999")]
    [InlineData(":80")]
    [InlineData("a b:80")]
    [InlineData("[::1:80")]
    public void TryParse_BadAuthority_False(string text) => Assert.False(Authority.TryParse(text, 443, out _, out _));
}
