namespace DeviceWatch.Synth.Lab;

/// <summary>One HTTP request and its response status.</summary>
/// <param name="Time">Time of the connection's SYN.</param>
/// <param name="DeviceId">Sending device.</param>
/// <param name="Method">Request method.</param>
/// <param name="Host">Host header.</param>
/// <param name="Uri">Request target.</param>
/// <param name="ContentType">Request Content-Type, or null.</param>
/// <param name="Body">Request body before compression (UTF-8), or null.</param>
/// <param name="StatusCode">Response status.</param>
public sealed record LabHttpRequest(
    DateTime Time,
    string DeviceId,
    string Method,
    string Host,
    string Uri,
    string? ContentType,
    string? Body,
    int StatusCode);
