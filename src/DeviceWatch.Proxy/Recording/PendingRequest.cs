using DeviceWatch.Dissect.Http;

namespace DeviceWatch.Proxy.Recording;

/// <summary>A request waiting for its response: when its first byte was seen and which upstream it went to.</summary>
internal sealed record PendingRequest(HttpRequestMessage Request, DateTime Started, string? ServerIp);
