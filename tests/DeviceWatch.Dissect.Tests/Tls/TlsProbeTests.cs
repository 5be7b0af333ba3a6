using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Tests.Tls;

public sealed class TlsProbeTests
{
    public static TheoryData<string> Cases => TlsCaptureCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probe_RealClientHello_YesFromTenBytesNeedMoreBefore(string name)
    {
        var first = TlsCaptureCase.Named(name).Segments.First(s => s.FromOriginator).Bytes;
        for (var n = 0; n < 10; n++)
        {
            Assert.Equal(ProbeResult.NeedMore, TlsHelloDissector.Probe(first.AsSpan(0, n)));
        }
        for (var n = 10; n <= first.Length; n++)
        {
            Assert.Equal(ProbeResult.Yes, TlsHelloDissector.Probe(first.AsSpan(0, n)));
        }
    }

    [Theory]
    [InlineData("474554202f20485454502f312e310d0a")] // GET / HTTP/1.1
    [InlineData("102300044d5154540402003c")]         // MQTT CONNECT
    [InlineData("1603030010020000")]                 // handshake record carrying a ServerHello
    [InlineData("170303001c")]                       // application data
    [InlineData("16020100")]                         // record version 2.1
    [InlineData("1603010000")]                       // empty record
    [InlineData("16030100300100000a03")]             // ClientHello too short to be one
    [InlineData("16030100300100002c02")]             // ClientHello with legacy_version 2.x
    public void Probe_OtherBytes_No(string hex) =>
        Assert.Equal(ProbeResult.No, TlsHelloDissector.Probe(Convert.FromHexString(hex)));

    [Fact]
    public void Probe_Mqtt_NoEvenOnFirstByte() =>
        Assert.Equal(ProbeResult.No, TlsHelloDissector.Probe([0x10]));
}
