using System.Buffers;
using PacketDotNet;
using SharpPcap;
using SharpPcap.LibPcap;

namespace DeviceWatch.Capture.Live;

/// <summary>
/// Captures frames on one or more interfaces with libpcap. Each frame is copied into a pooled buffer and offered to
/// the pipeline (<c>offer</c> returns false when its queue is full); a refused frame is counted as a pipeline drop,
/// never lost silently. Kernel drops come from libpcap's statistics.
/// </summary>
public sealed class LiveCaptureSource : IDisposable
{
    private readonly LiveCaptureOptions _options;
    private readonly Func<LivePacket, bool> _offer;
    private readonly List<LibPcapLiveDevice> _devices = [];
    private readonly long[] _delivered;
    private readonly long[] _pipelineDropped;
    private readonly LiveInterfaceCounters?[] _lastKernel;
    private bool _capturing;

    /// <summary>Creates a source; nothing is opened until <see cref="Start"/>.</summary>
    public LiveCaptureSource(LiveCaptureOptions options, Func<LivePacket, bool> offer)
    {
        if (options.Interfaces.Count == 0)
        {
            throw new LiveCaptureException("no interface to capture on");
        }

        _options = options;
        _offer = offer;
        _delivered = new long[options.Interfaces.Count];
        _pipelineDropped = new long[options.Interfaces.Count];
        _lastKernel = new LiveInterfaceCounters?[options.Interfaces.Count];
    }

    /// <summary>Link layer of each interface (valid after <see cref="Start"/>), in the order of the options.</summary>
    public IReadOnlyList<LinkLayers> LinkTypes => _devices.Select(d => d.LinkType).ToArray();

    /// <summary>Opens every interface, applies the filter and starts capturing; throws <see cref="LiveCaptureException"/> with the cause.</summary>
    public void Start()
    {
        IReadOnlyList<LibPcapLiveDevice> available;
        try
        {
            available = LibPcapLiveDeviceList.New();
        }
        catch (Exception ex) when (ex is PcapException or DllNotFoundException)
        {
            throw new LiveCaptureException("libpcap is not usable (install libpcap0.8): " + ex.Message, ex);
        }

        for (var i = 0; i < _options.Interfaces.Count; i++)
        {
            var name = _options.Interfaces[i];
            var device = available.FirstOrDefault(d => d.Name == name)
                ?? throw new LiveCaptureException($"interface '{name}' not found; available: {string.Join(", ", available.Select(d => d.Name))}");
            try
            {
                device.Open(new DeviceConfiguration
                {
                    Mode = _options.Promiscuous ? DeviceModes.Promiscuous : DeviceModes.None,
                    ReadTimeout = 100,
                    BufferSize = _options.BufferSizeBytes,
                    Snaplen = _options.SnapLength,
                    Immediate = true,
                });
            }
            catch (Exception ex) when (ex is PcapException or DllNotFoundException)
            {
                throw new LiveCaptureException($"interface '{name}': cannot open ({ex.Message}); capturing needs root or CAP_NET_RAW", ex);
            }

            _devices.Add(device);
            if (!string.IsNullOrWhiteSpace(_options.Filter))
            {
                try
                {
                    device.Filter = _options.Filter;
                }
                catch (PcapException ex)
                {
                    throw new LiveCaptureException($"filter '{_options.Filter}' on '{name}': {ex.Message}", ex);
                }
            }

            var index = i;
            device.OnPacketArrival += (_, capture) => OnPacket(index, device.LinkType, capture);
        }

        foreach (var device in _devices)
        {
            device.StartCapture();
        }

        _capturing = true;
    }

    /// <summary>Current counters of every interface.</summary>
    public IReadOnlyList<LiveInterfaceCounters> Counters()
    {
        var result = new LiveInterfaceCounters[_options.Interfaces.Count];
        for (var i = 0; i < result.Length; i++)
        {
            long received = 0, kernel = 0, iface = 0;
            if (i < _devices.Count && _capturing)
            {
                try
                {
                    var stats = _devices[i].Statistics;
                    received = stats.ReceivedPackets;
                    kernel = stats.DroppedPackets;
                    iface = stats.InterfaceDroppedPackets;
                }
                catch (Exception ex) when (ex is PcapException or DeviceNotReadyException or InvalidOperationException)
                {
                    // The device is closing: keep the last counters read.
                    if (_lastKernel[i] is { } last)
                    {
                        (received, kernel, iface) = (last.Received, last.KernelDropped, last.InterfaceDropped);
                    }
                }
            }
            else if (_lastKernel[i] is { } last)
            {
                (received, kernel, iface) = (last.Received, last.KernelDropped, last.InterfaceDropped);
            }

            result[i] = new LiveInterfaceCounters(_options.Interfaces[i], received, kernel, iface, Interlocked.Read(ref _delivered[i]), Interlocked.Read(ref _pipelineDropped[i]));
            _lastKernel[i] = result[i];
        }

        return result;
    }

    /// <summary>Stops capturing (the kernel counters are read one last time first) and closes every interface.</summary>
    public void Stop()
    {
        if (!_capturing)
        {
            return;
        }

        Counters();
        _capturing = false;
        foreach (var device in _devices)
        {
            try
            {
                device.StopCapture();
            }
            catch (PcapException)
            {
                // Already stopped.
            }

            device.Close();
        }
    }

    /// <summary>Stops and closes.</summary>
    public void Dispose() => Stop();

    private void OnPacket(int index, LinkLayers linkType, PacketCapture capture)
    {
        var data = capture.Data;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(buffer);
        var packet = new LivePacket(index, linkType, buffer, data.Length, capture.Header is PcapHeader header ? (int)header.PacketLength : data.Length, capture.Header.Timeval.Date);
        if (_offer(packet))
        {
            Interlocked.Increment(ref _delivered[index]);
        }
        else
        {
            ArrayPool<byte>.Shared.Return(buffer);
            Interlocked.Increment(ref _pipelineDropped[index]);
        }
    }
}
