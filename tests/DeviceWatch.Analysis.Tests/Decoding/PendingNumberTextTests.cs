using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CsCheck;
using DeviceWatch.Analysis.Decoding;
using DeviceWatch.Analysis.Tests.Observations;

namespace DeviceWatch.Analysis.Tests.Decoding;

// Numbers keep their value and original bytes and are written as text only when read: the text, its length and
// the integer reading must be the same as when the decoders wrote the text eagerly.
public sealed class PendingNumberTextTests
{
    [Fact]
    public void DecimalDigitsCount_EveryBitLengthAndPowerOfTen_LengthOfDecimalText()
    {
        var values = new List<ulong> { 0, ulong.MaxValue, ulong.MaxValue - 1 };
        for (var b = 0; b < 64; b++)
        {
            values.AddRange([(1UL << b) - 1, 1UL << b, (1UL << b) + 1]);
        }

        for (ulong p = 1, k = 0; k < 20; k++, p *= 10)
        {
            values.AddRange([p - 1, p, p + 1]);
        }

        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            values.Add((ulong)random.NextInt64() >> random.Next(64));
        }

        foreach (var v in values)
        {
            Assert.True(v.ToString(CultureInfo.InvariantCulture).Length == DecimalDigits.Count(v), $"DecimalDigits.Count({v})");
        }
    }

    private static DecodedTree Decode(byte[] body, string contentType) =>
        PayloadDecoder.Decode(TestPayloads.HttpBytes(body, contentType), DecoderLimits.Default);

    private static DecodedNode[] Numbers(DecodedTree tree) => tree.Nodes.Where(n => n.Kind == NodeKind.Number).ToArray();

    private static void AssertConsistent(DecodedNode node, string expected)
    {
        Assert.True(node.HasPlainNumberText);
        if (!node.IsPendingFloat)
        {
            Assert.Equal(expected.Length, node.TextLength);
        }

        Assert.Equal(long.TryParse(expected, NumberStyles.None, CultureInfo.InvariantCulture, out var want), node.TryGetInteger(out var got));
        Assert.Equal(want, got);
        Assert.Equal(expected, node.Text);
        Assert.Equal(expected.Length, node.TextLength);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("39.125518")]
    [InlineData("1700000000000")]
    [InlineData("1.5e3")]
    [InlineData("-0.0")]
    [InlineData("123456789012345678901234567890")]
    public void JsonNumber_ReadLater_KeepsOriginalText(string number)
    {
        var tree = Decode(Encoding.UTF8.GetBytes($"{{\"v\":{number},\"w\":[{number}]}}"), "application/json");
        var numbers = Numbers(tree);
        Assert.Equal(2, numbers.Length);
        foreach (var n in numbers)
        {
            Assert.Equal(NumberTextParse(number), (n.TryGetNumber(out var v, out var d), v, d));
            AssertConsistent(n, number);
        }
    }

    private static (bool, double, int) NumberTextParse(string text) =>
        (DeviceWatch.Analysis.Detection.NumberText.TryParse(text, out var v, out var d), v, d);

    [Fact]
    public void ProtobufNumbers_AnyValue_TextAsWrittenBefore()
    {
        Gen.Select(Gen.ULong, Gen.UInt, Gen.ULong).Sample((varint, fixed32, fixed64) =>
        {
            var body = new List<byte> { 0x08 };
            for (var v = varint; ; v >>= 7)
            {
                body.Add((byte)(v < 0x80 ? v : (v & 0x7f) | 0x80));
                if (v < 0x80)
                {
                    break;
                }
            }

            body.Add(0x15);
            body.AddRange(BitConverter.GetBytes(fixed32));
            body.Add(0x19);
            body.AddRange(BitConverter.GetBytes(fixed64));
            var numbers = Numbers(Decode(body.ToArray(), "application/x-protobuf"));
            Assert.Equal(3, numbers.Length);
            AssertConsistent(numbers[0], varint > long.MaxValue
                ? ((long)varint).ToString(CultureInfo.InvariantCulture)
                : varint.ToString(CultureInfo.InvariantCulture));
            var f = BitConverter.UInt32BitsToSingle(fixed32);
            AssertConsistent(numbers[1], float.IsFinite(f) && Math.Abs(f) is > 1e-5f and < 1e9f
                ? f.ToString("R", CultureInfo.InvariantCulture)
                : fixed32.ToString(CultureInfo.InvariantCulture));
            var d = BitConverter.UInt64BitsToDouble(fixed64);
            var plausible = double.IsFinite(d) && (d == 0 || Math.Abs(d) is > 1e-7 and < 1e15) && fixed64 != 0;
            Assert.Equal(plausible ? d.ToString("R", CultureInfo.InvariantCulture) : fixed64.ToString(CultureInfo.InvariantCulture), numbers[2].Text);
        }, iter: 2000);
    }

    [Fact]
    public void PendingFloat_Text_WithinBoundsKnownValuesAndDetectorsRelyOn()
    {
        // The known-value search and the identifier, phone and national-id checks skip unread floats on these bounds.
        Gen.UInt.Sample(bits =>
        {
            var f = BitConverter.UInt32BitsToSingle(bits);
            if (!(float.IsFinite(f) && Math.Abs(f) is > 1e-5f and < 1e9f))
            {
                return;
            }

            var body = new byte[5];
            body[0] = 0x0d;
            BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(1), bits);
            var node = Numbers(Decode(body, "application/x-protobuf")).Single();
            Assert.True(node.IsPendingFloat);
            var text = node.Text!;
            Assert.False(node.IsPendingFloat);
            Assert.True(text.Length <= 15, text);
            Assert.All(text, c => Assert.True(char.IsAsciiDigit(c) || c is '.' or 'E' or '+' or '-', text));
            var run = 0;
            for (var i = 0; i < text.Length; i++)
            {
                run = char.IsAsciiDigit(text[i]) ? run + 1 : 0;
                Assert.True(run <= 12, text);
                if (run >= 11)
                {
                    Assert.Equal('.', text[i - run]);
                }
            }
        }, iter: 20000);
    }

    [Fact]
    public void SetRoundTripDouble_AnyDouble_SameNumberAndDecimalsAsParsingItsText()
    {
        // Wire doubles get their number from the double itself: it must be what NumberText reads from the text.
        var bits = Gen.ULong.Select(BitConverter.UInt64BitsToDouble).Where(double.IsFinite);
        var usual = Gen.Double[-180, 180];
        Gen.OneOf(bits, usual, Gen.Const(0.0), Gen.Const(-0.0), Gen.Const(1e-7), Gen.Const(39.123456789012345)).Sample(d =>
        {
            var tree = new DecodedTree(DecoderLimits.Default);
            var i = tree.Add(-1, NodeKind.Number, "#1", FieldKey.None, "protobuf");
            var text = d.ToString("R", CultureInfo.InvariantCulture);
            tree[i].SetRoundTripDouble(d, text);
            var expected = DeviceWatch.Analysis.Detection.NumberText.TryParse(text, out var value, out var decimals);
            Assert.Equal(expected, tree[i].TryGetNumber(out var gotValue, out var gotDecimals));
            if (expected)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(gotValue));
                Assert.Equal(decimals, gotDecimals);
            }

            Assert.Equal(text, tree[i].Text);
        }, iter: 20000);
    }
}
