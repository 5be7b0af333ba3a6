using System.Buffers.Binary;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>Writes pcapng files block by block, in either byte order, and remembers where each block starts.</summary>
internal sealed class PcapNgFileBuilder
{
    public const uint SectionHeaderType = 0x0A0D0D0A;
    public const uint InterfaceDescriptionType = 1;
    public const uint ObsoletePacketType = 2;
    public const uint SimplePacketType = 3;
    public const uint NameResolutionType = 4;
    public const uint InterfaceStatisticsType = 5;
    public const uint EnhancedPacketType = 6;
    public const uint DecryptionSecretsType = 10;
    public const uint CustomCopiedType = 0x00000BAD;
    public const uint CustomNotCopiedType = 0x40000BAD;

    private readonly List<byte> _bytes = [];
    private readonly List<PcapNgBuiltBlock> _blocks = [];
    private bool _bigEndian;

    public IReadOnlyList<PcapNgBuiltBlock> Blocks => _blocks;

    public byte[] ToArray() => [.. _bytes];

    /// <summary>Section Header Block (version 1.0, section length -1) with an shb_userappl option.</summary>
    public PcapNgFileBuilder Section(bool bigEndian, ushort majorVersion = 1)
    {
        _bigEndian = bigEndian;
        var body = new List<byte>();
        body.AddRange(U32(0x1A2B3C4D));
        body.AddRange(U16(majorVersion));
        body.AddRange(U16(0));
        body.AddRange(U64(ulong.MaxValue));
        body.AddRange(Option(4, "DeviceWatch tests"u8.ToArray()));
        body.AddRange(EndOfOptions());
        return Block(SectionHeaderType, [.. body], isPacket: false);
    }

    /// <summary>Interface Description Block; <paramref name="resolution"/> and <paramref name="offsetSeconds"/> become if_tsresol / if_tsoffset.</summary>
    public PcapNgFileBuilder Interface(ushort linkType, uint snapLength, byte? resolution = null, long? offsetSeconds = null, bool withName = true)
    {
        var body = new List<byte>();
        body.AddRange(U16(linkType));
        body.AddRange(U16(0));
        body.AddRange(U32(snapLength));
        if (withName)
        {
            body.AddRange(Option(2, "eth0"u8.ToArray()));
        }

        if (resolution is { } r)
        {
            body.AddRange(Option(9, [r]));
        }

        if (offsetSeconds is { } o)
        {
            body.AddRange(Option(14, U64((ulong)o)));
        }

        if (withName || resolution is not null || offsetSeconds is not null)
        {
            body.AddRange(EndOfOptions());
        }

        return Block(InterfaceDescriptionType, [.. body], isPacket: false);
    }

    /// <summary>Enhanced Packet Block with an epb_flags option.</summary>
    public PcapNgFileBuilder Enhanced(uint interfaceId, ulong timestamp, byte[] data, uint? originalLength = null, bool withOptions = true)
    {
        var body = new List<byte>();
        body.AddRange(U32(interfaceId));
        body.AddRange(U32((uint)(timestamp >> 32)));
        body.AddRange(U32((uint)timestamp));
        body.AddRange(U32((uint)data.Length));
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        if (withOptions)
        {
            body.AddRange(Option(2, U32(1)));
            body.AddRange(EndOfOptions());
        }

        return Block(EnhancedPacketType, [.. body], isPacket: true);
    }

    /// <summary>Simple Packet Block: original length, then the data (padded).</summary>
    public PcapNgFileBuilder Simple(byte[] data, uint? originalLength = null)
    {
        var body = new List<byte>();
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        return Block(SimplePacketType, [.. body], isPacket: true);
    }

    /// <summary>Obsolete Packet Block (type 2): 16-bit interface id and drops count.</summary>
    public PcapNgFileBuilder Obsolete(ushort interfaceId, ulong timestamp, byte[] data, uint? originalLength = null)
    {
        var body = new List<byte>();
        body.AddRange(U16(interfaceId));
        body.AddRange(U16(0));
        body.AddRange(U32((uint)(timestamp >> 32)));
        body.AddRange(U32((uint)timestamp));
        body.AddRange(U32((uint)data.Length));
        body.AddRange(U32(originalLength ?? (uint)data.Length));
        body.AddRange(Padded(data));
        return Block(ObsoletePacketType, [.. body], isPacket: true);
    }

    /// <summary>Any non-packet block with the given body (padded to 4 bytes).</summary>
    public PcapNgFileBuilder Other(uint type, byte[] body) => Block(type, Padded(body), isPacket: false);

    /// <summary>Name Resolution Block with one IPv4 record.</summary>
    public PcapNgFileBuilder NameResolution()
    {
        var record = new List<byte>();
        record.AddRange([192, 0, 2, 1]);
        record.AddRange("device.example\0"u8.ToArray());
        var body = new List<byte>();
        body.AddRange(U16(1));
        body.AddRange(U16((ushort)record.Count));
        body.AddRange(Padded([.. record]));
        body.AddRange(U16(0));
        body.AddRange(U16(0));
        return Block(NameResolutionType, [.. body], isPacket: false);
    }

    /// <summary>Interface Statistics Block for interface 0 without options.</summary>
    public PcapNgFileBuilder Statistics(ulong timestamp)
    {
        var body = new List<byte>();
        body.AddRange(U32(0));
        body.AddRange(U32((uint)(timestamp >> 32)));
        body.AddRange(U32((uint)timestamp));
        return Block(InterfaceStatisticsType, [.. body], isPacket: false);
    }

    /// <summary>Custom block: private enterprise number, then data.</summary>
    public PcapNgFileBuilder Custom(bool copied, byte[] data)
    {
        var body = new List<byte>();
        body.AddRange(U32(32473));
        body.AddRange(Padded(data));
        return Block(copied ? CustomCopiedType : CustomNotCopiedType, [.. body], isPacket: false);
    }

    /// <summary>Writes a 32-bit value in the byte order of the block's section.</summary>
    public static void WriteUInt32(byte[] file, int index, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(index), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(index), value);
        }
    }

    private PcapNgFileBuilder Block(uint type, byte[] body, bool isPacket)
    {
        var total = (uint)(12 + body.Length);
        _blocks.Add(new PcapNgBuiltBlock(type, _bytes.Count, (int)total, isPacket, _bigEndian));
        _bytes.AddRange(U32(type));
        _bytes.AddRange(U32(total));
        _bytes.AddRange(body);
        _bytes.AddRange(U32(total));
        return this;
    }

    private byte[] Option(ushort code, byte[] value)
    {
        var option = new List<byte>();
        option.AddRange(U16(code));
        option.AddRange(U16((ushort)value.Length));
        option.AddRange(Padded(value));
        return [.. option];
    }

    private byte[] EndOfOptions() => [0, 0, 0, 0];

    private static byte[] Padded(byte[] data)
    {
        var padded = new byte[(data.Length + 3) & ~3];
        data.CopyTo(padded, 0);
        return padded;
    }

    private byte[] U16(ushort value)
    {
        var bytes = new byte[2];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }

        return bytes;
    }

    private byte[] U32(uint value)
    {
        var bytes = new byte[4];
        WriteUInt32(bytes, 0, value, _bigEndian);
        return bytes;
    }

    private byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }

        return bytes;
    }
}
