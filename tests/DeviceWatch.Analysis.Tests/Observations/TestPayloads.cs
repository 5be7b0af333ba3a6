using System.Text;
using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Tests.Observations;

/// <summary>Small payload builders for unit tests.</summary>
public static class TestPayloads
{
    public static Payload Http(string body, string? contentType = "application/json", string url = "/api", params KeyValuePair<string, string>[] headers) =>
        HttpBytes(Encoding.UTF8.GetBytes(body), contentType, url, headers);

    public static Payload HttpBytes(byte[] body, string? contentType, string url = "/api", params KeyValuePair<string, string>[] headers) => new()
    {
        Timestamp = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc),
        FlowUid = "C1",
        DeviceKey = "02:00:5e:10:00:01",
        Destination = "gps.example",
        Kind = PayloadKind.HttpRequest,
        Method = "POST",
        Url = url,
        ContentType = contentType,
        Headers = headers,
        Body = body,
        BodyLength = body.Length,
    };

    public static Payload Mqtt(string topic, byte[] body) => new()
    {
        Timestamp = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc),
        FlowUid = "M1",
        DeviceKey = "02:00:5e:10:00:01",
        Destination = "mqtt.example",
        Kind = PayloadKind.MqttPublish,
        Transport = Transports.TlsIntercepted,
        Topic = topic,
        Body = body,
        BodyLength = body.Length,
    };
}
