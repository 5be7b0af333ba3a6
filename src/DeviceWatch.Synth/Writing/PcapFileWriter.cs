using System.Buffers.Binary;

namespace DeviceWatch.Synth.Writing;

/// <summary>
/// Streams frames to a classic libpcap file (little-endian, version 2.4) through an internal buffer.
/// Frames longer than the snap length are truncated; the record keeps the original length.
/// </summary>
/// <remarks>Layout: https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html</remarks>
public sealed class PcapFileWriter : ICaptureWriter
{
    /// <summary>Snap length used when none is given (the tcpdump default).</summary>
    public const int DefaultSnapLength = 262144;

    private const int FileHeaderLength = 24;
    private const int RecordHeaderLength = 16;

    private readonly CaptureOutput _output;

    /// <summary>Creates a writer and writes the file header to <paramref name="stream"/>.</summary>
    /// <param name="stream">Destination; written sequentially, never seeked.</param>
    /// <param name="linkType">Link-layer type of every frame.</param>
    /// <param name="resolution">Microsecond or nanosecond timestamps (selects the magic number).</param>
    /// <param name="snapLength">Maximum bytes kept per frame (1 to 262144).</param>
    /// <param name="leaveOpen">True to leave <paramref name="stream"/> open on dispose.</param>
    /// <param name="bufferSize">Write buffer size in bytes.</param>
    public PcapFileWriter(
        Stream stream,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Microsecond,
        int snapLength = DefaultSnapLength,
        bool leaveOpen = false,
        int bufferSize = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(snapLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(snapLength, DefaultSnapLength);
        _output = new CaptureOutput(stream, bufferSize, leaveOpen);
        LinkType = linkType;
        Resolution = resolution;
        SnapLength = snapLength;

        var header = _output.Reserve(FileHeaderLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header, resolution == TimestampResolution.Nanosecond ? 0xa1b23c4du : 0xa1b2c3d4u);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], 0);   // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], 0); // sigfigs
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], snapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], (uint)linkType);
        _output.Commit(FileHeaderLength);
    }

    /// <summary>Creates (or truncates) the file at <paramref name="path"/> and returns a writer for it.</summary>
    public static PcapFileWriter Create(
        string path,
        LinkType linkType = LinkType.Ethernet,
        TimestampResolution resolution = TimestampResolution.Microsecond,
        int snapLength = DefaultSnapLength) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.SequentialScan), linkType, resolution, snapLength);

    /// <summary>Link-layer type written in the file header.</summary>
    public LinkType LinkType { get; }

    /// <summary>Timestamp resolution of the file.</summary>
    public TimestampResolution Resolution { get; }

    /// <summary>Maximum bytes stored per frame.</summary>
    public int SnapLength { get; }

    /// <summary>Frames written so far.</summary>
    public long PacketCount { get; private set; }

    /// <summary>File bytes produced so far (header included, buffered bytes included).</summary>
    public long BytesWritten => _output.Position;

    /// <inheritdoc />
    public void Write(DateTime timestamp, ReadOnlySpan<byte> frame) => Write(timestamp, frame, frame.Length);

    /// <summary>
    /// Writes a frame whose length on the wire was <paramref name="originalLength"/> (at least the frame length),
    /// for frames that were already truncated.
    /// </summary>
    public void Write(DateTime timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(originalLength, frame.Length);
        var units = CaptureTime.ToUnits(timestamp, Resolution);
        var perSecond = Resolution == TimestampResolution.Nanosecond ? 1_000_000_000L : 1_000_000L;
        var seconds = units / perSecond;
        if (seconds > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), timestamp, "Classic pcap cannot store times after 2106.");
        }

        var included = Math.Min(frame.Length, SnapLength);
        var record = _output.Reserve(RecordHeaderLength + included);
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)seconds);
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(units % perSecond));
        BinaryPrimitives.WriteInt32LittleEndian(record[8..], included);
        BinaryPrimitives.WriteInt32LittleEndian(record[12..], originalLength);
        frame[..included].CopyTo(record[RecordHeaderLength..]);
        _output.Commit(RecordHeaderLength + included);
        PacketCount++;
    }

    /// <summary>Writes buffered records to the stream and flushes it.</summary>
    public void Flush() => _output.Flush();

    /// <summary>Flushes and, unless the writer was created with <c>leaveOpen</c>, closes the stream.</summary>
    public void Dispose() => _output.Dispose();
}
