using System.Buffers.Binary;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Bulk;

/// <summary>
/// One frame of a session template with the fields that change per instance already taken out of its checksums:
/// MAC of the client, IP identification and addresses, ports, TCP sequence/ack or DNS id.
/// </summary>
internal sealed class PacketTemplate
{
    public const int IpOffset = 14;
    public const int L4Offset = 34;

    public PacketTemplate(byte[] frame, bool fromClient, long offsetTicks)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(12)) != FrameBuilder.EtherTypeIpv4 || (frame[IpOffset] & 0x0F) != 5)
        {
            throw new ArgumentException("Bulk templates are untagged IPv4 frames without IP options.", nameof(frame));
        }

        Frame = frame;
        FromClient = fromClient;
        OffsetTicks = offsetTicks;
        var protocol = frame[IpOffset + 9];
        IsTcp = protocol == 6;

        var ip = (byte[])frame[IpOffset..(IpOffset + 20)].Clone();
        ip.AsSpan(4, 2).Clear();   // identification
        ip.AsSpan(10, 2).Clear();  // checksum
        ip.AsSpan(12, 8).Clear();  // addresses
        IpBaseSum = InternetChecksum.Add(0, ip);

        var l4 = frame.AsSpan(L4Offset).ToArray();
        l4.AsSpan(0, 4).Clear(); // ports
        if (IsTcp)
        {
            Sequence = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(L4Offset + 4));
            Acknowledgment = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(L4Offset + 8));
            HasAck = (frame[L4Offset + 13] & (byte)TcpFlags.Ack) != 0;
            l4.AsSpan(4, 8).Clear();
            l4.AsSpan(16, 2).Clear();
        }
        else
        {
            l4.AsSpan(6, 2).Clear();  // UDP checksum
            l4.AsSpan(8, 2).Clear();  // DNS id
        }

        L4BaseSum = InternetChecksum.Add(0, l4) + protocol + (ulong)l4.Length;
    }

    public byte[] Frame { get; }

    public bool FromClient { get; }

    /// <summary>Time from the session's first packet.</summary>
    public long OffsetTicks { get; }

    public bool IsTcp { get; }

    /// <summary>TCP sequence relative to the sender's ISN (templates use ISN 0).</summary>
    public uint Sequence { get; }

    /// <summary>TCP acknowledgment relative to the peer's ISN.</summary>
    public uint Acknowledgment { get; }

    public bool HasAck { get; }

    public ulong IpBaseSum { get; }

    public ulong L4BaseSum { get; }

    public int PayloadLength => Frame.Length - L4Offset - (IsTcp ? (Frame[L4Offset + 12] >> 4) * 4 : 8);
}
