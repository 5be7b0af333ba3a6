using System.Buffers.Binary;
using CsCheck;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Tcp;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

public sealed class TcpSessionBuilderTests
{
    [Fact]
    public void Session_AnyExchanges_SegmentsReassembleToDataWithConsistentNumbers()
    {
        var gen = Gen.Select(Gen.Select(Gen.Bool, Gen.Byte.Array[1, 40_000]).Array[0, 6], Gen.Int, Gen.Enum<TcpFault>(), Gen.UShort[536, 1460]);
        gen.Sample(sample =>
        {
            var (messages, seed, fault, mss) = sample;
            var timeline = new PacketTimeline();
            var session = new TcpSessionBuilder(timeline, TestCaptures.Client, TestCaptures.Server, TestCaptures.Start,
                new TcpSessionOptions { Seed = seed, MaximumSegmentSize = mss }).Open();
            foreach (var (fromClient, data) in messages)
            {
                session.Send(fromClient ? TcpDirection.ClientToServer : TcpDirection.ServerToClient, data, fault);
            }

            session.Close();

            var expectedClient = messages.Where(m => m.Item1).SelectMany(m => m.Item2).ToArray();
            var expectedServer = messages.Where(m => !m.Item1).SelectMany(m => m.Item2).ToArray();
            var packets = timeline.Ordered();
            Assert.True(packets.Zip(packets.Skip(1)).All(p => p.First.Timestamp <= p.Second.Timestamp), "time goes backwards");
            Assert.Equal(expectedClient, Reassemble(packets, fromClient: true, session.ClientInitialSequence, mss));
            Assert.Equal(expectedServer, Reassemble(packets, fromClient: false, session.ServerInitialSequence, mss));
            Assert.Equal(expectedClient.Length, session.ClientPayloadBytes);
            Assert.Equal(expectedServer.Length, session.ServerPayloadBytes);
            Assert.Equal(packets.Count, session.ClientPackets + session.ServerPackets);
        }, iter: 60);
    }

    [Fact]
    public void Send_BeforeOpen_Throws()
    {
        var session = new TcpSessionBuilder(new PacketTimeline(), TestCaptures.Client, TestCaptures.Server, TestCaptures.Start);
        Assert.Throws<InvalidOperationException>(() => session.ClientSends([1]));
    }

    [Fact]
    public void Send_AfterClose_Throws()
    {
        var session = new TcpSessionBuilder(new PacketTimeline(), TestCaptures.Client, TestCaptures.Server, TestCaptures.Start).Open().Close();
        Assert.Throws<InvalidOperationException>(() => session.ClientSends([1]));
    }

    [Fact]
    public void Open_WritesSynSynAckAckWithOptionsAndIsns()
    {
        var timeline = new PacketTimeline();
        var session = new TcpSessionBuilder(timeline, TestCaptures.Client, TestCaptures.Server, TestCaptures.Start,
            new TcpSessionOptions { ClientInitialSequence = 100, ServerInitialSequence = 5000 }).Open();
        var packets = timeline.Ordered();
        Assert.Equal(3, packets.Count);
        Assert.Equal([(100u, 0u, (byte)0x02), (5000u, 101u, (byte)0x12), (101u, 5001u, (byte)0x10)], packets.Select(p => (
            BinaryPrimitives.ReadUInt32BigEndian(p.Frame.AsSpan(38)),
            BinaryPrimitives.ReadUInt32BigEndian(p.Frame.AsSpan(42)),
            p.Frame[47])));
        Assert.Equal(0x80, packets[0].Frame[46]); // 32-byte header: MSS, SACK permitted, window scale
        Assert.Equal(TestCaptures.Start, packets[0].Timestamp);
        Assert.Equal(TestCaptures.Start + TcpSessionOptions.Default.RoundTripTime, packets[1].Timestamp);
        Assert.True(session.Now > packets[2].Timestamp);
    }

    private static byte[] Reassemble(IReadOnlyList<CapturedPacket> packets, bool fromClient, uint isn, int mss)
    {
        var clientMac = TestCaptures.Client.Mac.GetBytes();
        var data = new SortedDictionary<uint, byte[]>();
        foreach (var packet in packets)
        {
            var frame = packet.Frame;
            if (frame.AsSpan(6, 6).SequenceEqual(clientMac) != fromClient)
            {
                continue;
            }

            var headerLength = (frame[46] >> 4) * 4;
            var payload = frame.AsSpan(34 + headerLength).ToArray();
            Assert.True(payload.Length <= mss);
            if (payload.Length > 0)
            {
                var offset = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(38)) - isn - 1;
                if (data.TryGetValue(offset, out var existing))
                {
                    Assert.Equal(existing, payload); // a retransmission repeats the same bytes
                }

                data[offset] = payload;
            }
        }

        var stream = new List<byte>();
        foreach (var (offset, payload) in data)
        {
            Assert.Equal((uint)stream.Count, offset);
            stream.AddRange(payload);
        }

        return [.. stream];
    }
}
