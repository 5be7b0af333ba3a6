using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;

namespace DeviceWatch.Dissect.Tests.Http;

public sealed class HttpStreamDissectorProbeTests
{
    private static ProbeResult Probe(string text) => HttpStreamDissector.Probe(Encoding.Latin1.GetBytes(text));

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("POST ")]
    [InlineData("PUT /x")]
    [InlineData("DELETE /x")]
    [InlineData("HEAD /")]
    [InlineData("OPTIONS *")]
    [InlineData("PATCH /")]
    [InlineData("CONNECT host:443 HTTP/1.1")]
    [InlineData("TRACE /")]
    [InlineData("NOTIFY * HTTP/1.1")]
    [InlineData("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900")]
    [InlineData("SUBSCRIBE /evt HTTP/1.1")]
    [InlineData("UNSUBSCRIBE /evt HTTP/1.1")]
    [InlineData("PROPFIND /dav HTTP/1.1")]
    public void Probe_KnownMethodAndSpace_Yes(string text) => Assert.Equal(ProbeResult.Yes, Probe(text));

    [Theory]
    [InlineData("")]
    [InlineData("G")]
    [InlineData("GE")]
    [InlineData("GET")]
    [InlineData("M-SEA")]
    [InlineData("OPTIONS")]
    [InlineData("P")]
    public void Probe_PrefixOfMethod_NeedMore(string text) => Assert.Equal(ProbeResult.NeedMore, Probe(text));

    [Theory]
    [InlineData("get / HTTP/1.1")]
    [InlineData("GETX / HTTP/1.1")]
    [InlineData("GET/")]
    [InlineData("\x16\x03\x01\x02\x00")]
    [InlineData("HTTP/1.1 200 OK")]
    [InlineData("SSH-2.0-OpenSSH")]
    [InlineData("\x10\x1a\x00\x04MQTT")]
    [InlineData("X")]
    public void Probe_NotHttpRequest_No(string text) => Assert.Equal(ProbeResult.No, Probe(text));

    [Fact]
    public void Probe_EveryPrefixOfRealRequest_NeedMoreThenYes()
    {
        var first = HttpCaptures.WithingsSession.Segments[0].Data;
        for (var length = 0; length <= first.Length; length++)
        {
            var expected = length < "POST ".Length ? ProbeResult.NeedMore : ProbeResult.Yes;
            Assert.Equal(expected, HttpStreamDissector.Probe(first.AsSpan(0, length)));
        }
    }
}
