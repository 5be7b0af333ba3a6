using System.Buffers.Binary;
using PacketDotNet;

namespace DeviceWatch.Capture.Reading;

/// <summary>
/// Streaming pcapng reader (draft-ietf-opsawg-pcapng). Unlike libpcap it accepts interfaces of different link types
/// and snap lengths, several sections of either byte order, and names the byte offset of the damaged block.
/// </summary>
/// <remarks>
/// Blocks are parsed in place from one reusable buffer (1 MiB, grown only as far as a block that is actually present
/// needs, at most <see cref="MaxBlockLength"/>), so memory stays constant whatever the file size. Every length is
/// validated before it is used. Packet blocks: Enhanced (6), Simple (3) and the obsolete Packet Block (2); every
/// other block type (NRB, ISB, DSB, custom, unknown) is skipped by its length.
/// </remarks>
internal sealed class PcapNgReader : IDisposable
{
    /// <summary>Largest block accepted; a longer one is reported as damage.</summary>
    public const int MaxBlockLength = 256 * 1024 * 1024;

    /// <summary>Most Interface Description Blocks accepted in one section.</summary>
    public const int MaxInterfacesPerSection = 65_536;

    private const int InitialBufferLength = 1 << 20;
    private const int SmallestBufferLength = 64;
    private const uint SectionHeaderType = 0x0A0D0D0A;
    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const ushort TimestampResolutionOption = 9;
    private const ushort TimestampOffsetOption = 14;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly List<PcapNgInterface> _interfaces = [];
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _endOfStream;
    private bool _inSection;
    private bool _bigEndian;
    private int _sectionInterfaceBase;
    private int _dataStart;
    private int _dataLength;
    private bool _disposed;

    /// <summary>Reads <paramref name="stream"/>; <paramref name="path"/> only names the file in errors. Disposes the stream.</summary>
    public PcapNgReader(Stream stream, string path)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _path = path;

        // A small file gets a buffer of its own size (tests open thousands); a large or unseekable one gets 1 MiB.
        var initial = InitialBufferLength;
        if (stream.CanSeek)
        {
            initial = (int)Math.Clamp(stream.Length - stream.Position, SmallestBufferLength, InitialBufferLength);
        }

        _buffer = new byte[initial];
    }

    /// <summary>Link type of the current packet's interface.</summary>
    public LinkLayers LinkType { get; private set; }

    /// <summary>
    /// UTC time of the current packet (if_tsresol and if_tsoffset applied, truncated to 100 ns). A Simple Packet
    /// Block has no timestamp: it repeats the previous packet's time (Unix epoch when none), see <see cref="HasTimestamp"/>.
    /// </summary>
    public DateTime Timestamp { get; private set; } = DateTime.UnixEpoch;

    /// <summary>False for a Simple Packet Block, which carries no timestamp.</summary>
    public bool HasTimestamp { get; private set; }

    /// <summary>Captured bytes of the current packet; valid until the next <see cref="TryReadNext"/>.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(_dataStart, _dataLength);

    /// <summary>Length of the packet on the wire.</summary>
    public int OriginalLength { get; private set; }

    /// <summary>Interface index across all sections of the file (the first section's interfaces come first).</summary>
    public int InterfaceId { get; private set; }

    /// <summary>Interface index as written in the block, relative to the current section.</summary>
    public int SectionInterfaceId { get; private set; }

    /// <summary>Byte offset of the current packet's block.</summary>
    public long Offset { get; private set; }

    /// <summary>Packets returned so far (including the current one).</summary>
    public long Packets { get; private set; }

    /// <summary>
    /// Reads the next packet block. False at a clean end of file (after a whole block). Throws
    /// <see cref="CaptureInputException"/> naming the record and the byte offset of the damaged block.
    /// </summary>
    public bool TryReadNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            // 1. Block header: type and total length (SHB: plus the byte-order magic that says how to read them).
            var offset = _bufferOffset + _start;
            var available = Fill(8);
            if (available == 0)
            {
                if (!_inSection)
                {
                    throw Damage(offset, "empty file (not a pcapng capture)");
                }

                return false;
            }

            if (available < 8)
            {
                throw Damage(offset, $"file ends inside a block header ({available} of 8 bytes)");
            }

            var type = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
            if (type == SectionHeaderType)
            {
                StartSection(offset);
            }
            else if (!_inSection)
            {
                throw Damage(offset, "not a pcapng file (first block is not a Section Header Block)");
            }
            else
            {
                type = ReadUInt32(_start);
            }

            // 2. Validate the length before any buffer is grown for it, then make the whole block available.
            var length = ReadUInt32(_start + 4);
            if (length < MinimumLength(type))
            {
                throw Damage(offset, $"block length {length} is too small for {Describe(type)} (at least {MinimumLength(type)})");
            }

            if (length % 4 != 0)
            {
                throw Damage(offset, $"block length {length} of {Describe(type)} is not a multiple of 4");
            }

            if (length > MaxBlockLength)
            {
                throw Damage(offset, $"block length {length} of {Describe(type)} exceeds the {MaxBlockLength / (1024 * 1024)} MiB limit");
            }

            var blockLength = (int)length;
            available = Fill(blockLength);
            if (available < blockLength)
            {
                throw Damage(offset, $"truncated {Describe(type)}: {blockLength} bytes long, file ends after {available}");
            }

            var block = _start;
            var trailer = ReadUInt32(block + blockLength - 4);
            if (trailer != length)
            {
                throw Damage(offset, $"trailing block length {trailer} differs from leading block length {length} ({Describe(type)})");
            }

            // 3. Interpret the block. Damage found here leaves the reader on the block, so a retry reports it again.
            var isPacket = true;
            switch (type)
            {
                case SectionHeaderType:
                    _sectionInterfaceBase += _interfaces.Count;
                    _interfaces.Clear();
                    isPacket = false;
                    break;
                case InterfaceDescriptionType:
                    AddInterface(block, blockLength, offset);
                    isPacket = false;
                    break;
                case EnhancedPacketType:
                    ReadPacket(block, blockLength, offset, (int)Math.Min(ReadUInt32(block + 8), int.MaxValue), "Enhanced Packet Block");
                    break;
                case ObsoletePacketType:
                    ReadPacket(block, blockLength, offset, ReadUInt16(block + 8), "Packet Block");
                    break;
                case SimplePacketType:
                    ReadSimplePacket(block, blockLength, offset);
                    break;
                default:
                    isPacket = false;
                    break;
            }

            _start += blockLength;
            if (isPacket)
            {
                return true;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _stream.Dispose();
        }
    }

    private static uint MinimumLength(uint type) => type switch
    {
        SectionHeaderType => 28,
        InterfaceDescriptionType => 20,
        EnhancedPacketType or ObsoletePacketType => 32,
        SimplePacketType => 16,
        _ => 12,
    };

    private static string Describe(uint type) => type switch
    {
        SectionHeaderType => "Section Header Block",
        InterfaceDescriptionType => "Interface Description Block",
        EnhancedPacketType => "Enhanced Packet Block",
        ObsoletePacketType => "Packet Block",
        SimplePacketType => "Simple Packet Block",
        _ => $"block of type 0x{type:X8}",
    };

    /// <summary>Reads the byte-order magic of a Section Header Block at the current position and checks the version.</summary>
    private void StartSection(long offset)
    {
        var available = Fill(16);
        if (available < 12)
        {
            throw Damage(offset, $"truncated Section Header Block: file ends after {available} bytes");
        }

        var magic = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start + 8));
        if (magic == ByteOrderMagic)
        {
            _bigEndian = false;
        }
        else if (magic == BinaryPrimitives.ReverseEndianness(ByteOrderMagic))
        {
            _bigEndian = true;
        }
        else
        {
            throw Damage(offset, $"bad byte-order magic 0x{magic:X8} in Section Header Block (expected 0x1A2B3C4D in either byte order)");
        }

        if (available >= 14 && ReadUInt16(_start + 12) != 1)
        {
            throw Damage(offset, $"unsupported pcapng major version {ReadUInt16(_start + 12)} (expected 1)");
        }

        _inSection = true;
    }

    private void AddInterface(int block, int blockLength, long offset)
    {
        if (_interfaces.Count >= MaxInterfacesPerSection)
        {
            throw Damage(offset, $"more than {MaxInterfacesPerSection} Interface Description Blocks in one section");
        }

        var linkType = (LinkLayers)ReadUInt16(block + 8);
        var snapLength = ReadUInt32(block + 12);
        var resolution = PcapNgInterface.MicrosecondResolution;
        long offsetSeconds = 0;

        // Options: code (2), length (2), value padded to 4 bytes; opt_endofopt (0) or the block end closes the list.
        var position = block + 16;
        var end = block + blockLength - 4;
        while (end - position >= 4)
        {
            var code = ReadUInt16(position);
            var valueLength = ReadUInt16(position + 2);
            if (code == 0)
            {
                break;
            }

            position += 4;
            if (valueLength > end - position)
            {
                throw Damage(offset, $"option {code} of Interface Description Block is {valueLength} bytes long, only {end - position} remain in the block");
            }

            if (code == TimestampResolutionOption && valueLength >= 1)
            {
                resolution = _buffer[position];
            }
            else if (code == TimestampOffsetOption && valueLength >= 8)
            {
                offsetSeconds = (long)ReadUInt64(position);
            }

            position += Math.Min((valueLength + 3) & ~3, end - position);
        }

        var description = new PcapNgInterface(linkType, snapLength, resolution, offsetSeconds);
        if (!description.HasSupportedResolution)
        {
            throw Damage(offset, $"unsupported if_tsresol 0x{resolution:X2} in Interface Description Block");
        }

        _interfaces.Add(description);
    }

    /// <summary>Enhanced Packet Block and obsolete Packet Block: interface, 64-bit timestamp, captured and original length, data.</summary>
    private void ReadPacket(int block, int blockLength, long offset, int interfaceId, string kind)
    {
        var description = FindInterface(interfaceId, offset, kind);
        var capturedLength = ReadUInt32(block + 20);
        var body = (uint)(blockLength - 32);
        if (capturedLength > body)
        {
            throw Damage(offset, $"captured length {capturedLength} of {kind} exceeds its {body}-byte body");
        }

        var raw = ((ulong)ReadUInt32(block + 12) << 32) | ReadUInt32(block + 16);
        if (!description.TryConvert(raw, out var timestamp))
        {
            throw Damage(offset, $"timestamp of {kind} is outside the years 1-9999");
        }

        Accept(block + 28, (int)capturedLength, ReadUInt32(block + 24), interfaceId, description, offset);
        Timestamp = timestamp;
        HasTimestamp = true;
    }

    /// <summary>Simple Packet Block: interface 0, original length, data cut to the snap length and the block body.</summary>
    private void ReadSimplePacket(int block, int blockLength, long offset)
    {
        var description = FindInterface(0, offset, "Simple Packet Block");
        var originalLength = ReadUInt32(block + 8);
        long capturedLength = Math.Min(originalLength, (uint)(blockLength - 16));
        if (description.SnapLength != 0)
        {
            capturedLength = Math.Min(capturedLength, description.SnapLength);
        }

        Accept(block + 12, (int)capturedLength, originalLength, 0, description, offset);
        HasTimestamp = false;
    }

    private PcapNgInterface FindInterface(int interfaceId, long offset, string kind)
    {
        if ((uint)interfaceId >= (uint)_interfaces.Count)
        {
            throw Damage(offset, $"{kind} refers to interface {interfaceId} but the section has {_interfaces.Count} Interface Description Block(s)");
        }

        return _interfaces[interfaceId];
    }

    private void Accept(int dataStart, int capturedLength, uint originalLength, int interfaceId, PcapNgInterface description, long offset)
    {
        _dataStart = dataStart;
        _dataLength = capturedLength;
        OriginalLength = (int)Math.Min(originalLength, int.MaxValue);
        LinkType = description.LinkType;
        SectionInterfaceId = interfaceId;
        InterfaceId = _sectionInterfaceBase + interfaceId;
        Offset = offset;
        Packets++;
    }

    /// <summary>
    /// Makes <paramref name="count"/> bytes from the current position available in the buffer (moving the unread
    /// tail to its start and growing it only while the stream keeps delivering). Returns how many are available,
    /// fewer than <paramref name="count"/> only at the end of the stream.
    /// </summary>
    private int Fill(int count)
    {
        var available = _end - _start;
        if (available >= count || _endOfStream)
        {
            return Math.Min(available, count);
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, available).CopyTo(_buffer);
            _bufferOffset += _start;
            _start = 0;
            _end = available;
        }

        while (_end < count)
        {
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, (int)Math.Min(2L * _buffer.Length, count));
            }

            int read;
            try
            {
                read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            }
            catch (IOException ex)
            {
                throw Damage(_bufferOffset + _start, "cannot be read: " + ex.Message);
            }

            if (read <= 0)
            {
                _endOfStream = true;
                break;
            }

            _end += read;
        }

        return Math.Min(_end - _start, count);
    }

    private CaptureInputException Damage(long offset, string problem) => new(_path, problem, Packets + 1, offset);

    private ushort ReadUInt16(int index) => _bigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(index))
        : BinaryPrimitives.ReadUInt16LittleEndian(_buffer.AsSpan(index));

    private uint ReadUInt32(int index) => _bigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(index))
        : BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(index));

    private ulong ReadUInt64(int index) => _bigEndian
        ? BinaryPrimitives.ReadUInt64BigEndian(_buffer.AsSpan(index))
        : BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(index));
}
