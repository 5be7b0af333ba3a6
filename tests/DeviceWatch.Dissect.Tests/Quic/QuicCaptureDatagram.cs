using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tests.Quic;

/// <summary>One UDP datagram of a capture, as tshark reads it.</summary>
/// <param name="Frame">tshark's frame number.</param>
/// <param name="Stream">tshark's udp.stream index (the flow).</param>
/// <param name="Direction">From the side that sent the flow's first datagram, or back.</param>
/// <param name="FirstPacketIsInitial">tshark decodes the first QUIC packet as a long-header Initial with a DCID of 8 bytes or more.</param>
internal sealed record QuicCaptureDatagram(int Frame, int Stream, FlowDirection Direction, byte[] Payload, bool FirstPacketIsInitial);
