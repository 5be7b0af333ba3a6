using System.Text;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tests.Tls;

namespace DeviceWatch.Dissect.Tests.Mqtt;

public sealed class MqttStreamDissectorTests
{
    private static readonly string[] s_typeNames =
        ["", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH"];

    public static TheoryData<string> Cases => MqttCaptureCase.Names();

    private static List<MqttPacket> Packets(Segment[] segments, DissectorLimits? limits = null)
    {
        var sink = DissectorRun.Whole(new MqttStreamDissector(limits), segments);
        Assert.Empty(sink.Anomalies);
        return sink.Facts.Cast<MqttPacket>().ToList();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Packets_RealCapture_SameTypesAndDirectionsAsTshark(string name)
    {
        var c = MqttCaptureCase.Named(name);
        var expected = c.TsharkTypes.Split(' ')
            .Select(t => (t[0] == '>' ? FlowDirection.FromOriginator : FlowDirection.FromResponder, s_typeNames[int.Parse(t[1..])]))
            .ToList();

        var packets = Packets(c.Segments);

        Assert.Equal(expected, packets.Select(p => (p.Direction, p.Type)).ToList());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnData_EverySplitAndByteByByte_SameFacts(string name) =>
        DissectorRun.AssertChunkingInvariant(() => new MqttStreamDissector(), MqttCaptureCase.Named(name).Segments);

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnData_TruncatedAtEveryLength_NoExceptionAndPrefixOfFacts(string name) =>
        DissectorRun.AssertTruncationSafe(() => new MqttStreamDissector(), MqttCaptureCase.Named(name).Segments);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Facts_RealCapture_NeverContainPasswords(string name)
    {
        var json = string.Join('\n', DissectorRun.Whole(new MqttStreamDissector(), MqttCaptureCase.Named(name).Segments).Describe());

        Assert.DoesNotContain("s3cret", json);
        Assert.DoesNotContain("hunter2", json);
        Assert.DoesNotContain("SharedAccessSignature", json);
    }

    [Fact]
    public void Mqtt5Publish_Properties_ContentTypeAndUserPropertyCaptured()
    {
        var packets = Packets(MqttCaptureVectors.LiveV5Publish);

        var connect = packets[0];
        Assert.Equal(5, connect.ProtocolLevel);
        Assert.Equal("dw-v5-client", connect.ClientId);
        Assert.Equal("alice", connect.Username);
        Assert.True(connect.HasPassword);
        Assert.Equal(0, packets[1].ReasonCode);

        var publish = packets[2];
        Assert.Equal(5, publish.ProtocolLevel);
        Assert.Equal("dw/v5/loc", publish.Topic);
        Assert.Equal(1, publish.Qos);
        Assert.Equal(1, publish.PacketId);
        Assert.False(publish.Retain);
        Assert.Equal("application/json", publish.ContentType);
        Assert.Equal([new KeyValuePair<string, string>("device", "kids-watch")], publish.UserProperties);
        Assert.Equal("{\"lat\":52.52,\"lon\":13.40}", Encoding.UTF8.GetString(publish.Payload.Span));
        Assert.Equal(publish.Payload.Length, publish.PayloadLength);
        Assert.Equal(1, packets[3].PacketId); // PUBACK
        Assert.Equal(5, packets[4].ProtocolLevel);
    }

    [Fact]
    public void Mqtt311_Qos2RetainedWithWill_FieldsAndFlow()
    {
        var packets = Packets(MqttCaptureVectors.LiveV311PublishQos2);

        Assert.Equal(4, packets[0].ProtocolLevel);
        Assert.Equal("dw-v311-client", packets[0].ClientId);
        Assert.Equal("bob", packets[0].Username);
        Assert.True(packets[0].HasPassword);
        var publish = packets[2];
        Assert.Equal("dw/v311/hr", publish.Topic);
        Assert.Equal(2, publish.Qos);
        Assert.True(publish.Retain);
        Assert.Equal("heart_rate=72", Encoding.ASCII.GetString(publish.Payload.Span));
        Assert.Null(publish.ContentType);
        Assert.All(packets.Skip(3).Take(3), p => Assert.Equal(1, p.PacketId)); // PUBREC, PUBREL, PUBCOMP
        Assert.Null(packets[6].ReasonCode); // 3.1.1 DISCONNECT has no reason code
    }

    [Fact]
    public void Mqtt31_MQIsdp_LevelThree()
    {
        var packets = Packets(MqttCaptureVectors.LiveV31);

        Assert.All(packets, p => Assert.Equal(3, p.ProtocolLevel));
        Assert.Equal("dw-v31", packets[0].ClientId);
        Assert.Null(packets[0].Username);
        Assert.False(packets[0].HasPassword);
        Assert.Equal("x", Encoding.ASCII.GetString(packets[2].Payload.Span));
        Assert.Null(packets[2].PacketId);
    }

    [Fact]
    public void Mqtt5SubscribeUnsubscribe_TopicFiltersAndReasonCodes()
    {
        var packets = Packets(MqttCaptureVectors.LiveV5Subscribe);

        Assert.Equal(["dw/#", "other/+/x"], packets[2].TopicFilters);
        Assert.Equal(1, packets[2].PacketId);
        Assert.Equal(["dw/#"], packets[4].TopicFilters);
        Assert.Equal(2, packets[4].PacketId);
        var delivered = packets[5];
        Assert.Equal(FlowDirection.FromResponder, delivered.Direction);
        Assert.Equal("dw/v311/hr", delivered.Topic);
        Assert.Equal("heart_rate=72", Encoding.ASCII.GetString(delivered.Payload.Span));
        Assert.Equal(2, packets[7].PacketId); // UNSUBACK
        Assert.Equal(4, packets[8].ReasonCode); // MQTT 5 DISCONNECT "with Will Message", as tshark shows
    }

    [Fact]
    public void ZeekPaho_SubscribeAndPublish_MatchTshark()
    {
        var packets = Packets(MqttCaptureVectors.ZeekPaho);

        Assert.Equal("paho/34AAE54A75D839566E", packets[0].ClientId);
        Assert.Equal(3, packets[0].ProtocolLevel);
        Assert.Equal(["SampleTopic"], packets[2].TopicFilters);
        Assert.Equal("SampleTopic", packets[4].Topic);
        Assert.True(packets[4].Retain);
        Assert.Equal("Hello from the Paho blocking client", Encoding.ASCII.GetString(packets[4].Payload.Span));
        Assert.Equal("Hello MQTT", Encoding.ASCII.GetString(packets[7].Payload.Span));
    }

    [Fact]
    public void NdpiDevice_PublishJsonAndAzureConnect_MatchTshark()
    {
        var device = Packets(MqttCaptureVectors.NdpiDevice);
        Assert.Equal("cbaabcbabacbbbbbaaaaab", device[0].ClientId);
        Assert.Equal("02D5050223D3", device[0].Username);
        Assert.Equal(["astr/s720/02D5050223D3/99"], device[1].TopicFilters);
        Assert.Equal("astr/admin/otaupd8", device[4].Topic);
        Assert.StartsWith("{ \"u\": \"02D5050223D3\"", Encoding.ASCII.GetString(device[4].Payload.Span));

        var azure = Assert.Single(Packets(MqttCaptureVectors.NdpiSecond));
        Assert.Equal(4, azure.ProtocolLevel);
        Assert.Equal("P47775ID170W2120", azure.ClientId);
        Assert.Equal("iotazewpmlithub.azure-devices.net/P47775ID170W2120/?api-version=2018-06-30", azure.Username);
        Assert.True(azure.HasPassword);
    }

    [Fact]
    public void CoapMqtt_Port17501_Qos1PacketIds()
    {
        var packets = Packets(MqttCaptureVectors.CoapMqttPort17501);

        Assert.Equal("Bus41", packets[0].ClientId);
        var publishes = packets.Where(p => p.Type == "PUBLISH" && p.Direction == FlowDirection.FromOriginator).ToList();
        Assert.All(publishes, p => Assert.Equal("Bus17Info", p.Topic));
        Assert.Equal([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], publishes.Select(p => p.PacketId)); // as tshark shows
    }

    [Fact]
    public void LargePublish_PayloadCappedAndCounted_MemoryBounded()
    {
        // Header of the live 300 000-byte MQTT 5 publish (topic dw/big, QoS 1, no properties), with a 5 MB payload.
        const int payloadLength = 5_000_000;
        var limits = new DissectorLimits { MaxBodyCapture = 1024 };
        var connect = MqttCaptureVectors.LiveV5Publish[0].Bytes;
        var remaining = 2 + 6 + 2 + 1 + payloadLength;
        var header = new List<byte> { 0x32 };
        for (var r = remaining; ; r >>= 7)
        {
            header.Add((byte)((r & 0x7f) | (r >= 0x80 ? 0x80 : 0)));
            if (r < 0x80)
            {
                break;
            }
        }
        header.AddRange([0, 6, .. "dw/big"u8.ToArray(), 0, 7, 0]);
        var chunk = new byte[64 * 1024];
        new Random(7).NextBytes(chunk);

        var dissector = new MqttStreamDissector(limits);
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, connect, DissectorRun.T0, sink);
        var before = GC.GetAllocatedBytesForCurrentThread();
        dissector.OnData(FlowDirection.FromOriginator, header.ToArray(), DissectorRun.T0, sink);
        for (var sent = 0; sent < payloadLength; sent += chunk.Length)
        {
            dissector.OnData(FlowDirection.FromOriginator, chunk.AsSpan(0, Math.Min(chunk.Length, payloadLength - sent)), DissectorRun.T0, sink);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var publish = Assert.IsType<MqttPacket>(sink.Facts[^1]);
        Assert.Equal("dw/big", publish.Topic);
        Assert.Equal(7, publish.PacketId);
        Assert.Equal(payloadLength, publish.PayloadLength);
        Assert.Equal(chunk.AsSpan(0, 1024).ToArray(), publish.Payload.ToArray());
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for a 5 MB publish");
        Assert.Empty(sink.Anomalies);
    }

    [Fact]
    public void RemainingLength_FiveBytes_AnomalyAndGiveUp()
    {
        var dissector = new MqttStreamDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, [0x30, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0], DissectorRun.T0, sink);

        Assert.Equal(["mqtt:bad_remaining_length"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void NonPublish_LargerThanLimit_AnomalyAndGiveUp()
    {
        var dissector = new MqttStreamDissector(new DissectorLimits { MaxMqttPacket = 100 });
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, [0x82, 0xc8, 0x01, 0, 1], DissectorRun.T0, sink); // SUBSCRIBE of 200 bytes

        Assert.Equal(["mqtt:packet_too_large"], sink.Anomalies);
        Assert.False(dissector.WantsMoreData);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void OnGap_OneDirection_OtherDirectionStillParsed()
    {
        var segments = MqttCaptureVectors.ZeekPaho;
        var dissector = new MqttStreamDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, segments[0].Bytes.AsSpan(0, 10), DissectorRun.T0, sink);
        dissector.OnGap(FlowDirection.FromOriginator, 27, DissectorRun.T0, sink);
        foreach (var s in segments.Where(s => !s.FromOriginator))
        {
            dissector.OnData(FlowDirection.FromResponder, s.Bytes, DissectorRun.T0, sink);
        }
        foreach (var s in segments.Skip(1).Where(s => s.FromOriginator))
        {
            dissector.OnData(FlowDirection.FromOriginator, s.Bytes, DissectorRun.T0, sink);
        }

        Assert.Equal(["mqtt:gap"], sink.Anomalies);
        Assert.All(sink.Facts, f => Assert.Equal(FlowDirection.FromResponder, f.Direction));
        Assert.Equal(9, sink.Facts.Count); // CONNACK, SUBACK, 2 PUBLISH, 5 PINGRESP
        Assert.True(dissector.WantsMoreData);
        dissector.OnGap(FlowDirection.FromResponder, 1, DissectorRun.T0, sink);
        Assert.False(dissector.WantsMoreData);
    }

    [Fact]
    public void OnEnd_InsidePacket_CountsTruncation()
    {
        var dissector = new MqttStreamDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromOriginator, MqttCaptureVectors.LiveV5Publish[0].Bytes.AsSpan(0, 20), DissectorRun.T0, sink);
        dissector.OnEnd(DissectorRun.T0, sink);

        Assert.Equal(["mqtt:truncated_packet"], sink.Anomalies);
        Assert.Empty(sink.Facts);
    }

    [Fact]
    public void Publish_Qos3_CountedAndSkipped()
    {
        var dissector = new MqttStreamDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromResponder, [0x36, 0x04, 0, 1, 0x61, 0x62, 0xd0, 0x00], DissectorRun.T0, sink);

        Assert.Equal(["mqtt:bad_publish"], sink.Anomalies);
        Assert.Equal("PINGRESP", Assert.IsType<MqttPacket>(Assert.Single(sink.Facts)).Type);
    }

    [Fact]
    public void Publish_TopicLongerThanPacket_CountedAndSkipped()
    {
        var dissector = new MqttStreamDissector();
        var sink = new FactRecorder();
        dissector.OnData(FlowDirection.FromResponder, [0x30, 0x04, 0, 9, 0x61, 0x62, 0xc0, 0x00], DissectorRun.T0, sink);

        Assert.Equal(["mqtt:bad_publish"], sink.Anomalies);
        Assert.Equal("PINGREQ", Assert.IsType<MqttPacket>(Assert.Single(sink.Facts)).Type);
    }
}
