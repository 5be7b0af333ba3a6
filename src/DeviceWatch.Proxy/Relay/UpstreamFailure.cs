namespace DeviceWatch.Proxy.Relay;

/// <summary>Why the upstream could not be reached; <paramref name="Status"/> is what the client is answered (502 or 504).</summary>
internal sealed record UpstreamFailure(int Status, string Reason, string Message);
