using System.Buffers.Binary;
using DeviceWatch.Capture.Decoding;
using DeviceWatch.Capture.Pipeline;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace DeviceWatch.Capture.Reading;

/// <summary>Reads pcap and pcapng files with SharpPcap (libpcap) into a <see cref="CaptureEngine"/>.</summary>
public static class CaptureFileReader
{
    /// <summary>Recognises the format from the first bytes of <paramref name="path"/>.</summary>
    public static CaptureFormat DetectFormat(string path, out long length)
    {
        Span<byte> magic = stackalloc byte[4];
        try
        {
            using var stream = File.OpenRead(path);
            length = stream.Length;
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4)
            {
                return CaptureFormat.Unknown;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CaptureInputException(path, "cannot be read: " + ex.Message);
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(magic);
        return value switch
        {
            0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 => CaptureFormat.Pcap,
            0x0A0D0D0A => CaptureFormat.PcapNg,
            _ => CaptureFormat.Unknown,
        };
    }

    /// <summary>
    /// Expands files and folders into the capture files to read, in time order of their first packet.
    /// Throws <see cref="CaptureInputException"/> for a path that does not exist or cannot be read.
    /// </summary>
    public static IReadOnlyList<string> ExpandInputs(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var inFolder = Directory.EnumerateFiles(path)
                    .Where(f => { try { return DetectFormat(f, out _) != CaptureFormat.Unknown; } catch (CaptureInputException) { return false; } })
                    .ToList();
                if (inFolder.Count == 0)
                {
                    throw new CaptureInputException(path, "folder holds no pcap or pcapng file");
                }

                files.AddRange(inFolder.OrderBy(FirstPacketTime).ThenBy(f => f, StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new CaptureInputException(path, "no such file or folder");
            }
        }

        return files;
    }

    /// <summary>Time of the first packet, or <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public static DateTime FirstPacketTime(string path)
    {
        if (DetectFormat(path, out _) == CaptureFormat.PcapNg)
        {
            try
            {
                using var reader = new PcapNgReader(File.OpenRead(path), path);
                return reader.TryReadNext() ? reader.Timestamp : DateTime.MaxValue;
            }
            catch (CaptureInputException)
            {
                return DateTime.MaxValue;
            }
        }

        try
        {
            using var device = new CaptureFileReaderDevice(path);
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
            return device.GetNextPacket(out var packet) == GetPacketStatus.PacketRead ? packet.Header.Timeval.Date : DateTime.MaxValue;
        }
        catch (PcapException)
        {
            return DateTime.MaxValue;
        }
    }

    /// <summary>
    /// Reads every frame of <paramref name="path"/> into <paramref name="engine"/>. Frames read before damage are
    /// processed; then a <see cref="CaptureInputException"/> names the file and record.
    /// </summary>
    public static long Read(string path, CaptureEngine engine, Action<long, long>? progress = null)
    {
        var format = DetectFormat(path, out var length);
        if (length == 0)
        {
            throw new CaptureInputException(path, "empty file (not a pcap or pcapng capture)", byteOffset: 0);
        }

        if (format == CaptureFormat.Unknown)
        {
            throw new CaptureInputException(path, "not a pcap or pcapng file (unknown magic number)", byteOffset: 0);
        }

        if (format == CaptureFormat.PcapNg)
        {
            return ReadPcapNg(path, engine, length, progress);
        }

        CaptureFileReaderDevice device;
        try
        {
            device = new CaptureFileReaderDevice(path);
            device.Open(new DeviceConfiguration { TimestampResolution = TimestampResolution.Nanosecond });
        }
        catch (Exception ex) when (ex is PcapException or DllNotFoundException or IOException)
        {
            throw new CaptureInputException(path, "cannot open capture: " + ex.Message, byteOffset: 0);
        }

        using (device)
        {
            var linkType = device.LinkType;
            if (!PacketDecoder.IsSupported(linkType))
            {
                throw new CaptureInputException(path, $"unsupported link type {(int)linkType} ({linkType}); supported: Ethernet, Linux cooked v1/v2, raw IP, loopback, PPP, 802.11");
            }

            long records = 0;
            long position = format == CaptureFormat.Pcap ? 24 : 0;
            while (true)
            {
                var status = device.GetNextPacket(out var packet);
                if (status == GetPacketStatus.PacketRead)
                {
                    records++;
                    var data = packet.Data;
                    position += 16 + data.Length;
                    engine.ProcessFrame(linkType, data, packet.Header.Timeval.Date);
                    if (progress is not null && (records & 0xFFFF) == 0)
                    {
                        progress(Math.Min(position, length), length);
                    }

                    continue;
                }

                if (status == GetPacketStatus.NoRemainingPackets)
                {
                    break;
                }

                if (status == GetPacketStatus.Error)
                {
                    var error = device.LastError;
                    throw new CaptureInputException(path, string.IsNullOrEmpty(error) ? "corrupt capture" : error, records + 1, format == CaptureFormat.Pcap ? position : null);
                }
            }

            progress?.Invoke(length, length);
            return records;
        }
    }

    /// <summary>
    /// pcapng goes through DeviceWatch's own reader: libpcap refuses interfaces with different link types or
    /// snap lengths and cannot say where a file is damaged.
    /// </summary>
    private static long ReadPcapNg(string path, CaptureEngine engine, long length, Action<long, long>? progress)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CaptureInputException(path, "cannot be read: " + ex.Message);
        }

        using var reader = new PcapNgReader(stream, path);
        while (reader.TryReadNext())
        {
            var linkType = reader.LinkType;
            if (!PacketDecoder.IsSupported(linkType))
            {
                engine.Statistics.CountAnomaly("link", "unsupported-" + ((int)linkType).ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            engine.ProcessFrame(linkType, reader.Data, reader.Timestamp);
            if (progress is not null && (reader.Packets & 0xFFFF) == 0)
            {
                progress(Math.Min(reader.Offset, length), length);
            }
        }

        progress?.Invoke(length, length);
        return reader.Packets;
    }
}
