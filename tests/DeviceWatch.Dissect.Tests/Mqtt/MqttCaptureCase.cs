using DeviceWatch.Dissect.Tests.Tls;

namespace DeviceWatch.Dissect.Tests.Mqtt;

/// <summary>A captured MQTT connection and the packet types tshark 4.0 finds in it (&gt; originator, &lt; responder).</summary>
internal sealed record MqttCaptureCase(string Name, Segment[] Segments, string TsharkTypes)
{
    public override string ToString() => Name;

    public static readonly MqttCaptureCase[] All =
    [
        new("zeek/mqtt paho 3.1", MqttCaptureVectors.ZeekPaho, ">1 <2 >8 <9 <3 >12 <13 <3 >12 <13 >12 <13 >12 <13 >12 <13"),
        new("zeek/mqtt paho 3.1 two packets in a segment", MqttCaptureVectors.ZeekPahoSecond, ">1 >3 >14 <2"),
        new("ndpi/mqtt device", MqttCaptureVectors.NdpiDevice, ">1 >8 <2 <9 >3 <3 >14"),
        new("ndpi/mqtt azure connect", MqttCaptureVectors.NdpiSecond, ">1"),
        new("ndpi/coap_mqtt on port 17501", MqttCaptureVectors.CoapMqttPort17501,
            ">1 <2 >3 <4 >8 <9 <3 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3 <4 <3 >4 >3"),
        new("live mosquitto_pub MQTT 5 with properties", MqttCaptureVectors.LiveV5Publish, ">1 <2 >3 <4 >14"),
        new("live mosquitto_pub MQTT 3.1.1 QoS 2 retained with will", MqttCaptureVectors.LiveV311PublishQos2, ">1 <2 >3 <5 >6 <7 >14"),
        new("live mosquitto_pub MQTT 3.1", MqttCaptureVectors.LiveV31, ">1 <2 >3 >14"),
        new("live mosquitto_sub MQTT 5 subscribe/unsubscribe", MqttCaptureVectors.LiveV5Subscribe, ">1 <2 >8 <9 >10 <3 >4 <11 >14"),
        new("live mosquitto_sub MQTT 3.1.1", MqttCaptureVectors.LiveV311Subscribe, ">1 <2 >8 <9 <3 >14"),
    ];

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }
        return data;
    }

    public static MqttCaptureCase Named(string name) => All.Single(c => c.Name == name);
}
