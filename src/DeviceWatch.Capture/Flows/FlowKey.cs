using DeviceWatch.Capture.Decoding;

namespace DeviceWatch.Capture.Flows;

/// <summary>The canonical (direction-independent) 5-tuple of a flow: the lower endpoint first.</summary>
internal readonly record struct FlowKey(IpAddressBytes LowAddress, ushort LowPort, IpAddressBytes HighAddress, ushort HighPort, byte Protocol, ushort VlanId)
{
    public static FlowKey From(in DecodedPacket packet)
    {
        var sourceFirst = packet.Source.Value < packet.Destination.Value
            || (packet.Source.Value == packet.Destination.Value && packet.SourcePort <= packet.DestinationPort);
        return sourceFirst
            ? new FlowKey(packet.Source, packet.SourcePort, packet.Destination, packet.DestinationPort, packet.Protocol, packet.VlanId)
            : new FlowKey(packet.Destination, packet.DestinationPort, packet.Source, packet.SourcePort, packet.Protocol, packet.VlanId);
    }

    /// <summary>A hash that is the same in every process (unlike <see cref="object.GetHashCode"/>), for deterministic ids.</summary>
    public ulong StableHash()
    {
        unchecked
        {
            var h = 1469598103934665603UL;
            h = (h ^ (ulong)LowAddress.Value) * 1099511628211UL;
            h = (h ^ (ulong)(LowAddress.Value >> 64)) * 1099511628211UL;
            h = (h ^ (ulong)HighAddress.Value) * 1099511628211UL;
            h = (h ^ (ulong)(HighAddress.Value >> 64)) * 1099511628211UL;
            h = (h ^ ((ulong)LowPort << 32 | (ulong)HighPort << 16 | Protocol)) * 1099511628211UL;
            return h ^ VlanId;
        }
    }
}
