using System.Buffers.Binary;

namespace DeviceWatch.Capture.Tests.Writing;

/// <summary>A minimal, strict reader of little-endian pcap and pcapng files, to check the writers' layout.</summary>
internal static class CaptureFileReader
{
    public static StoredCapture Read(byte[] file)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        return magic == 0x0A0D0D0A ? ReadPcapNg(file) : ReadPcap(file);
    }

    private static StoredCapture ReadPcap(byte[] file)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        var resolution = magic switch
        {
            0xA1B2C3D4 => 6,
            0xA1B23C4D => 9,
            _ => throw new InvalidDataException($"bad magic {magic:x8}"),
        };
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(4)));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)));
        var snap = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(16));
        var linkType = (ushort)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
        var packets = new List<StoredPacket>();
        var perSecond = resolution == 9 ? 1_000_000_000L : 1_000_000L;
        for (var at = 24; at < file.Length;)
        {
            var seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            var fraction = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            Assert.True(fraction < perSecond);
            var included = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 8));
            var original = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 12));
            Assert.True(included <= snap && included <= original);
            packets.Add(new StoredPacket(0, seconds * perSecond + fraction, resolution, file.AsSpan(at + 16, included).ToArray(), original));
            at += 16 + included;
        }

        return new StoredCapture("pcap", [(linkType, snap, resolution)], packets);
    }

    private static StoredCapture ReadPcapNg(byte[] file)
    {
        var interfaces = new List<(ushort, int, int)>();
        var packets = new List<StoredPacket>();
        for (var at = 0; at < file.Length;)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            var length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 4));
            Assert.True(length % 4 == 0 && length >= 12, $"block length {length} at {at}");
            Assert.Equal(length, BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + length - 4)));
            var body = file.AsSpan(at + 8, length - 12);
            switch (type)
            {
                case 0x0A0D0D0A:
                    Assert.Equal(0x1A2B3C4Du, BinaryPrimitives.ReadUInt32LittleEndian(body));
                    Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(body[4..]));
                    break;
                case 1:
                {
                    var linkType = BinaryPrimitives.ReadUInt16LittleEndian(body);
                    var snap = BinaryPrimitives.ReadInt32LittleEndian(body[4..]);
                    var resolution = 6;
                    foreach (var (code, value) in Options(body[8..]))
                    {
                        if (code == 9)
                        {
                            resolution = value[0];
                        }
                    }

                    interfaces.Add((linkType, snap, resolution));
                    break;
                }

                case 6:
                {
                    var id = BinaryPrimitives.ReadInt32LittleEndian(body);
                    var units = ((long)BinaryPrimitives.ReadUInt32LittleEndian(body[4..]) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(body[8..]);
                    var included = BinaryPrimitives.ReadInt32LittleEndian(body[12..]);
                    var original = BinaryPrimitives.ReadInt32LittleEndian(body[16..]);
                    Assert.True(id < interfaces.Count, "EPB before its IDB");
                    Assert.True(included <= interfaces[id].Item2);
                    Assert.Equal(20 + ((included + 3) & ~3), body.Length);
                    packets.Add(new StoredPacket(id, units, interfaces[id].Item3, body.Slice(20, included).ToArray(), original));
                    break;
                }

                default:
                    throw new InvalidDataException($"unexpected block type {type}");
            }

            at += length;
        }

        return new StoredCapture("pcapng", interfaces, packets);
    }

    private static List<(ushort Code, byte[] Value)> Options(ReadOnlySpan<byte> options)
    {
        var list = new List<(ushort, byte[])>();
        while (options.Length >= 4)
        {
            var code = BinaryPrimitives.ReadUInt16LittleEndian(options);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(options[2..]);
            if (code == 0)
            {
                break;
            }

            list.Add((code, options.Slice(4, length).ToArray()));
            options = options[(4 + ((length + 3) & ~3))..];
        }

        return list;
    }
}
