using System.Text;
using CsCheck;
using DeviceWatch.Dissect.Dns;

namespace DeviceWatch.Dissect.Tests.Dns;

public sealed class DnsMessageParserRobustnessTests
{
    private static readonly DateTime Timestamp = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> ValidMessages => new()
    {
        { nameof(DnsTestVectors.Response) },
        { nameof(DnsTestVectors.WhatsappResponse) },
        { nameof(DnsTestVectors.TcpdumpResponse) },
        { nameof(DnsTestVectors.MdnsAnnouncement) },
        { nameof(DnsTestVectors.MdnsQuery) },
    };

    private static byte[] Vector(string name) =>
        (byte[])typeof(DnsTestVectors).GetField(name)!.GetValue(null)!;

    [Fact]
    public void TryParse_PointerToItself_IsBadPointerNotHang()
    {
        // Question name at @12 is a pointer to @12.
        var datagram = DnsTestVectors.Query(1, "c00c" + "0001" + "0001");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("bad-name-pointer", anomaly);
    }

    [Fact]
    public void TryParse_TwoPointersPointingAtEachOther_IsBadPointerNotHang()
    {
        // Answer owner @19 points to @21, which points back to @19.
        var datagram = DnsTestVectors.ResponseWithQuestionA(1, "c015" + "c013" + "0001000100000001000401020304");

        var message = AssertPartial(datagram, "bad-name-pointer");

        Assert.Empty(message.Answers);
    }

    [Fact]
    public void TryParse_PointerBackIntoItsOwnLabels_IsBadPointerNotHang()
    {
        // @12: label "a" then a pointer to @12: "a.a.a.…" forever if followed.
        var datagram = DnsTestVectors.Query(1, "0161" + "c00c" + "0001" + "0001");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("bad-name-pointer", anomaly);
    }

    [Fact]
    public void TryParse_LoopInRdataName_KeepsRecordAsHex()
    {
        // CNAME rdata @31 is a pointer to itself; RDLENGTH still frames the record, so the next answer is read.
        var datagram = DnsTestVectors.ResponseWithQuestionA(2, "c00c000500010000000100" + "02" + "c01f" + "c00c000100010000000100040a000001");

        var message = AssertPartial(datagram, "bad-name-pointer");

        Assert.Equal(["c01f", "10.0.0.1"], message.Answers.Select(a => a.Data));
    }

    [Fact]
    public void TryParse_ForwardPointer_IsBadPointer()
    {
        // Question name @12 points forward to a valid name at @18: pointers must point backwards.
        var datagram = DnsTestVectors.Query(1, "c012" + "0001" + "0001" + "016100");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("bad-name-pointer", anomaly);
    }

    [Fact]
    public void TryParse_PointerBeyondMessage_IsBadPointer()
    {
        var datagram = DnsTestVectors.Query(1, "ffff" + "0001" + "0001");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("bad-name-pointer", anomaly);
    }

    [Fact]
    public void TryParse_LongChainOfBackwardPointers_HitsJumpLimit()
    {
        // Question 1 is "a"; question k (k > 1) is a pointer to question k-1: question 129 needs 128 jumps.
        var body = new StringBuilder("016100" + "00010001");
        for (var k = 1; k < 200; k++)
        {
            var previous = k == 1 ? 12 : 12 + 7 + ((k - 2) * 6);
            body.Append((0xC000 | previous).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append("00010001");
        }

        var datagram = DnsTestVectors.Query(200, body.ToString());

        // The questions before the one that needs too many jumps are kept (like tshark); the bad one ends the message.
        Assert.True(DnsMessageParser.TryParse(datagram, Timestamp, out var message, out var anomaly));
        Assert.Equal("name-pointer-limit", anomaly);
        Assert.InRange(message.Questions.Count, 100, 199);
        Assert.Empty(message.Answers);
    }

    [Fact]
    public void TryParse_ChainWithinJumpLimit_Parses()
    {
        var body = new StringBuilder("016100" + "00010001");
        for (var k = 1; k < 100; k++)
        {
            var previous = k == 1 ? 12 : 12 + 7 + ((k - 2) * 6);
            body.Append((0xC000 | previous).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append("00010001");
        }

        Assert.True(DnsMessageParser.TryParse(DnsTestVectors.Query(100, body.ToString()), Timestamp, out var message, out _));
        Assert.All(message.Questions, q => Assert.Equal("a", q.Name));
    }

    [Fact]
    public void TryParse_NameOf255Bytes_Parses()
    {
        // 3 × (1 + 63) + (1 + 61) + root = 255 bytes on the wire (RFC 1035 §2.3.4 counts length octets).
        var label63 = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        var datagram = DnsTestVectors.Query(1, label63 + label63 + label63 + "3d" + string.Concat(Enumerable.Repeat("62", 61)) + "00" + "00010001");

        Assert.True(DnsMessageParser.TryParse(datagram, Timestamp, out var message, out var anomaly), anomaly);
        Assert.Equal(253, Assert.Single(message.Questions).Name.Length);
    }

    [Fact]
    public void TryParse_NameOf256Bytes_IsNameTooLong()
    {
        // 3 × (1 + 63) + (1 + 62) + root = 256 bytes on the wire.
        var label63 = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        var datagram = DnsTestVectors.Query(1, label63 + label63 + label63 + "3e" + string.Concat(Enumerable.Repeat("62", 62)) + "00" + "00010001");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("name-too-long", anomaly);
    }

    [Fact]
    public void TryParse_NameTooLongThroughPointers_IsNameTooLong()
    {
        // Question 1: 63 × "a" (64 bytes). Questions 2..5 each add a 63-byte label in front of the previous name.
        var label = "3f" + string.Concat(Enumerable.Repeat("61", 63));
        var body = new StringBuilder(label + "00" + "00010001");
        var previous = 12;
        for (var k = 1; k < 5; k++)
        {
            var start = 12 + 69 + ((k - 1) * 70);
            body.Append(label).Append((0xC000 | previous).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)).Append("00010001");
            previous = start;
        }

        // Questions 1-3 fit in 255 bytes and are kept; question 4 is too long and ends the message.
        Assert.True(DnsMessageParser.TryParse(DnsTestVectors.Query(5, body.ToString()), Timestamp, out var message, out var anomaly));
        Assert.Equal("name-too-long", anomaly);
        Assert.Equal(3, message.Questions.Count);
    }

    [Theory]
    [InlineData("40")]
    [InlineData("80")]
    public void TryParse_ReservedLabelType_IsBadLabelType(string lengthByte)
    {
        var datagram = DnsTestVectors.Query(1, lengthByte + "0000010001");

        Assert.False(DnsMessageParser.TryParse(datagram, Timestamp, out _, out var anomaly));
        Assert.Equal("bad-label-type", anomaly);
    }

    [Fact]
    public void TryParse_EveryTruncationOfHandBuiltResponse_KeepsRecordsThatParsedFully()
    {
        var full = DnsTestVectors.Response;
        for (var length = 0; length < full.Length; length++)
        {
            var ok = DnsMessageParser.TryParse(full.AsSpan(0, length), Timestamp, out var message, out var anomaly);
            if (length < 12)
            {
                Assert.False(ok);
                Assert.Equal("short-header", anomaly);
            }
            else if (length < DnsTestVectors.ResponseQuestionEnd)
            {
                Assert.False(ok);
                Assert.Equal("truncated-questions", anomaly);
            }
            else
            {
                Assert.True(ok, $"length {length}: {anomaly}");
                var complete = DnsTestVectors.ResponseAnswerEnds.Count(end => end <= length);
                Assert.Equal(complete, message!.Answers.Count);
                Assert.Equal(complete < 9 ? "truncated-answers" : "truncated-additionals", anomaly);
                Assert.Empty(message.Additionals);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void TryParse_EveryTruncationOfValidMessage_NeverThrowsAndFullParsesClean(string vector)
    {
        var full = Vector(vector);
        Assert.True(DnsMessageParser.TryParse(full, Timestamp, out var complete, out var fullAnomaly));
        Assert.Null(fullAnomaly);

        for (var length = 0; length < full.Length; length++)
        {
            if (DnsMessageParser.TryParse(full.AsSpan(0, length), Timestamp, out var message, out var anomaly))
            {
                Assert.NotNull(anomaly);
                Assert.Equal(complete.Questions.Take(message.Questions.Count), message.Questions);
                Assert.True(message.Questions.Count == complete.Questions.Count || message.Answers.Count == 0);
                Assert.True(message.Answers.Count <= complete.Answers.Count);
                Assert.Equal(complete.Answers.Take(message.Answers.Count), message.Answers);
            }
            else
            {
                Assert.Contains(anomaly, new[] { "short-header", "truncated-questions" });
            }
        }
    }

    [Fact]
    public void TryParse_RandomBytes_NeverThrows()
    {
        Gen.Byte.Array[0, 600].Sample(
            bytes =>
            {
                if (DnsMessageParser.TryParse(bytes, Timestamp, out var message, out _))
                {
                    Assert.All(message.Questions, q => Assert.True(q.Name.Length <= 4 * 255));
                }
            },
            iter: 4000,
            threads: 1);
    }

    [Fact]
    public void TryParse_RandomHeaderOverRandomBytesWithPointers_NeverThrows()
    {
        // Bias towards compression pointers and small counts so the name reader, not the header check, is exercised.
        var body = Gen.OneOf(Gen.Byte, Gen.Byte[0xC0, 0xFF], Gen.Byte[0, 12], Gen.Const((byte)0)).Array[0, 300];
        Gen.Select(Gen.UShort[0, 8], Gen.UShort[0, 8], Gen.UShort[0, 8], body).Sample(
            (questions, answers, additionals, rest) =>
            {
                var datagram = new byte[12 + rest.Length];
                datagram[5] = (byte)questions;
                datagram[7] = (byte)answers;
                datagram[11] = (byte)additionals;
                rest.CopyTo(datagram, 12);
                _ = DnsMessageParser.TryParse(datagram, Timestamp, out _, out _);
            },
            iter: 4000,
            threads: 1);
    }

    [Theory]
    [MemberData(nameof(ValidMessages))]
    public void TryParse_RandomByteFlipsOfValidMessage_NeverThrows(string vector)
    {
        var full = Vector(vector);
        Gen.Select(Gen.Int[0, full.Length - 1].Array[1, 6], Gen.Byte.Array[6]).Sample(
            (positions, values) =>
            {
                var mutated = (byte[])full.Clone();
                for (var i = 0; i < positions.Length; i++)
                {
                    mutated[positions[i]] = values[i];
                }

                _ = DnsMessageParser.TryParse(mutated, Timestamp, out _, out _);
            },
            iter: 1000,
            threads: 1);
    }

    private static DnsMessage AssertPartial(byte[] datagram, string expectedAnomaly)
    {
        Assert.True(DnsMessageParser.TryParse(datagram, Timestamp, out var message, out var anomaly));
        Assert.Equal(expectedAnomaly, anomaly);
        return message;
    }
}
