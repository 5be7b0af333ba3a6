using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tests.Tls;

namespace DeviceWatch.Dissect.Tests.Mqtt;

public sealed class MqttProbeTests
{
    public static TheoryData<string> Cases => MqttCaptureCase.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Probe_RealConnect_NeedMoreThenYesAfterLevel(string name)
    {
        var first = MqttCaptureCase.Named(name).Segments.First(s => s.FromOriginator).Bytes;
        var levelOffset = first[1] < 0x80 ? 2 : 3;
        levelOffset += 2 + ((first[levelOffset] << 8) | first[levelOffset + 1]);
        for (var n = 0; n <= levelOffset; n++)
        {
            Assert.Equal(ProbeResult.NeedMore, MqttStreamDissector.Probe(first.AsSpan(0, n)));
        }
        for (var n = levelOffset + 1; n <= first.Length; n++)
        {
            Assert.Equal(ProbeResult.Yes, MqttStreamDissector.Probe(first.AsSpan(0, n)));
        }
    }

    [Theory]
    [InlineData("160301020001")]                   // TLS ClientHello
    [InlineData("474554202f")]                     // GET /
    [InlineData("20020000")]                       // CONNACK
    [InlineData("100c00044d51545804020000")]       // "MQTX"
    [InlineData("100c00044d51545809020000")]       // MQTT level 9
    [InlineData("100e00064d514973647004020000")]   // MQIsdp with level 4
    [InlineData("10ffffffff01")]                   // remaining length of 5 bytes
    [InlineData("100500044d515454")]               // remaining length too small for a CONNECT
    [InlineData("100c00054d51545404020000")]       // protocol name length 5
    public void Probe_OtherBytes_No(string hex) =>
        Assert.Equal(ProbeResult.No, MqttStreamDissector.Probe(Convert.FromHexString(hex)));

    [Fact]
    public void Probe_Mqtt5ConnectLevel5_Yes() =>
        Assert.Equal(ProbeResult.Yes, MqttStreamDissector.Probe(Convert.FromHexString("101000044d5154540502003c0300")));
}
