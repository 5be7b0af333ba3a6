using System.Net;

namespace DeviceWatch.Synth.Lab;

/// <summary>Per-device state while a scenario is generated.</summary>
internal sealed class DeviceState(LabDevice device, IPAddress address, int firstPort, ushort firstIpId)
{
    private int _nextPort = firstPort;
    private ushort _ipId = firstIpId;

    public LabDevice Device { get; } = device;

    public IPAddress Address { get; } = address;

    /// <summary>Name → time its cached answer expires.</summary>
    public Dictionary<string, DateTime> DnsCache { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ushort NextPort()
    {
        var port = _nextPort;
        _nextPort = _nextPort >= 60999 ? 32768 : _nextPort + 1;
        return (ushort)port;
    }

    public ushort NextIpId() => _ipId++;
}
