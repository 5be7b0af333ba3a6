namespace DeviceWatch.Capture.Reassembly;

/// <summary>What identifies the fragments of one IPv4 datagram (RFC 791): source, destination, protocol, identification.</summary>
internal readonly record struct Ipv4FragmentKey(uint Source, uint Destination, byte Protocol, ushort Identification);
