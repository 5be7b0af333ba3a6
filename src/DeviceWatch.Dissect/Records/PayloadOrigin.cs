using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Dissect.Records;

/// <summary>Where a dissected message was seen: the flow, device and destination its records and payloads carry.</summary>
/// <param name="FlowUid">Flow identifier.</param>
/// <param name="DeviceId">Device id written in log records (profile id or MAC), or null.</param>
/// <param name="DeviceKey">Key of the device for analysis (MAC, else IP).</param>
/// <param name="DeviceIp">Device IP address.</param>
/// <param name="Destination">Host name the device used, else the server address.</param>
/// <param name="DestinationPort">Server port.</param>
/// <param name="Transport">See <see cref="Transports"/>.</param>
public sealed record PayloadOrigin(
    string FlowUid,
    string? DeviceId,
    string DeviceKey,
    string? DeviceIp,
    string Destination,
    int DestinationPort,
    string Transport);
