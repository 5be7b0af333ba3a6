using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;

namespace DeviceWatch.Dissect.Records;

/// <summary>
/// Turns HTTP and MQTT facts into log records and analysis payloads, the same way for every source (capture
/// replay, live capture, the proxy's decrypted streams).
/// </summary>
public static class FactRecords
{
    /// <summary>The <c>http.jsonl</c> record of a request and its response (either may be missing, not both).</summary>
    public static HttpRecord Http(PayloadOrigin origin, HttpRequestMessage? request, HttpResponseMessage? response) => new()
    {
        Ts = request?.Timestamp ?? response!.Timestamp,
        Uid = origin.FlowUid,
        Device = origin.DeviceId,
        Method = request?.Method,
        Host = request?.Host,
        Uri = request?.Target,
        Status = response?.Status,
        UserAgent = request?.Header("User-Agent"),
        RequestContentType = request?.Header("Content-Type"),
        RequestBodyLen = request?.BodyLength ?? 0,
        ResponseBodyLen = response?.BodyLength ?? 0,
        ResponseContentType = response?.Header("Content-Type"),
        Version = request?.Version ?? response?.Version,
        Transport = origin.Transport,
    };

    /// <summary>The analysis payload of a request the device sent.</summary>
    public static Payload RequestPayload(PayloadOrigin origin, HttpRequestMessage request) => new()
    {
        Timestamp = request.Timestamp,
        FlowUid = origin.FlowUid,
        DeviceKey = origin.DeviceKey,
        DeviceIp = origin.DeviceIp,
        Destination = origin.Destination,
        DestinationPort = origin.DestinationPort,
        Kind = PayloadKind.HttpRequest,
        Transport = origin.Transport,
        Method = request.Method,
        Url = request.Target,
        Headers = request.Headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToArray(),
        ContentType = request.Header("Content-Type"),
        Body = request.Body,
        BodyLength = request.BodyLength,
        BodyTruncated = request.BodyTruncated,
    };

    /// <summary>The <c>mqtt.jsonl</c> record of a control packet.</summary>
    public static MqttRecord Mqtt(PayloadOrigin origin, MqttPacket packet) => new()
    {
        Ts = packet.Timestamp,
        Uid = origin.FlowUid,
        Device = origin.DeviceId,
        Type = packet.Type,
        ClientId = packet.ClientId,
        Topic = packet.Topic ?? (packet.TopicFilters.Count > 0 ? packet.TopicFilters[0] : null),
        Qos = packet.Type == "PUBLISH" ? packet.Qos : null,
        PayloadLen = packet.Type == "PUBLISH" ? packet.PayloadLength : null,
        Username = packet.Username,
        ProtocolLevel = packet.Type == "CONNECT" ? packet.ProtocolLevel : null,
        Topics = packet.TopicFilters.Count > 0 ? packet.TopicFilters : null,
        Direction = packet.Direction == FlowDirection.FromOriginator ? "orig" : "resp",
        Transport = origin.Transport,
    };

    /// <summary>The analysis payload of a PUBLISH (topic, payload) or CONNECT (client id, user name); null for other packets.</summary>
    public static Payload? MqttPayload(PayloadOrigin origin, MqttPacket packet)
    {
        switch (packet.Type)
        {
            case "PUBLISH":
                return Base(origin, packet.Timestamp, PayloadKind.MqttPublish) with
                {
                    Topic = packet.Topic,
                    ContentType = packet.ContentType,
                    Headers = packet.UserProperties,
                    Body = packet.Payload,
                    BodyLength = packet.PayloadLength,
                    BodyTruncated = packet.Payload.Length < packet.PayloadLength,
                };
            case "CONNECT":
                var headers = new List<KeyValuePair<string, string>>(2);
                if (packet.ClientId is { Length: > 0 } clientId)
                {
                    headers.Add(KeyValuePair.Create("client_id", clientId));
                }

                if (packet.Username is { Length: > 0 } username)
                {
                    headers.Add(KeyValuePair.Create("username", username));
                }

                return Base(origin, packet.Timestamp, PayloadKind.MqttConnect) with { Headers = headers };
            default:
                return null;
        }
    }

    /// <summary>
    /// The analysis payload of a WebSocket text or binary message (fragments joined, masking removed);
    /// <paramref name="url"/> is the target of the upgrade request. The content type is left to sniffing (JSON,
    /// protobuf… are common in both text and binary messages).
    /// </summary>
    public static Payload WebSocketPayload(
        PayloadOrigin origin, DateTime timestamp, string? url, ReadOnlyMemory<byte> body, long length, bool truncated) =>
        Base(origin, timestamp, PayloadKind.WebSocketMessage) with
        {
            Url = url,
            Body = body,
            BodyLength = length,
            BodyTruncated = truncated,
        };

    private static Payload Base(PayloadOrigin origin, DateTime timestamp, PayloadKind kind) => new()
    {
        Timestamp = timestamp,
        FlowUid = origin.FlowUid,
        DeviceKey = origin.DeviceKey,
        DeviceIp = origin.DeviceIp,
        Destination = origin.Destination,
        DestinationPort = origin.DestinationPort,
        Kind = kind,
        Transport = origin.Transport,
    };
}
