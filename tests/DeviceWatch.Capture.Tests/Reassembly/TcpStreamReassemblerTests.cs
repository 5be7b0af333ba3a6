using System.Text;
using DeviceWatch.Capture.Reassembly;

namespace DeviceWatch.Capture.Tests.Reassembly;

public sealed class TcpStreamReassemblerTests
{
    private const uint Isn = 1_000;

    private readonly TcpStreamReassembler _reassembler = new(maxBufferedBytes: 1 << 20);
    private readonly RecordingStreamOutput _output = new();

    [Fact]
    public void OnSegment_InOrder_DeliversEachSegmentImmediately()
    {
        Syn();
        Send(0, "GET ");
        Assert.Equal("GET ", _output.Text);
        Send(4, "/ HTTP/1.1");
        Assert.Equal("GET / HTTP/1.1", _output.Text);
        Send(14, "\r\n");

        Assert.Equal(["data:4", "data:10", "data:2"], _output.Events);
        Assert.Equal(16, _reassembler.DeliveredBytes);
        Assert.Equal(0, _reassembler.BufferedBytes);
        Assert.Equal(Isn + 1 + 16, _reassembler.NextSequence);
        Assert.True(_reassembler.SawSyn);
    }

    [Fact]
    public void OnSegment_InOrder_PassesCallersBytesWithoutCopy()
    {
        var output = new SameMemoryOutput();
        byte[] payload = Encoding.ASCII.GetBytes("hello");
        _reassembler.OnSegment(Isn, [], syn: true, fin: false, output);
        output.Expected = payload;

        _reassembler.OnSegment(Isn + 1, payload, syn: false, fin: false, output);

        Assert.Equal(1, output.Calls);
        Assert.True(output.AllSame);
    }

    [Fact]
    public void OnSegment_InOrderManySegments_AllocatesNothing()
    {
        var output = new CountingStreamOutput();
        byte[] payload = new byte[1460];
        uint sequence = uint.MaxValue - 100_000; // crosses the wrap-around too
        _reassembler.OnSegment(sequence, [], syn: true, fin: false, output);
        sequence++;
        for (int i = 0; i < 10; i++, sequence += 1460)
        {
            _reassembler.OnSegment(sequence, payload, syn: false, fin: false, output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++, sequence += 1460)
        {
            _reassembler.OnSegment(sequence, payload, syn: false, fin: false, output);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(1_010 * 1460L, output.Bytes);
    }

    [Fact]
    public void OnSegment_Reordered_BuffersUntilHoleFills()
    {
        Syn();
        Send(10, "KLMNO");
        Send(5, "FGHIJ");
        Assert.Empty(_output.Events);
        Assert.Equal(10, _reassembler.BufferedBytes);

        Send(0, "ABCDE");

        Assert.Equal("ABCDEFGHIJKLMNO", _output.Text);
        Assert.Equal(["data:5", "data:5", "data:5"], _output.Events);
        Assert.Equal(0, _reassembler.BufferedBytes);
        Assert.Equal(0, _reassembler.BufferedSegments);
        Assert.Equal(10, _reassembler.PeakBufferedBytes);
    }

    [Fact]
    public void OnSegment_RetransmissionOfDeliveredData_DroppedAndCounted()
    {
        Syn();
        Send(0, "abcdef");
        Send(0, "abcdef");
        Send(2, "cd");

        Assert.Equal("abcdef", _output.Text);
        Assert.Equal(8, _reassembler.RetransmittedBytes);
        Assert.Equal(6, _reassembler.DeliveredBytes);
    }

    [Fact]
    public void OnSegment_PartialOverlapWithDelivered_KeepsFirstCopyUsesOnlyNewPart()
    {
        Syn();
        Send(0, "abcd");
        Send(2, "XXefgh");

        Assert.Equal("abcdefgh", _output.Text);
        Assert.Equal(2, _reassembler.RetransmittedBytes);
    }

    [Fact]
    public void OnSegment_PartialOverlapWithBuffered_FirstCopyWins()
    {
        Syn();
        Send(4, "BBBB");     // buffered [4,8)
        Send(2, "xxyyyyzz"); // [2,10): only [2,4) and [8,10) are new
        Send(0, "00");

        Assert.Equal("00xxBBBBzz", _output.Text);
        Assert.Equal(4, _reassembler.OverlapBytes);
        Assert.Equal(1, _reassembler.InconsistentOverlaps);
        Assert.Equal(10, _reassembler.DeliveredBytes);
    }

    [Fact]
    public void OnSegment_InOrderSegmentOverlappingBuffered_BufferedCopyWins()
    {
        Syn();
        Send(4, "BBBB");
        Send(0, "0123456789");

        Assert.Equal("0123BBBB89", _output.Text);
        Assert.Equal(["data:4", "data:4", "data:2"], _output.Events);
        Assert.Equal(4, _reassembler.OverlapBytes);
        Assert.Equal(1, _reassembler.InconsistentOverlaps);
    }

    [Fact]
    public void OnSegment_FullDuplicateOfBuffered_CountedAsConsistentOverlap()
    {
        Syn();
        Send(5, "world");
        Send(5, "world");
        Send(0, "hello");

        Assert.Equal("helloworld", _output.Text);
        Assert.Equal(5, _reassembler.OverlapBytes);
        Assert.Equal(0, _reassembler.InconsistentOverlaps);
    }

    [Fact]
    public void OnSegment_SegmentSpanningSeveralBufferedPieces_FillsOnlyHoles()
    {
        Syn();
        Send(2, "cc");
        Send(6, "gg");
        Send(10, "kk");
        Send(1, "BCDEFGHIJKLM"); // [1,13)
        Assert.Empty(_output.Events);
        Send(0, "a");

        Assert.Equal("aBccEFggIJkkM", _output.Text);
        Assert.Equal(6, _reassembler.OverlapBytes);
        Assert.Equal(1, _reassembler.InconsistentOverlaps);
        Assert.Equal(0, _reassembler.BufferedBytes);
    }

    [Fact]
    public void Close_WithHoles_ReportsGapBeforeEachBufferedPiece()
    {
        Syn();
        Send(0, "0123456789");
        Send(20, "KLMNOPQRST");
        Send(35, "xyz");

        _reassembler.Close(_output);

        Assert.Equal(["data:10", "gap:10", "data:10", "gap:5", "data:3"], _output.Events);
        Assert.Equal(15, _reassembler.MissedBytes);
        Assert.Equal(23, _reassembler.DeliveredBytes);
        Assert.Equal(2, _reassembler.Gaps);
        Assert.True(_reassembler.IsFinished);
        Assert.True(_reassembler.IsClosed);
        Assert.Equal(0, _reassembler.BufferedBytes);
    }

    [Fact]
    public void Close_FinSeenButDataMissing_ReportsGapUpToFin()
    {
        Syn();
        Send(0, "abc");
        Send(10, "", fin: true);
        Assert.False(_reassembler.IsFinished);

        _reassembler.Close(_output);

        Assert.Equal(["data:3", "gap:7"], _output.Events);
        Assert.Equal(7, _reassembler.MissedBytes);
    }

    [Fact]
    public void OnSegment_AfterClose_Ignored()
    {
        Syn();
        Send(0, "abc");
        _reassembler.Close(_output);
        Send(3, "def");

        Assert.Equal("abc", _output.Text);
        Assert.Equal(3, _reassembler.BytesAfterClose);
    }

    [Fact]
    public void OnSegment_BufferCapExceeded_SkipsHoleAndDeliversBuffered()
    {
        var reassembler = new TcpStreamReassembler(maxBufferedBytes: 100);
        reassembler.OnSegment(Isn, [], syn: true, fin: false, _output);
        byte[] chunk = new byte[30];
        for (int i = 0; i < 4; i++)
        {
            chunk.AsSpan().Fill((byte)('a' + i));
            reassembler.OnSegment(Isn + 1 + 10 + (uint)(30 * i), chunk, syn: false, fin: false, _output);
        }

        // Three chunks (90 bytes) fit; the fourth does not: the 10-byte hole is given up.
        Assert.Equal(["gap:10", "data:30", "data:30", "data:30", "data:30"], _output.Events);
        Assert.Equal(10, reassembler.MissedBytes);
        Assert.Equal(0, reassembler.BufferedBytes);
        Assert.Equal(90, reassembler.PeakBufferedBytes);
        Assert.Equal(new string('a', 30) + new string('b', 30) + new string('c', 30) + new string('d', 30), _output.Text);
    }

    [Fact]
    public void OnSegment_PermanentHoleWithSmallCap_MemoryStaysBounded()
    {
        const int cap = 4_096;
        var reassembler = new TcpStreamReassembler(cap);
        var output = new CountingStreamOutput();
        byte[] payload = new byte[1460];
        reassembler.OnSegment(Isn, [], syn: true, fin: false, output);

        // Byte 0 is never sent: every segment is out of order.
        for (int i = 0; i < 2_000; i++)
        {
            reassembler.OnSegment(Isn + 2 + (uint)(i * 1460), payload, syn: false, fin: false, output);
            Assert.True(reassembler.BufferedBytes <= cap);
        }

        Assert.True(reassembler.PeakBufferedBytes <= cap);
        Assert.Equal(1, reassembler.MissedBytes);
        Assert.Equal(1, reassembler.Gaps);
        Assert.Equal(2_000 * 1460L, reassembler.DeliveredBytes + reassembler.BufferedBytes);
    }

    [Fact]
    public void OnSegment_ManyTinyOutOfOrderSegments_PieceCountStaysBounded()
    {
        var reassembler = new TcpStreamReassembler(maxBufferedBytes: 1 << 20, maxBufferedSegments: 16);
        var output = new RecordingStreamOutput();
        reassembler.OnSegment(Isn, [], syn: true, fin: false, output);
        for (uint i = 0; i < 100; i++)
        {
            reassembler.OnSegment(Isn + 1 + 2 + (2 * i), [(byte)i], syn: false, fin: false, output);
            Assert.True(reassembler.BufferedSegments <= 16);
        }

        Assert.True(reassembler.MissedBytes > 0);
        Assert.Equal(reassembler.NextOffset, reassembler.DeliveredBytes + reassembler.MissedBytes);
    }

    [Fact]
    public void OnSegment_CapExceededByPieceBeforeBufferedData_PieceBecomesInOrder()
    {
        var reassembler = new TcpStreamReassembler(maxBufferedBytes: 60);
        reassembler.OnSegment(Isn, [], syn: true, fin: false, _output);
        reassembler.OnSegment(Isn + 1 + 100, new byte[50], syn: false, fin: false, _output);

        reassembler.OnSegment(Isn + 1 + 20, new byte[20], syn: false, fin: false, _output);

        Assert.Equal(["gap:20", "data:20"], _output.Events);
        Assert.Equal(50, reassembler.BufferedBytes);
        Assert.Equal(40, reassembler.NextOffset);
    }

    [Fact]
    public void OnSegment_ZeroCap_GivesUpEveryHoleAtOnce()
    {
        var reassembler = new TcpStreamReassembler(maxBufferedBytes: 0);
        reassembler.OnSegment(Isn, [], syn: true, fin: false, _output);
        reassembler.OnSegment(Isn + 1 + 5, "fghij"u8, syn: false, fin: false, _output);
        reassembler.OnSegment(Isn + 1, "abcde"u8, syn: false, fin: false, _output);

        Assert.Equal(["gap:5", "data:5"], _output.Events);
        Assert.Equal(5, reassembler.RetransmittedBytes);
    }

    [Fact]
    public void OnSegment_IsnNearWrapAround_DeliversAcrossTheWrap()
    {
        const uint isn = uint.MaxValue - 5;
        _reassembler.OnSegment(isn, [], syn: true, fin: false, _output);
        _reassembler.OnSegment(unchecked(isn + 1 + 8), "IJKLMNOP"u8, syn: false, fin: false, _output);
        _reassembler.OnSegment(unchecked(isn + 1 + 16), "QR"u8, syn: false, fin: true, _output);
        _reassembler.OnSegment(isn + 1, "ABCDEFGH"u8, syn: false, fin: false, _output);

        Assert.Equal("ABCDEFGHIJKLMNOPQR", _output.Text);
        Assert.True(_reassembler.IsFinished);
        Assert.Equal(unchecked(isn + 1 + 18), _reassembler.NextSequence);
        Assert.Equal(13u, _reassembler.NextSequence);
    }

    [Fact]
    public void OnSegment_SynWithData_DeliversDataAfterSynSequence()
    {
        _reassembler.OnSegment(Isn, "hello"u8, syn: true, fin: false, _output);
        _reassembler.OnSegment(Isn + 6, "world"u8, syn: false, fin: false, _output);
        _reassembler.OnSegment(Isn, "hello"u8, syn: true, fin: false, _output); // SYN retransmitted

        Assert.Equal("helloworld", _output.Text);
        Assert.Equal(Isn + 1, _reassembler.InitialSequence);
        Assert.Equal(5, _reassembler.RetransmittedBytes);
    }

    [Fact]
    public void OnSegment_DataAfterFin_Ignored()
    {
        Syn();
        Send(0, "abcdef", fin: true);
        Assert.True(_reassembler.IsFinished);
        Send(6, "ghi");
        Send(3, "DEFGHI"); // the part before the FIN is a retransmission, the rest lies beyond it

        Assert.Equal("abcdef", _output.Text);
        Assert.Equal(6, _reassembler.BeyondFinBytes);
        Assert.Equal(3, _reassembler.RetransmittedBytes);
    }

    [Fact]
    public void OnSegment_FinArrivesBeforeHoleFills_FinishesWhenHoleFills()
    {
        Syn();
        Send(5, "fgh", fin: true);
        Send(20, "junk"); // beyond the FIN
        Assert.False(_reassembler.IsFinished);
        Assert.True(_reassembler.SawFin);

        Send(0, "abcde");

        Assert.Equal("abcdefgh", _output.Text);
        Assert.True(_reassembler.IsFinished);
        Assert.Equal(4, _reassembler.BeyondFinBytes);
    }

    [Fact]
    public void OnSegment_FinBehindBufferedData_DropsBufferedBytesBeyondIt()
    {
        Syn();
        Send(10, "0123456789"); // buffered [10,20)
        Send(5, "fghij", fin: true); // FIN at 10

        Send(0, "abcde");

        Assert.Equal("abcdefghij", _output.Text);
        Assert.Equal(10, _reassembler.BeyondFinBytes);
        Assert.Equal(0, _reassembler.BufferedBytes);
        Assert.True(_reassembler.IsFinished);
    }

    [Fact]
    public void OnSegment_NoSyn_FirstSegmentSetsStart()
    {
        _reassembler.OnSegment(5_000, "world"u8, syn: false, fin: false, _output);
        _reassembler.OnSegment(4_995, "hello"u8, syn: false, fin: false, _output); // before the start
        _reassembler.OnSegment(5_005, "!"u8, syn: false, fin: false, _output);

        Assert.Equal("world!", _output.Text);
        Assert.False(_reassembler.SawSyn);
        Assert.True(_reassembler.IsStarted);
        Assert.Equal(5_000u, _reassembler.InitialSequence);
        Assert.Equal(5, _reassembler.RetransmittedBytes);
    }

    [Fact]
    public void OnSegment_FarOutsideWindow_DroppedAsBogus()
    {
        Syn();
        Send(0, "abc");
        _reassembler.OnSegment(Isn + 4 + 0x5000_0000u, "far ahead"u8, syn: false, fin: true, _output);
        _reassembler.OnSegment(unchecked(Isn + 4 - 0x5000_0000u), "far behind"u8, syn: false, fin: false, _output);
        Send(3, "def");

        Assert.Equal("abcdef", _output.Text);
        Assert.Equal(2, _reassembler.BogusSegments);
        Assert.Equal(0, _reassembler.BufferedBytes);
        Assert.False(_reassembler.SawFin);
    }

    [Fact]
    public void OnSegment_WithinWindowButFarAhead_BufferedNotBogus()
    {
        Syn();
        _reassembler.OnSegment(Isn + 1 + 0x3000_0000u, "x"u8, syn: false, fin: false, _output);

        Assert.Equal(0, _reassembler.BogusSegments);
        Assert.Equal(1, _reassembler.BufferedBytes);
        _reassembler.Close(_output);
        Assert.Equal(["gap:805306368", "data:1"], _output.Events);
    }

    [Fact]
    public void OnSegment_OutOfOrderAppendsToPreviousPiece_KeepsOnePiece()
    {
        Syn();
        Send(10, "a");
        Send(11, "b");
        Send(12, "c");

        Assert.Equal(1, _reassembler.BufferedSegments);
        Assert.Equal(3, _reassembler.BufferedBytes);
        Send(0, "0123456789");
        Assert.Equal("0123456789abc", _output.Text);
    }

    [Fact]
    public void OnSegment_StreamSplitAtEveryOffsetEitherOrder_DeliversSameBytes()
    {
        byte[] stream = Encoding.ASCII.GetBytes("POST /v1/location HTTP/1.1\r\nHost: gps.example\r\n\r\n{\"lat\":1}");
        for (int cut = 0; cut <= stream.Length; cut++)
        {
            foreach (bool reversed in new[] { false, true })
            {
                var reassembler = new TcpStreamReassembler(maxBufferedBytes: 1 << 16);
                var output = new RecordingStreamOutput();
                reassembler.OnSegment(Isn, [], syn: true, fin: false, output);
                (int Offset, byte[] Data)[] pieces = [(0, stream[..cut]), (cut, stream[cut..])];
                foreach ((int offset, byte[] data) in reversed ? pieces.Reverse() : pieces)
                {
                    reassembler.OnSegment(Isn + 1 + (uint)offset, data, syn: false, fin: offset + data.Length == stream.Length, output);
                }

                Assert.Equal(stream, output.Data);
                Assert.True(reassembler.IsFinished);
            }
        }
    }

    [Fact]
    public void OnSegment_ByteByByteForwardAndBackward_DeliversSameBytes()
    {
        byte[] stream = Encoding.ASCII.GetBytes("GET /track?imei=356938035643809 HTTP/1.1\r\n\r\n");
        foreach (bool backward in new[] { false, true })
        {
            var reassembler = new TcpStreamReassembler(maxBufferedBytes: 1 << 16);
            var output = new RecordingStreamOutput();
            reassembler.OnSegment(Isn, [], syn: true, fin: false, output);
            for (int i = 0; i < stream.Length; i++)
            {
                int at = backward ? stream.Length - 1 - i : i;
                reassembler.OnSegment(Isn + 1 + (uint)at, stream.AsSpan(at, 1), syn: false, fin: false, output);
            }

            Assert.Equal(stream, output.Data);
            Assert.Equal(0, reassembler.BufferedBytes);
        }
    }

    [Fact]
    public void Constructor_NegativeCap_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TcpStreamReassembler(-1));

    private void Syn() => _reassembler.OnSegment(Isn, [], syn: true, fin: false, _output);

    private void Send(int offset, string data, bool fin = false) =>
        _reassembler.OnSegment(Isn + 1 + (uint)offset, Encoding.ASCII.GetBytes(data), syn: false, fin, _output);
}
