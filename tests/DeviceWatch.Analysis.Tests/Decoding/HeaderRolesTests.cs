using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class HeaderRolesTests
{
    [Theory]
    [InlineData("Content-Type", "ContentType")]
    [InlineData("content-type", "ContentType")]
    [InlineData("COOKIE", "Cookie")]
    [InlineData("Host", "Boring")]
    [InlineData("accept-ENCODING", "Boring")]
    [InlineData("User-Agent", "Inspected")]
    [InlineData("X-Device-Id", "Inspected")]
    public void Of_AnyCase_SameRoleEveryTime(string name, string role)
    {
        var expected = Enum.Parse<HeaderRole>(role);
        var roles = new HeaderRoles();
        Assert.Equal(expected, roles.Of(name));
        Assert.Equal(expected, roles.Of(new string(name.AsSpan())));
    }

    [Fact]
    public void Of_PastTheBound_StillRight()
    {
        var roles = new HeaderRoles();
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(HeaderRole.Inspected, roles.Of("X-Custom-" + i));
            Assert.Equal(i % 2 == 0 ? HeaderRole.Boring : HeaderRole.ContentType, roles.Of(i % 2 == 0 ? "Host" : "Content-Type"));
        }
    }

    [Fact]
    public void Decode_HttpSkipsProtocolHeaders_MqttPropertiesAreAllInspected()
    {
        KeyValuePair<string, string>[] headers =
        [
            new("Host", "api.example"), new("Content-Type", "application/json"), new("User-Agent", "Watch/1.0 imei 356938035643809"),
            new("Cookie", "sid=abc; imei=356938035643809"),
        ];
        var http = PayloadDecoder.Decode(TestPayloads.Http("{\"a\":1}", null, "/x", headers), DecoderLimits.Default);
        var paths = http.Nodes.Select(n => http.PathOf(n.Index)).ToList();
        Assert.Contains("header:User-Agent", paths);
        Assert.DoesNotContain("header:Host", paths);
        Assert.DoesNotContain("header:Content-Type", paths);
        Assert.Contains("cookie:imei", paths);
        Assert.Contains("body:$.a", paths); // the body's type came from the Content-Type header

        var mqtt = PayloadDecoder.Decode(TestPayloads.Mqtt("t", []) with { Headers = headers }, DecoderLimits.Default);
        var mqttPaths = mqtt.Nodes.Select(n => mqtt.PathOf(n.Index)).ToList();
        Assert.Contains("header:Host", mqttPaths);
        Assert.Contains("header:Content-Type", mqttPaths);
    }
}
