namespace DeviceWatch.Capture.Reassembly;

/// <summary>What identifies the fragments of one IPv6 packet (RFC 8200 section 4.5): source, destination, identification.</summary>
internal readonly record struct Ipv6FragmentKey(UInt128 Source, UInt128 Destination, uint Identification);
