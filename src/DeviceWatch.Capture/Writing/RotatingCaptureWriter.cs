using System.Globalization;
using DeviceWatch.Synth.Writing;
using PacketDotNet;

namespace DeviceWatch.Capture.Writing;

/// <summary>
/// Writes the frames of one interface to classic pcap files in one folder, starting a new file by size and by
/// packet time. Files are named <c>PREFIX-yyyyMMddTHHmmss.fffZ-NNNN.pcap</c> after their first packet, so the
/// folder sorts in time order and replays with <c>analyze FOLDER</c>. Not thread-safe: one writer thread.
/// </summary>
public sealed class RotatingCaptureWriter : IDisposable
{
    private readonly string _folder;
    private readonly string _prefix;
    private readonly LinkType _linkType;
    private readonly RotationPolicy _policy;
    private readonly int _snapLength;
    private readonly List<string> _files = [];
    private PcapFileWriter? _current;
    private DateTime _currentStart;
    private int _sequence;

    /// <summary>Creates a writer; no file exists until the first frame.</summary>
    public RotatingCaptureWriter(string folder, string prefix, LinkLayers linkType, RotationPolicy policy, int snapLength = PcapFileWriter.DefaultSnapLength)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _folder = folder;
        _prefix = prefix;
        _linkType = (LinkType)(ushort)linkType;
        _policy = policy;
        _snapLength = Math.Clamp(snapLength, 1, PcapFileWriter.DefaultSnapLength);
        Directory.CreateDirectory(folder);
    }

    /// <summary>Every file started so far, oldest first (full paths).</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Frames written over all files.</summary>
    public long Packets { get; private set; }

    /// <summary>Writes one frame, first rotating when the policy says so.</summary>
    public void Write(DateTime timestamp, ReadOnlySpan<byte> frame, int originalLength)
    {
        if (_current is not null && ShouldRotate(timestamp))
        {
            _current.Dispose();
            _current = null;
        }

        if (_current is null)
        {
            _sequence++;
            _currentStart = timestamp;
            var name = string.Create(CultureInfo.InvariantCulture, $"{_prefix}-{timestamp.ToUniversalTime():yyyyMMdd'T'HHmmss.fff'Z'}-{_sequence:D4}.pcap");
            var path = Path.Combine(_folder, name);
            _current = PcapFileWriter.Create(path, _linkType, TimestampResolution.Microsecond, _snapLength);
            _files.Add(path);
        }

        _current.Write(timestamp, frame, Math.Max(originalLength, frame.Length));
        Packets++;
    }

    /// <summary>Pushes buffered frames to the file, so a crash loses at most what arrived since.</summary>
    public void Flush() => _current?.Flush();

    /// <summary>Flushes and closes the current file.</summary>
    public void Dispose()
    {
        _current?.Dispose();
        _current = null;
    }

    private bool ShouldRotate(DateTime timestamp) =>
        (_policy.MaxBytes > 0 && _current!.BytesWritten >= _policy.MaxBytes)
        || (_policy.MaxAge > TimeSpan.Zero && timestamp - _currentStart >= _policy.MaxAge);
}
