using System.Buffers.Binary;
using CsCheck;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

public sealed class Ipv6DefragmenterTests
{
    private static readonly DateTime T0 = new(2012, 3, 7, 0, 37, 58, DateTimeKind.Utc);

    private readonly Ipv6Defragmenter _defragmenter = new();

    public static TheoryData<int[]> ThreeFragmentOrders =>
        [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];

    [Fact]
    public void Add_TwoFragments_ReturnsOriginalPacketWithoutFragmentHeader()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(1_500));
        byte[][] fragments = Ipv6Packets.Split(packet, id: 0x0102_0304, 1_232);
        Assert.Equal(44, fragments[0][6]);

        Assert.Null(_defragmenter.Add(fragments[0], T0));
        byte[]? result = _defragmenter.Add(fragments[1], T0);

        Assert.Equal(packet, result);
        Assert.Equal(17, result![6]);
        Assert.Equal(1_500, BinaryPrimitives.ReadUInt16BigEndian(result.AsSpan(4)));
        Assert.Equal(1, _defragmenter.Completed);
    }

    [Theory]
    [MemberData(nameof(ThreeFragmentOrders))]
    public void Add_ThreeFragmentsAnyOrder_ReturnsOriginalOnLast(int[] order)
    {
        byte[] packet = Ipv6Packets.Packet(Payload(3_238));
        byte[][] fragments = Ipv6Packets.Split(packet, id: 2, 1_432, 1_432);

        Assert.Null(_defragmenter.Add(fragments[order[0]], T0));
        Assert.Null(_defragmenter.Add(fragments[order[1]], T0));
        Assert.Equal(packet, _defragmenter.Add(fragments[order[2]], T0));
    }

    [Fact]
    public void Add_HopByHopBeforeFragmentHeader_KeptWithItsNextHeaderRestored()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(100), protocol: 58, hopByHop: true);
        byte[][] fragments = Ipv6Packets.Split(packet, id: 5, 48);
        Assert.Equal(0, fragments[0][6]);
        Assert.Equal(44, fragments[0][40]);

        _defragmenter.Add(fragments[1], T0);
        byte[]? result = _defragmenter.Add(fragments[0], T0);

        Assert.Equal(packet, result);
        Assert.Equal(58, result![40]);
    }

    [Fact]
    public void Add_AtomicFragment_ReturnedAtOnce()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(30));
        byte[] atomic = Ipv6Packets.Fragment(packet, 0, 30, id: 1, more: false);

        Assert.Equal(packet, _defragmenter.Add(atomic, T0));
        Assert.Equal(0, _defragmenter.PendingDatagrams);
    }

    [Fact]
    public void Add_OverlappingFragments_FirstCopyWins()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(48));
        byte[] overlapping = Ipv6Packets.Fragment(packet, 8, 24, id: 3, data: Enumerable.Repeat((byte)0xAB, 24).ToArray());

        _defragmenter.Add(Ipv6Packets.Fragment(packet, 0, 16, id: 3), T0);
        _defragmenter.Add(overlapping, T0);
        byte[]? result = _defragmenter.Add(Ipv6Packets.Fragment(packet, 24, 24, id: 3), T0);

        byte[] expected = [.. packet];
        expected.AsSpan(40 + 16, 16).Fill(0xAB); // [16,32) only came from the overlapping fragment
        Assert.Equal(expected, result);
        Assert.Equal(16, _defragmenter.OverlapBytes);
    }

    [Fact]
    public void Add_MissingFragment_TimesOutOnPacketTime()
    {
        byte[][] fragments = Ipv6Packets.Split(Ipv6Packets.Packet(Payload(64)), id: 1, 32);

        _defragmenter.Add(fragments[0], T0);
        Assert.Null(_defragmenter.Add(fragments[1], T0.AddSeconds(31)));

        Assert.Equal(1, _defragmenter.TimedOut);
        Assert.Equal(1, _defragmenter.Dropped);
        Assert.Equal(0, _defragmenter.Completed);
        Assert.Equal(1, _defragmenter.Expire(T0.AddSeconds(62)));
    }

    [Fact]
    public void Add_MoreThanMaxPending_EvictsOldest()
    {
        var defragmenter = new Ipv6Defragmenter(maxPendingDatagrams: 1);
        byte[][] first = Ipv6Packets.Split(Ipv6Packets.Packet(Payload(64)), id: 1, 32);
        byte[][] second = Ipv6Packets.Split(Ipv6Packets.Packet(Payload(64)), id: 2, 32);

        defragmenter.Add(first[0], T0);
        defragmenter.Add(second[0], T0);

        Assert.Equal(1, defragmenter.Evicted);
        Assert.NotNull(defragmenter.Add(second[1], T0));
        Assert.Null(defragmenter.Add(first[1], T0));
    }

    [Fact]
    public void Add_BeyondMaximumPacketSize_Rejected()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(64));
        byte[] last = Ipv6Packets.Fragment(packet, 65_528, 16, id: 4, more: false, data: Payload(16));

        _defragmenter.Add(Ipv6Packets.Fragment(packet, 0, 32, id: 4), T0);
        Assert.Null(_defragmenter.Add(last, T0));

        Assert.Equal(1, _defragmenter.Rejected);
        Assert.Null(_defragmenter.Add(Ipv6Packets.Fragment(packet, 32, 32, id: 4), T0));
        Assert.Equal(1, _defragmenter.IgnoredFragments);
    }

    [Fact]
    public void Add_SameIdDifferentSource_KeptApart()
    {
        byte[] a = Ipv6Packets.Packet(Payload(64));
        byte[] b = Ipv6Packets.Packet(Payload(64, seed: 9), source: System.Net.IPAddress.Parse("2001:db8::99").GetAddressBytes());

        _defragmenter.Add(Ipv6Packets.Fragment(a, 0, 32, id: 7), T0);
        _defragmenter.Add(Ipv6Packets.Fragment(b, 0, 32, id: 7), T0);

        Assert.Equal(b, _defragmenter.Add(Ipv6Packets.Fragment(b, 32, 32, id: 7), T0));
        Assert.Equal(a, _defragmenter.Add(Ipv6Packets.Fragment(a, 32, 32, id: 7), T0));
    }

    [Fact]
    public void Add_NoFragmentHeader_ReturnsCopy()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(20));

        Assert.Equal(packet, _defragmenter.Add(packet, T0));
        Assert.Equal(0, _defragmenter.Malformed);
    }

    [Fact]
    public void Add_MalformedPackets_CountedNeverThrown()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(64));
        byte[] fragment = Ipv6Packets.Fragment(packet, 0, 32, id: 1);
        byte[] ipv4 = [.. fragment];
        ipv4[0] = 0x45;
        byte[] longerThanCaptured = fragment[..60];
        byte[] truncatedFragmentHeader = fragment[..44];
        BinaryPrimitives.WriteUInt16BigEndian(truncatedFragmentHeader.AsSpan(4), 4);
        byte[] jumbo = [.. fragment];
        BinaryPrimitives.WriteUInt16BigEndian(jumbo.AsSpan(4), 0);
        byte[] notMultipleOfEight = Ipv6Packets.Fragment(packet, 0, 30, id: 1, more: true);
        byte[] hopByHopRunsOff = Ipv6Packets.Fragment(Ipv6Packets.Packet(Payload(64), hopByHop: true), 0, 32, id: 1);
        hopByHopRunsOff[41] = 200;

        byte[][] malformed = [[], fragment[..39], ipv4, longerThanCaptured, truncatedFragmentHeader, jumbo, notMultipleOfEight, hopByHopRunsOff];
        foreach (byte[] bad in malformed)
        {
            Assert.Null(_defragmenter.Add(bad, T0));
        }

        Assert.Equal(malformed.Length, _defragmenter.Malformed);
        Assert.Equal(0, _defragmenter.PendingDatagrams);
    }

    [Fact]
    public void Add_EightByteFragmentsAnyDirection_ReturnsOriginal()
    {
        byte[] packet = Ipv6Packets.Packet(Payload(100));
        byte[][] fragments = Ipv6Packets.Split(packet, 11, [.. Enumerable.Repeat(8, 12)]);
        foreach (bool backward in new[] { false, true })
        {
            var defragmenter = new Ipv6Defragmenter();
            byte[]? result = null;
            foreach (byte[] fragment in backward ? fragments.Reverse() : fragments)
            {
                Assert.Null(result);
                result = defragmenter.Add(fragment, T0);
            }

            Assert.Equal(packet, result);
        }
    }

    [Fact]
    public void Add_RandomFragmentationOrderAndDuplicates_ReturnsOriginal()
    {
        Gen.Select(Gen.Byte.Array[9, 3_000], Gen.Int[1, 100].Array[1, 40], Gen.Int.Array[80], Gen.Bool).Sample(
            (payload, units, keys, hopByHop) =>
            {
                byte[] packet = Ipv6Packets.Packet(payload, hopByHop: hopByHop);
                var fragments = new List<byte[]>();
                int offset = 0;
                foreach (int unit in units)
                {
                    int size = unit * 8;
                    if (offset + size >= payload.Length)
                    {
                        break;
                    }

                    fragments.Add(Ipv6Packets.Fragment(packet, offset, size, id: 77));
                    offset += size;
                }

                fragments.Add(Ipv6Packets.Fragment(packet, offset, payload.Length - offset, id: 77));
                fragments.Add(fragments[(int)((uint)keys[0] % fragments.Count)]);
                byte[][] order = [.. fragments.Select((f, i) => (f, k: keys[i % keys.Length], i)).OrderBy(x => x.k).ThenBy(x => x.i).Select(x => x.f)];
                var defragmenter = new Ipv6Defragmenter();
                byte[]? result = null;
                foreach (byte[] fragment in order)
                {
                    result ??= defragmenter.Add(fragment, T0);
                }

                Assert.Equal(packet, result);
            },
            iter: 200,
            threads: 1);
    }

    private static byte[] Payload(int length, int seed = 1) =>
        [.. Enumerable.Range(0, length).Select(i => (byte)((i * 13) + seed))];
}
