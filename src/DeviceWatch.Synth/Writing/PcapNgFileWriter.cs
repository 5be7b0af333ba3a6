using System.Buffers.Binary;
using System.Text;

namespace DeviceWatch.Synth.Writing;

/// <summary>
/// Streams frames to a pcapng file (little-endian): one Section Header Block, one Interface Description Block per
/// interface (with <c>if_tsresol</c>), then Enhanced Packet Blocks. Interfaces may be added at any time.
/// </summary>
/// <remarks>Layout: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html</remarks>
public sealed class PcapNgFileWriter : ICaptureWriter
{
    private const uint SectionHeaderBlockType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionBlockType = 0x00000001;
    private const uint EnhancedPacketBlockType = 0x00000006;
    private const int EnhancedPacketFixedLength = 32;

    private readonly CaptureOutput _output;
    private readonly List<(TimestampResolution Resolution, int SnapLength)> _interfaces = [];

    /// <summary>Creates a writer, writes the section header and the description of interface 0.</summary>
    /// <param name="stream">Destination; written sequentially, never seeked.</param>
    /// <param name="linkType">Link-layer type of interface 0.</param>
    /// <param name="resolution">Timestamp resolution of interface 0.</param>
    /// <param name="snapLength">Maximum bytes kept per frame on interface 0 (1 to 262144).</param>
    /// <param name="interfaceName">Optional <c>if_name</c> of interface 0.</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    /// <param name="application">Optional <c>shb_userappl</c> text.</param>
    /// <param name="bufferSize">Write buffer size in bytes.</param>
    public PcapNgFileWriter(
        Stream stream,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Nanosecond,
        int snapLength = PcapFileWriter.DefaultSnapLength,
        string? interfaceName = null,
        bool leaveOpen = false,
        string? application = "DeviceWatch",
        int bufferSize = 1 << 20)
    {
        _output = new CaptureOutput(stream, bufferSize, leaveOpen);
        WriteSectionHeader(application);
        AddInterface(linkType, resolution, snapLength, interfaceName);
    }

    /// <summary>Creates (or truncates) the file at <paramref name="path"/> and returns a writer for it.</summary>
    public static PcapNgFileWriter Create(
        string path,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Nanosecond,
        int snapLength = PcapFileWriter.DefaultSnapLength,
        string? interfaceName = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.SequentialScan),
            linkType, resolution, snapLength, interfaceName);

    /// <summary>Number of interfaces described so far.</summary>
    public int InterfaceCount => _interfaces.Count;

    /// <summary>Frames written so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>File bytes produced so far (buffered bytes included).</summary>
    public long BytesWritten => _output.Position;

    /// <summary>Writes an Interface Description Block and returns the new interface id.</summary>
    public int AddInterface(
        LinkType linkType,
        TimestampResolution resolution = TimestampResolution.Nanosecond,
        int snapLength = PcapFileWriter.DefaultSnapLength,
        string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapLength, PcapFileWriter.DefaultSnapLength);
        var nameBytes = name is null ? [] : Encoding.UTF8.GetBytes(name);
        var optionsLength = (name is null ? 0 : OptionLength(nameBytes.Length)) + OptionLength(1) + 4;
        var total = 20 + optionsLength;
        var block = _output.Reserve(total);
        BinaryPrimitives.WriteUInt32LittleEndian(block, InterfaceDescriptionBlockType);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], total);
        BinaryPrimitives.WriteUInt16LittleEndian(block[8..], (ushort)linkType);
        BinaryPrimitives.WriteUInt16LittleEndian(block[10..], 0);
        BinaryPrimitives.WriteInt32LittleEndian(block[12..], snapLength);
        var at = 16;
        if (name is not null)
        {
            at += WriteOption(block[at..], 2, nameBytes); // if_name
        }

        at += WriteOption(block[at..], 9, [resolution == TimestampResolution.Nanosecond ? (byte)9 : (byte)6]); // if_tsresol
        block.Slice(at, 4).Clear(); // opt_endofopt
        BinaryPrimitives.WriteInt32LittleEndian(block[(total - 4)..], total);
        _output.Commit(total);
        _interfaces.Add((resolution, snapLength));
        return _interfaces.Count - 1;
    }

    /// <inheritdoc />
    public void Write(DateTime timestamp, ReadOnlySpan<byte> frame) => Write(0, timestamp, frame, frame.Length);

    /// <summary>Writes a frame captured on interface <paramref name="interfaceId"/>.</summary>
    public void Write(int interfaceId, DateTime timestamp, ReadOnlySpan<byte> frame) => Write(interfaceId, timestamp, frame, frame.Length);

    /// <summary>Writes a frame whose length on the wire was <paramref name="originalLength"/>.</summary>
    public void Write(int interfaceId, DateTime timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        if ((uint)interfaceId >= (uint)_interfaces.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(interfaceId), interfaceId, "No such interface; call AddInterface first.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(originalLength, frame.Length);
        var (resolution, snapLength) = _interfaces[interfaceId];
        var units = (ulong)CaptureTime.ToUnits(timestamp, resolution);
        var included = Math.Min(frame.Length, snapLength);
        var padded = (included + 3) & ~3;
        var total = EnhancedPacketFixedLength + padded;
        var block = _output.Reserve(total);
        BinaryPrimitives.WriteUInt32LittleEndian(block, EnhancedPacketBlockType);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], total);
        BinaryPrimitives.WriteInt32LittleEndian(block[8..], interfaceId);
        BinaryPrimitives.WriteUInt32LittleEndian(block[12..], (uint)(units >> 32));
        BinaryPrimitives.WriteUInt32LittleEndian(block[16..], (uint)units);
        BinaryPrimitives.WriteInt32LittleEndian(block[20..], included);
        BinaryPrimitives.WriteInt32LittleEndian(block[24..], originalLength);
        frame[..included].CopyTo(block[28..]);
        block.Slice(28 + included, padded - included).Clear();
        BinaryPrimitives.WriteInt32LittleEndian(block[(total - 4)..], total);
        _output.Commit(total);
        PacketCount++;
    }

    /// <summary>Writes buffered blocks to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    /// <summary>Flushes and, unless the writer was created with <c>leaveOpen</c>, closes the stream.</summary>
    public void Dispose() => _output.Dispose();

    private void WriteSectionHeader(string? application)
    {
        var appBytes = application is null ? [] : Encoding.UTF8.GetBytes(application);
        var optionsLength = application is null ? 0 : OptionLength(appBytes.Length) + 4;
        var total = 28 + optionsLength;
        var block = _output.Reserve(total);
        BinaryPrimitives.WriteUInt32LittleEndian(block, SectionHeaderBlockType);
        BinaryPrimitives.WriteInt32LittleEndian(block[4..], total);
        BinaryPrimitives.WriteUInt32LittleEndian(block[8..], 0x1A2B3C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(block[12..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(block[14..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(block[16..], -1); // section length not specified
        var at = 24;
        if (application is not null)
        {
            at += WriteOption(block[at..], 4, appBytes); // shb_userappl
            block.Slice(at, 4).Clear();
        }

        BinaryPrimitives.WriteInt32LittleEndian(block[(total - 4)..], total);
        _output.Commit(total);
    }

    private static int OptionLength(int valueLength) => 4 + ((valueLength + 3) & ~3);

    private static int WriteOption(Span<byte> destination, ushort code, ReadOnlySpan<byte> value)
    {
        var length = OptionLength(value.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, code);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[2..], (ushort)value.Length);
        value.CopyTo(destination[4..]);
        destination.Slice(4 + value.Length, length - 4 - value.Length).Clear();
        return length;
    }
}
