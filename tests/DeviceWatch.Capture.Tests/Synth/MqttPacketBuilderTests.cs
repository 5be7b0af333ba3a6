using System.Text;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class MqttPacketBuilderTests
{
    [Fact]
    public void Connect_V311WithUserAndPassword_IsByteExact()
    {
        var connect = MqttPacketBuilder.Connect(new MqttConnectSpec { ClientId = "w1", Username = "u", Password = "p", KeepAliveSeconds = 60 });
        Assert.Equal(Convert.FromHexString("101400044D51545404C2003C00027731000175000170"), connect);
    }

    [Fact]
    public void Publish_LongPayload_UsesMultiByteRemainingLength()
    {
        var payload = new byte[200];
        var publish = MqttPacketBuilder.Publish(MqttVersion.V311, "a/b", payload, qos: 1, packetId: 10);
        Assert.Equal([0x32, 0xCF, 0x01, 0x00, 0x03, (byte)'a', (byte)'/', (byte)'b', 0x00, 0x0A], publish[..10]);
        Assert.Equal(3 + 2 + 3 + 2 + 200, publish.Length);
    }

    [Fact]
    public void Publish_QosOneWithoutPacketId_Throws() =>
        Assert.Throws<ArgumentException>(() => MqttPacketBuilder.Publish(MqttVersion.V311, "t", [], qos: 1));

    [Theory]
    [InlineData(MqttVersion.V311, "4")]
    [InlineData(MqttVersion.V500, "5")]
    public void Session_BothVersions_TsharkDecodesEveryPacket(MqttVersion version, string protocolLevel)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.File("mqtt.pcap");
        var json = "{\"volume\":35,\"playing\":true}";
        TestCaptures.WriteTcp(path, 1883,
        [
            (true, MqttPacketBuilder.Connect(new MqttConnectSpec { Version = version, ClientId = "spk-01", Username = "speaker", Password = "pw", SessionExpirySeconds = version == MqttVersion.V500 ? 300u : null })),
            (false, MqttPacketBuilder.ConnAck(version)),
            (true, MqttPacketBuilder.Subscribe(version, 1, [("speaker/cmd/#", 1)])),
            (false, MqttPacketBuilder.SubAck(version, 1, [1])),
            (true, MqttPacketBuilder.Publish(version, "speaker/state", Encoding.UTF8.GetBytes(json))),
            (true, MqttPacketBuilder.Publish(version, "speaker/state", Encoding.UTF8.GetBytes(json), qos: 1, packetId: 2)),
            (false, MqttPacketBuilder.PubAck(2)),
            (true, MqttPacketBuilder.PingReq()),
            (false, MqttPacketBuilder.PingResp()),
            (true, MqttPacketBuilder.Disconnect()),
        ]);

        Assert.Empty(TestCaptures.Problems(path));
        var rows = Tshark.Fields(path, ["mqtt.msgtype", "mqtt.ver", "mqtt.clientid", "mqtt.username", "mqtt.topic", "mqtt.qos", "mqtt.msg"], "mqtt");
        Assert.Equal(["1", "2", "8", "9", "3", "3", "4", "12", "13", "14"], rows.Select(r => r[0]));
        Assert.Equal([protocolLevel, "spk-01", "speaker"], rows[0][1..4]);
        Assert.Equal(["speaker/state", "0"], rows[4][4..6]);
        Assert.Equal(["speaker/state", "1"], rows[5][4..6]);
        Assert.Equal(json, TestCaptures.HexToText(rows[5][6]));
        Assert.Equal("speaker/cmd/#", rows[2][4]);
    }
}
