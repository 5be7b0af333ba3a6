using System.Net;

namespace DeviceWatch.Synth.Lab;

/// <summary>One flow (a TCP connection, or a UDP exchange such as one DNS lookup).</summary>
/// <param name="Start">Time of the first packet.</param>
/// <param name="End">Time of the last packet.</param>
/// <param name="DeviceId">Local device.</param>
/// <param name="Transport"><c>tcp</c> or <c>udp</c>.</param>
/// <param name="Service"><c>http</c>, <c>tls</c>, <c>mqtt</c>, <c>dns</c>, <c>dhcp</c> or <c>mdns</c>.</param>
/// <param name="ClientAddress">Originator address.</param>
/// <param name="ClientPort">Originator port.</param>
/// <param name="ServerAddress">Responder address.</param>
/// <param name="ServerPort">Responder port.</param>
/// <param name="ServerName">Host name the device used (null for DNS, DHCP and mDNS).</param>
/// <param name="ClientPayloadBytes">TCP/UDP payload bytes from the originator (retransmissions excluded).</param>
/// <param name="ServerPayloadBytes">TCP/UDP payload bytes from the responder.</param>
/// <param name="ClientPackets">Packets from the originator.</param>
/// <param name="ServerPackets">Packets from the responder.</param>
public sealed record LabFlow(
    DateTime Start,
    DateTime End,
    string DeviceId,
    string Transport,
    string Service,
    IPAddress ClientAddress,
    int ClientPort,
    IPAddress ServerAddress,
    int ServerPort,
    string? ServerName,
    long ClientPayloadBytes,
    long ServerPayloadBytes,
    int ClientPackets,
    int ServerPackets);
