namespace DeviceWatch.Dissect.Http;

/// <summary>Framing decided for one message: kind, Content-Length, or the anomaly that makes it invalid.</summary>
internal readonly record struct HttpFramingResult(HttpBodyFraming Framing, long Length = 0, string? Anomaly = null);
