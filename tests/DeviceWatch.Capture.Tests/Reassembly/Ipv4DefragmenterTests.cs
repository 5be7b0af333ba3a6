using System.Buffers.Binary;
using CsCheck;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

public sealed class Ipv4DefragmenterTests
{
    private static readonly DateTime T0 = new(2001, 9, 9, 1, 46, 40, DateTimeKind.Utc);

    private readonly Ipv4Defragmenter _defragmenter = new();

    public static TheoryData<int[]> ThreeFragmentOrders =>
        [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    [Fact]
    public void Add_TwoFragmentsInOrder_ReturnsOriginalDatagram()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(100));
        byte[][] fragments = Ipv4Packets.Split(datagram, 48);

        Assert.Null(_defragmenter.Add(fragments[0], T0));
        byte[]? result = _defragmenter.Add(fragments[1], T0);

        Assert.Equal(datagram, result);
        Assert.Equal(1, _defragmenter.Completed);
        Assert.Equal(0, _defragmenter.PendingDatagrams);
    }

    [Theory]
    [MemberData(nameof(ThreeFragmentOrders))]
    public void Add_ThreeFragmentsAnyOrder_ReturnsOriginalOnLast(int[] order)
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(1_000), dontFragment: false);
        byte[][] fragments = Ipv4Packets.Split(datagram, 400, 400);

        Assert.Null(_defragmenter.Add(fragments[order[0]], T0));
        Assert.Null(_defragmenter.Add(fragments[order[1]], T0.AddMilliseconds(1)));
        byte[]? result = _defragmenter.Add(fragments[order[2]], T0.AddMilliseconds(2));

        Assert.Equal(datagram, result);
    }

    [Fact]
    public void Add_Completed_HeaderHasMfClearOffsetZeroLengthAndValidChecksum()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(64), id: 7, dontFragment: true);
        byte[][] fragments = Ipv4Packets.Split(datagram, 32);
        Assert.NotEqual(0, BinaryPrimitives.ReadUInt16BigEndian(fragments[1].AsSpan(6)) & 0x1FFF);

        _defragmenter.Add(fragments[1], T0);
        byte[] result = _defragmenter.Add(fragments[0], T0)!;

        Assert.Equal(84, BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(2)));
        Assert.Equal(0x4000, BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(6))); // DF kept, MF and offset clear
        Assert.True(Ipv4Packets.HeaderChecksumValid(result));
        Assert.Equal(datagram, result);
    }

    [Fact]
    public void Add_OptionsOnlyInFirstFragment_HeaderTakenFromOffsetZeroFragment()
    {
        byte[] options = [0x94, 0x04, 0x00, 0x00]; // Router Alert
        byte[] datagram = Ipv4Packets.Datagram(Payload(40), options: options);
        byte[][] fragments = Ipv4Packets.Split(datagram, 16, 16);
        Assert.Equal(0x45, fragments[2][0]);

        _defragmenter.Add(fragments[2], T0);
        _defragmenter.Add(fragments[1], T0);
        byte[]? result = _defragmenter.Add(fragments[0], T0);

        Assert.Equal(datagram, result);
        Assert.Equal(0x46, result![0]);
    }

    [Fact]
    public void Add_OverlappingFragments_FirstCopyWins()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(40));
        byte[] first = Ipv4Packets.Fragment(datagram, 0, 24);
        byte[] overlapping = Ipv4Packets.Fragment(datagram, 16, 16, data: Enumerable.Repeat((byte)0xEE, 16).ToArray());
        byte[] last = Ipv4Packets.Fragment(datagram, 24, 16);

        _defragmenter.Add(first, T0);
        _defragmenter.Add(overlapping, T0);
        byte[]? result = _defragmenter.Add(last, T0);

        // Bytes [16,24) come from the first fragment, [24,32) from the overlapping one (it arrived before "last").
        byte[] expected = [.. datagram];
        expected.AsSpan(20 + 24, 8).Fill(0xEE);
        Assert.Equal(expected[20..], result![20..]);
        Assert.Equal(16, _defragmenter.OverlapBytes);
        Assert.True(Ipv4Packets.HeaderChecksumValid(result));
    }

    [Fact]
    public void Add_DuplicateFragment_CompletesOnce()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(64));
        byte[][] fragments = Ipv4Packets.Split(datagram, 32);

        _defragmenter.Add(fragments[0], T0);
        _defragmenter.Add(fragments[0], T0);
        Assert.Equal(datagram, _defragmenter.Add(fragments[1], T0));

        Assert.Equal(1, _defragmenter.Completed);
        Assert.Equal(32, _defragmenter.OverlapBytes);
    }

    [Fact]
    public void Add_MissingFragment_TimesOutOnPacketTime()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(64), id: 1);
        byte[][] fragments = Ipv4Packets.Split(datagram, 32);
        byte[] other = Ipv4Packets.Fragment(Ipv4Packets.Datagram(Payload(64), id: 2), 0, 32);

        _defragmenter.Add(fragments[0], T0);
        _defragmenter.Add(other, T0.AddSeconds(31)); // expires datagram 1 lazily
        Assert.Equal(1, _defragmenter.TimedOut);
        Assert.Equal(1, _defragmenter.Dropped);

        Assert.Null(_defragmenter.Add(fragments[1], T0.AddSeconds(31)));
        Assert.Equal(0, _defragmenter.Completed);
    }

    [Fact]
    public void Add_LastFragmentAfterTimeoutOfOwnDatagram_DoesNotComplete()
    {
        byte[][] fragments = Ipv4Packets.Split(Ipv4Packets.Datagram(Payload(64)), 32);

        _defragmenter.Add(fragments[0], T0);
        Assert.Null(_defragmenter.Add(fragments[1], T0.AddSeconds(30.5)));

        Assert.Equal(1, _defragmenter.TimedOut);
        Assert.Equal(1, _defragmenter.PendingDatagrams);
    }

    [Fact]
    public void Add_WithinTimeout_Completes()
    {
        var defragmenter = new Ipv4Defragmenter(timeout: TimeSpan.FromSeconds(5));
        byte[] datagram = Ipv4Packets.Datagram(Payload(64));
        byte[][] fragments = Ipv4Packets.Split(datagram, 32);

        defragmenter.Add(fragments[0], T0);
        Assert.Equal(datagram, defragmenter.Add(fragments[1], T0.AddSeconds(5)));
        Assert.Equal(0, defragmenter.TimedOut);
    }

    [Fact]
    public void Expire_AfterTimeout_DropsPending()
    {
        _defragmenter.Add(Ipv4Packets.Split(Ipv4Packets.Datagram(Payload(64)), 32)[0], T0);

        Assert.Equal(0, _defragmenter.Expire(T0.AddSeconds(30)));
        Assert.Equal(1, _defragmenter.Expire(T0.AddSeconds(31)));
        Assert.Equal(0, _defragmenter.PendingDatagrams);
        Assert.Equal(1, _defragmenter.TimedOut);
    }

    [Fact]
    public void Add_MoreThanMaxPending_EvictsOldest()
    {
        var defragmenter = new Ipv4Defragmenter(maxPendingDatagrams: 2);
        byte[][][] split = [.. Enumerable.Range(1, 3).Select(id => Ipv4Packets.Split(Ipv4Packets.Datagram(Payload(64), id: (ushort)id), 32))];

        defragmenter.Add(split[0][0], T0);
        defragmenter.Add(split[1][0], T0);
        defragmenter.Add(split[2][0], T0); // evicts datagram 1

        Assert.Equal(1, defragmenter.Evicted);
        Assert.Equal(2, defragmenter.PendingDatagrams);
        Assert.NotNull(defragmenter.Add(split[2][1], T0));
        Assert.Null(defragmenter.Add(split[0][1], T0)); // its first half is gone
        Assert.Equal(1, defragmenter.Completed);
        Assert.True(defragmenter.PendingDatagrams <= 2);
    }

    [Fact]
    public void Add_BeyondMaximumDatagramSize_RejectedAndLaterFragmentsIgnored()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(64));
        byte[] first = Ipv4Packets.Fragment(datagram, 0, 32);
        byte[] oversize = Ipv4Packets.Fragment(datagram, 0, 16, more: false, data: Payload(16));
        BinaryPrimitives.WriteUInt16BigEndian(oversize.AsSpan(6), 8191); // offset 65528: ends past 65535
        FixChecksum(oversize);

        _defragmenter.Add(first, T0);
        Assert.Null(_defragmenter.Add(oversize, T0));
        Assert.Equal(1, _defragmenter.Rejected);
        Assert.Equal(1, _defragmenter.Dropped);

        Assert.Null(_defragmenter.Add(Ipv4Packets.Fragment(datagram, 32, 32), T0));
        Assert.Equal(1, _defragmenter.IgnoredFragments);
        Assert.Equal(0, _defragmenter.Completed);
    }

    [Fact]
    public void Add_LargerThanConfiguredLimit_Rejected()
    {
        var defragmenter = new Ipv4Defragmenter(maxDatagramBytes: 1_000);
        byte[][] fragments = Ipv4Packets.Split(Ipv4Packets.Datagram(Payload(1_200)), 600);

        Assert.Null(defragmenter.Add(fragments[0], T0));
        Assert.Null(defragmenter.Add(fragments[1], T0));

        Assert.Equal(1, defragmenter.Rejected);
        Assert.Equal(0, defragmenter.Completed);
    }

    [Fact]
    public void Add_ContradictingLastFragments_Rejected()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(64));
        _defragmenter.Add(Ipv4Packets.Fragment(datagram, 32, 32), T0);
        _defragmenter.Add(Ipv4Packets.Fragment(datagram, 32, 16, more: false), T0);

        Assert.Equal(1, _defragmenter.Rejected);
        Assert.Null(_defragmenter.Add(Ipv4Packets.Fragment(datagram, 0, 32), T0));
    }

    [Fact]
    public void Add_SameIdDifferentProtocolOrAddress_KeptApart()
    {
        byte[] udp = Ipv4Packets.Datagram(Payload(64), id: 9, protocol: 17);
        byte[] tcp = Ipv4Packets.Datagram(Payload(64, seed: 3), id: 9, protocol: 6);
        byte[] otherSource = Ipv4Packets.Datagram(Payload(64, seed: 5), id: 9, protocol: 17, source: 0x0A00_0001);

        _defragmenter.Add(Ipv4Packets.Fragment(udp, 0, 32), T0);
        _defragmenter.Add(Ipv4Packets.Fragment(tcp, 0, 32), T0);
        _defragmenter.Add(Ipv4Packets.Fragment(otherSource, 0, 32), T0);
        Assert.Equal(3, _defragmenter.PendingDatagrams);

        Assert.Equal(tcp, _defragmenter.Add(Ipv4Packets.Fragment(tcp, 32, 32), T0));
        Assert.Equal(otherSource, _defragmenter.Add(Ipv4Packets.Fragment(otherSource, 32, 32), T0));
        Assert.Equal(udp, _defragmenter.Add(Ipv4Packets.Fragment(udp, 32, 32), T0));
    }

    [Fact]
    public void Add_NotAFragment_ReturnsCopyWithoutState()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(10));

        Assert.Equal(datagram, _defragmenter.Add(datagram, T0));
        Assert.Equal(0, _defragmenter.PendingDatagrams);
    }

    [Fact]
    public void Add_TrailingLinkPadding_Ignored()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(24));
        byte[][] fragments = Ipv4Packets.Split(datagram, 16);

        _defragmenter.Add([.. fragments[0], 0, 0, 0, 0], T0);
        byte[]? result = _defragmenter.Add([.. fragments[1], 0xFF, 0xFF], T0);

        Assert.Equal(datagram, result);
    }

    [Fact]
    public void Add_MalformedPackets_CountedNeverThrown()
    {
        byte[] fragment = Ipv4Packets.Split(Ipv4Packets.Datagram(Payload(64)), 32)[0];
        byte[] badVersion = [.. fragment];
        badVersion[0] = 0x65;
        byte[] shortHeader = [.. fragment];
        shortHeader[0] = 0x44;
        byte[] longerThanCaptured = [.. fragment];
        BinaryPrimitives.WriteUInt16BigEndian(longerThanCaptured.AsSpan(2), 200);
        byte[] notMultipleOfEight = Ipv4Packets.Fragment(Ipv4Packets.Datagram(Payload(64)), 0, 30, more: true);

        byte[][] malformed = [[], fragment[..19], badVersion, shortHeader, longerThanCaptured, notMultipleOfEight];
        foreach (byte[] packet in malformed)
        {
            Assert.Null(_defragmenter.Add(packet, T0));
        }

        Assert.Equal(malformed.Length, _defragmenter.Malformed);
        Assert.Equal(0, _defragmenter.PendingDatagrams);
    }

    [Fact]
    public void Add_SplitAtEveryFragmentBoundaryEitherOrder_ReturnsOriginal()
    {
        byte[] datagram = Ipv4Packets.Datagram(Payload(200));
        for (int cut = 8; cut < 200; cut += 8)
        {
            byte[][] fragments = Ipv4Packets.Split(datagram, cut);
            var forward = new Ipv4Defragmenter();
            var backward = new Ipv4Defragmenter();

            Assert.Null(forward.Add(fragments[0], T0));
            Assert.Equal(datagram, forward.Add(fragments[1], T0));
            Assert.Null(backward.Add(fragments[1], T0));
            Assert.Equal(datagram, backward.Add(fragments[0], T0));
        }
    }

    [Fact]
    public void Add_RandomFragmentationOrderAndDuplicates_ReturnsOriginal()
    {
        Gen.Select(Gen.Byte.Array[1, 3_000], Gen.Int[1, 100].Array[1, 40], Gen.Int.Array[80], Gen.Int[0, 10]).Sample(
            (payload, units, keys, duplicates) =>
            {
                byte[] datagram = Ipv4Packets.Datagram(payload);
                var fragments = new List<byte[]>();
                int offset = 0;
                foreach (int unit in units)
                {
                    int size = unit * 8;
                    if (offset + size >= payload.Length)
                    {
                        break;
                    }

                    fragments.Add(Ipv4Packets.Fragment(datagram, offset, size));
                    offset += size;
                }

                fragments.Add(Ipv4Packets.Fragment(datagram, offset, payload.Length - offset));
                int pieces = fragments.Count;
                for (int i = 0; i < duplicates; i++)
                {
                    fragments.Add(fragments[(int)((uint)keys[i] % fragments.Count)]);
                }

                byte[][] order = [.. fragments.Select((f, i) => (f, k: keys[i % keys.Length], i)).OrderBy(x => x.k).ThenBy(x => x.i).Select(x => x.f)];
                var defragmenter = new Ipv4Defragmenter();
                byte[]? result = null;
                foreach (byte[] fragment in order)
                {
                    result ??= defragmenter.Add(fragment, T0);
                }

                Assert.Equal(datagram, result);
                Assert.Equal(pieces > 1 ? 1 : 0, defragmenter.Completed); // one piece is no fragment at all
            },
            iter: 200,
            threads: 1);
    }

    private static byte[] Payload(int length, int seed = 1) =>
        [.. Enumerable.Range(0, length).Select(i => (byte)((i * 31) + seed))];

    private static void FixChecksum(byte[] packet)
    {
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), 0);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(10), InternetChecksum.Compute(packet.AsSpan(0, 20)));
    }
}
