using System.Formats.Cbor;
using CsCheck;
using DeviceWatch.Analysis.Decoding;

namespace DeviceWatch.Analysis.Tests.Decoding;

public sealed class CborWellFormednessTests
{
    // What CborDecoder's reader accepts: the same Read calls on every item, one item, nothing after it.
    private static bool ReaderAccepts(byte[] data)
    {
        try
        {
            var reader = new CborReader(data, CborConformanceMode.Lax, allowMultipleRootLevelValues: false);
            ReadItem(reader, 0);
            return reader.BytesRemaining == 0;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException
                                       or ArgumentException)
        {
            return false;
        }
    }

    private static void ReadItem(CborReader reader, int depth)
    {
        if (depth > CborWellFormedness.MaxNesting)
        {
            throw new InvalidOperationException("too deep");
        }

        switch (reader.PeekState())
        {
            case CborReaderState.StartMap:
                reader.ReadStartMap();
                while (reader.PeekState() != CborReaderState.EndMap)
                {
                    ReadItem(reader, depth + 1);
                    ReadItem(reader, depth + 1);
                }

                reader.ReadEndMap();
                break;
            case CborReaderState.StartArray:
                reader.ReadStartArray();
                while (reader.PeekState() != CborReaderState.EndArray)
                {
                    ReadItem(reader, depth + 1);
                }

                reader.ReadEndArray();
                break;
            case CborReaderState.TextString:
            case CborReaderState.StartIndefiniteLengthTextString:
                reader.ReadTextString();
                break;
            case CborReaderState.ByteString:
            case CborReaderState.StartIndefiniteLengthByteString:
                reader.ReadByteString();
                break;
            case CborReaderState.UnsignedInteger:
                reader.ReadUInt64();
                break;
            case CborReaderState.NegativeInteger:
                reader.ReadCborNegativeIntegerRepresentation();
                break;
            case CborReaderState.HalfPrecisionFloat:
            case CborReaderState.SinglePrecisionFloat:
                reader.ReadSingle();
                break;
            case CborReaderState.DoublePrecisionFloat:
                reader.ReadDouble();
                break;
            case CborReaderState.Boolean:
                reader.ReadBoolean();
                break;
            case CborReaderState.Null:
                reader.ReadNull();
                break;
            case CborReaderState.Tag:
                reader.ReadTag();
                ReadItem(reader, depth + 1);
                break;
            default:
                reader.SkipValue();
                break;
        }
    }

    private static readonly Gen<byte[]> Documents = Gen.Int[0, int.MaxValue].Select(seed =>
    {
        var random = new Random(seed);
        var writer = new CborWriter(CborConformanceMode.Lax, convertIndefiniteLengthEncodings: false);
        WriteItem(writer, random, 0);
        return writer.Encode();
    });

    private static void WriteItem(CborWriter writer, Random random, int depth)
    {
        switch (random.Next(depth > 4 ? 8 : 12))
        {
            case 0: writer.WriteInt64(random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64)); break;
            case 1: writer.WriteTextString(new string('é', random.Next(3)) + "lat" + random.Next(1000)); break;
            case 2: writer.WriteByteString(Enumerable.Range(0, random.Next(40)).Select(_ => (byte)random.Next(256)).ToArray()); break;
            case 3: writer.WriteDouble(random.NextDouble() * 180 - 90); break;
            case 4: writer.WriteSingle((float)random.NextDouble()); break;
            case 5: writer.WriteHalf((Half)random.NextDouble()); break;
            case 6: writer.WriteBoolean(random.Next(2) == 0); break;
            case 7: if (random.Next(2) == 0) { writer.WriteNull(); } else { writer.WriteSimpleValue((CborSimpleValue)random.Next(32, 256)); } break;
            case 8:
            case 9:
            {
                var n = random.Next(5);
                var definite = random.Next(3) > 0;
                writer.WriteStartMap(definite ? n : null);
                for (var i = 0; i < n; i++)
                {
                    writer.WriteTextString("k" + i);
                    WriteItem(writer, random, depth + 1);
                }

                writer.WriteEndMap();
                break;
            }

            case 10:
            {
                var n = random.Next(5);
                var definite = random.Next(3) > 0;
                writer.WriteStartArray(definite ? n : null);
                for (var i = 0; i < n; i++)
                {
                    WriteItem(writer, random, depth + 1);
                }

                writer.WriteEndArray();
                break;
            }

            default:
                if (random.Next(2) == 0)
                {
                    writer.WriteTag((CborTag)random.Next(0, 100_000));
                    WriteItem(writer, random, depth + 1);
                }
                else
                {
                    writer.WriteStartIndefiniteLengthTextString();
                    writer.WriteTextString("ab");
                    writer.WriteTextString("ç");
                    writer.WriteEndIndefiniteLengthTextString();
                }

                break;
        }
    }

    [Fact]
    public void WrittenDocuments_WellFormed_AsTheReaderSays() =>
        Documents.Sample(data => Assert.True(CborWellFormedness.IsOneItem(data) && ReaderAccepts(data), Convert.ToHexString(data)), iter: 3000);

    [Fact]
    public void CutAndMutatedDocuments_SameAnswerAsTheReader()
    {
        // Every byte sequence the check accepts the reader reads without throwing, and every one it refuses the
        // reader refuses too: the decoder's results are the same as without the check, minus the exceptions.
        var mutated = Gen.Select(Documents, Gen.Int[0, 3], Gen.Int[0, int.MaxValue], (data, how, seed) =>
        {
            var random = new Random(seed);
            var copy = data.ToArray();
            switch (how)
            {
                case 0 when copy.Length > 1: return copy[..random.Next(copy.Length)];
                case 1: copy[random.Next(copy.Length)] = (byte)random.Next(256); return copy;
                case 2: return [.. copy, (byte)random.Next(256)];
                default: return Enumerable.Range(0, random.Next(1, 24)).Select(_ => (byte)random.Next(256)).ToArray();
            }
        });
        mutated.Sample(data => Assert.True(CborWellFormedness.IsOneItem(data) == ReaderAccepts(data), Convert.ToHexString(data)), iter: 20_000);
    }

    [Theory]
    [InlineData("A0", true)] // {}
    [InlineData("BF FF", true)] // {_ }
    [InlineData("BF 61 61 FF", false)] // {_ "a" } : a key without a value
    [InlineData("9F 01 02 FF", true)] // [_ 1, 2]
    [InlineData("FF", false)] // a break outside any container
    [InlineData("A1 61 61", false)] // a map cut before its value
    [InlineData("F8 1F", true)] // a one-byte simple value below 32: not well-formed by RFC 8949, taken in lax mode
    [InlineData("7F 61 61 41 62 FF", false)] // a text chunk that is a byte string
    [InlineData("62 C3 28", true)] // a text string that is not UTF-8: taken in lax mode
    [InlineData("1C", false)] // reserved additional information
    [InlineData("01 02", false)] // two items
    [InlineData("C1 FB 41 D0 00 00 00 00 00 00", true)] // a tag around a double
    public void Examples(string hex, bool wellFormed)
    {
        var data = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal((wellFormed, wellFormed), (CborWellFormedness.IsOneItem(data), ReaderAccepts(data)));
    }
}
