using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Threading.Channels;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Capture.Live;
using DeviceWatch.Capture.Pipeline;
using DeviceWatch.Capture.Writing;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Proxy;
using DeviceWatch.Proxy.Certificates;
using DeviceWatch.Reports;
using DeviceWatch.Store.Jsonl;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// One lab session: live capture (and the transparent proxy) → one pipeline thread → the same recorder, analysis
/// and outputs as <c>analyze</c>. Capture threads hand frames over a bounded queue (full: the frame is dropped and
/// counted); the pipeline thread also writes the rotated capture files. <see cref="Stop"/> drains everything and
/// writes findings, report, devices and the session store.
/// </summary>
internal sealed class RunSession : IDisposable
{
    private readonly RunSettings _settings;
    private readonly ProfileSet _profiles;
    private readonly TextWriter _log;
    private readonly Channel<RunWorkItem> _queue;
    private readonly ConcurrentDictionary<string, string> _deviceByIp = new(StringComparer.Ordinal);
    private readonly List<StoredTlsInterception> _interceptions = [];
    private readonly Dictionary<int, RotatingCaptureWriter> _writers = [];
    private RunPhaseBook? _phases;
    private AnalysisSession? _analysis;
    private SessionRecorder? _recorder;
    private ObservationStage? _stage;
    private RunCaptureStage? _captureStage;
    private CaptureEngine? _engine;
    private LiveCaptureSource? _source;
    private ProxyServer? _proxy;
    private CertificateAuthority? _authority;
    private RunControlServer? _control;
    private Thread? _pipeline;
    private Timer? _timer;
    private Exception? _pipelineFailure;
    private DateTime _nextSummary;
    private DateTime _nextFindings;
    private long _lastPackets;
    private bool _stopped;

    public RunSession(RunSettings settings, ProfileSet profiles, TextWriter log)
    {
        _settings = settings;
        _profiles = profiles;
        _log = log;
        _queue = Channel.CreateBounded<RunWorkItem>(new BoundedChannelOptions(settings.Capture.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        SessionId = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Session name: the UTC start time; capture files go to <c>OUT/captures/SESSION/</c>.</summary>
    public string SessionId { get; }

    public string CaptureFolder => Path.Combine(_settings.Output, "captures", SessionId);

    /// <summary>Rotated capture files written so far.</summary>
    public IReadOnlyList<string> CaptureFiles => _writers.OrderBy(w => w.Key).SelectMany(w => w.Value.Files).ToArray();

    /// <summary>Capture counters per interface (empty without capture).</summary>
    public IReadOnlyList<LiveInterfaceCounters> CaptureCounters => _source?.Counters() ?? [];

    /// <summary>The findings written at stop (null before).</summary>
    public FindingsDocument? Findings { get; private set; }

    /// <summary>Opens everything; throws <see cref="UsageException"/> for a bad interface, filter, listen address or CA.</summary>
    public void Start()
    {
        Directory.CreateDirectory(_settings.Output);
        Directory.CreateDirectory(CaptureFolder);

        // 1. The pipeline as in analyze; phases tagged live go to the analysis.
        _analysis = new AnalysisSession(_profiles, new AnalysisOptions { ShowValues = _settings.ShowValues });
        _phases = new RunPhaseBook(_profiles, _analysis);
        _recorder = new SessionRecorder(_settings.Output, _analysis, _settings.ShowValues);
        var contexts = new InspectionContexts(_profiles, DeviceIdOfKey);
        _stage = new ObservationStage(contexts.For, _recorder.OnObservation);
        _captureStage = _settings.Proxy is { Enabled: true, Transparent: true } proxied
            ? new RunCaptureStage(_stage, proxied.RedirectedPorts.Append(IPEndPoint.TryParse(proxied.Listen, out var listen) ? listen.Port : 0).ToHashSet())
            : null;
        _engine = new CaptureEngine(_recorder, (IAnalysisStage?)_captureStage ?? _stage, new CaptureEngineOptions(), new ProfileIdentityResolver(_profiles));
        _pipeline = new Thread(PipelineLoop) { Name = "devicewatch pipeline", IsBackground = true };
        _pipeline.Start();

        // 2. Sources: capture, proxy, control endpoint.
        var capture = _settings.Capture;
        if (capture.Interfaces.Count > 0)
        {
            _source = new LiveCaptureSource(
                new LiveCaptureOptions
                {
                    Interfaces = capture.Interfaces,
                    Filter = capture.Filter,
                    BufferSizeBytes = capture.BufferSizeMb * 1024 * 1024,
                    SnapLength = capture.SnapLength,
                },
                packet => _queue.Writer.TryWrite(new RunWorkItem(packet, null)));
            try
            {
                _source.Start();
            }
            catch (LiveCaptureException ex)
            {
                throw new UsageException("Capture: " + ex.Message);
            }
        }

        if (_settings.Proxy.Enabled)
        {
            StartProxy();
        }

        _control = new RunControlServer(_settings.Control, TagAsync);
        _control.Start();
        var tick = TimeSpan.FromSeconds(capture.FlushSeconds);
        _timer = new Timer(_ => _queue.Writer.TryWrite(new RunWorkItem(default, OnTick)), null, tick, tick);
        _nextSummary = DateTime.UtcNow.AddSeconds(_settings.SummaryIntervalSeconds);
        _nextFindings = DateTime.UtcNow.AddSeconds(_settings.FindingsRefreshSeconds);
        _log.WriteLine($"devicewatch run: session {SessionId}: capturing on {(capture.Interfaces.Count == 0 ? "(none)" : string.Join(", ", capture.Interfaces))}"
            + (string.IsNullOrEmpty(capture.Filter) ? "" : $" filter '{capture.Filter}'")
            + (_proxy is null ? "" : $", proxy on {_proxy.LocalEndPoint}")
            + (_proxy is not null && _settings.Proxy.Transparent ? $" (analysis of ports {string.Join(",", _settings.Proxy.RedirectedPorts)} left to the proxy)" : "")
            + $"; control {_settings.Control}; output {Path.GetFullPath(_settings.Output)}");
    }

    /// <summary>Marks a phase (from the control endpoint); runs on the pipeline thread.</summary>
    public Task<string?> TagAsync(string device, PhaseState state, IReadOnlyList<string> functions)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var at = DateTime.UtcNow;
        if (!_queue.Writer.TryWrite(new RunWorkItem(default, () =>
            {
                var error = _phases!.Tag(device, state, functions, at);
                if (error is null)
                {
                    _log.WriteLine($"devicewatch run: {device}: {PhaseStates.Name(state)}{(functions.Count == 0 ? "" : " (" + string.Join(", ", functions) + " off)")} from {at:O}");
                }

                done.TrySetResult(error);
            })))
        {
            done.TrySetResult("the session is busy or stopping; try again");
        }

        return done.Task;
    }

    /// <summary>Stops every source, drains the queue and writes every output. Returns the findings.</summary>
    public FindingsDocument Stop()
    {
        if (_stopped)
        {
            return Findings!;
        }

        _stopped = true;
        var end = DateTime.UtcNow;

        // 1. No new input: control, proxy (its last records are posted while the pipeline still runs), capture.
        _control?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _control = null;
        if (_proxy is not null)
        {
            _proxy.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _source?.Stop();
        _timer?.Dispose();

        // 2. Drain the queue on the pipeline thread, then own everything here.
        _queue.Writer.TryComplete();
        _pipeline?.Join();
        if (_pipelineFailure is not null)
        {
            throw new InvalidOperationException("the pipeline failed: " + _pipelineFailure.Message, _pipelineFailure);
        }

        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        // 3. The outputs of analyze.
        var engine = _engine!;
        var analysis = _analysis!;
        var recorder = _recorder!;
        engine.Complete();
        _phases!.CloseAll(end);
        var devices = MergeDevices(engine.DeviceSnapshot(), _proxy?.Devices ?? []);
        JsonlRecordWriter.WriteDevices(_settings.Output, devices);
        foreach (var device in devices)
        {
            analysis.AddDevice(device);
        }

        var captures = CaptureFiles.Select(Path.GetFileName).OfType<string>().ToArray();
        var document = analysis.Complete(captures.Length == 0 && _proxy is not null ? [$"proxy {_proxy.LocalEndPoint}"] : captures);
        var findingsJson = FindingsJson.Serialize(document);
        ReportFolder.Write(_settings.Output, findingsJson);
        // SaveFindings stores the phases of the devices in the document (profile and live); live phases of devices
        // without traffic are added after it.
        var tagged = _phases.Tagged.Where(t => !document.Devices.Any(d => d.Id == t.Device)).ToArray();
        var interceptions = _interceptions.ToArray();
        recorder.Save(store =>
        {
            store.SaveCaptures(captures);
            store.SaveDevices(devices);
            store.SaveTlsInterceptions(interceptions);
            store.SaveFindings(findingsJson);
            store.SavePhases(tagged);
        });
        recorder.Complete();
        WriteCaptureStatistics();
        Findings = document;
        PrintSummary("session summary", final: true);
        return document;
    }

    public void Dispose()
    {
        if (!_stopped)
        {
            _control?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _proxy?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _source?.Stop();
            _timer?.Dispose();
            _queue.Writer.TryComplete();
            _pipeline?.Join();
            foreach (var writer in _writers.Values)
            {
                writer.Dispose();
            }
        }

        _recorder?.Dispose();
        _authority?.Dispose();
    }

    private void StartProxy()
    {
        var proxy = _settings.Proxy;
        var trust = new X509Certificate2Collection();
        foreach (var file in proxy.UpstreamCa)
        {
            trust.ImportFromPemFile(file);
        }

        _authority = CaCommand.LoadAuthority(proxy.State);
        string DeviceIdOf(string ip) => _deviceByIp.TryGetValue(ip, out var id) ? id : _profiles.Match(null, [ip], null)?.Id ?? ip;
        var bridge = new RunProxyBridge(Post, _recorder!, _stage!);
        var options = new ProxyOptions
        {
            Listen = IPEndPoint.Parse(proxy.Listen),
            Transparent = proxy.Transparent,
            Clients = proxy.Clients.Count == 0 ? [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")] : proxy.Clients.Select(c => IPNetwork.Parse(c)).ToArray(),
            UpstreamTrust = trust,
            PinningFailureThreshold = proxy.PinningThreshold,
            DeviceIdOf = DeviceIdOf,
        };
        var sinks = new ProxySinks
        {
            Records = bridge,
            Analysis = bridge,
            Interceptions = e => Post(() =>
            {
                _analysis!.AddTlsInterception(new TlsInterceptionEvent(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason));
                _interceptions.Add(new StoredTlsInterception(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason));
            }),
            Log = line => _log.WriteLine("devicewatch proxy: " + line),
        };
        _proxy = new ProxyServer(options, _authority, sinks);
        try
        {
            _proxy.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new UsageException($"Proxy:Listen {proxy.Listen}: cannot listen ({ex.SocketErrorCode})");
        }
    }

    /// <summary>Posts work to the pipeline thread, waiting while the queue is full.</summary>
    private void Post(Action work) => _queue.Writer.WriteAsync(new RunWorkItem(default, work)).AsTask().GetAwaiter().GetResult();

    private void PipelineLoop()
    {
        var reader = _queue.Reader;
        try
        {
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var item))
                {
                    if (item.Work is { } work)
                    {
                        work();
                        continue;
                    }

                    var packet = item.Packet;
                    try
                    {
                        Writer(packet).Write(packet.Timestamp, packet.Frame, packet.OriginalLength);
                        _engine!.ProcessFrame(packet.LinkType, packet.Frame, packet.Timestamp);
                    }
                    finally
                    {
                        packet.Release();
                    }
                }
            }
        }
        catch (Exception ex)
        {
            // Recorded and surfaced by Stop; the capture keeps counting what it can no longer deliver.
            _pipelineFailure = ex;
            _log.WriteLine("devicewatch run: pipeline failed: " + ex);
            while (reader.TryRead(out var item))
            {
                if (item.Work is null)
                {
                    item.Packet.Release();
                }
            }
        }
    }

    private RotatingCaptureWriter Writer(in LivePacket packet)
    {
        if (!_writers.TryGetValue(packet.Interface, out var writer))
        {
            var policy = new RotationPolicy
            {
                MaxBytes = _settings.Capture.RotateMb * 1024L * 1024L,
                MaxAge = TimeSpan.FromSeconds(_settings.Capture.RotateSeconds),
            };
            writer = new RotatingCaptureWriter(CaptureFolder, _settings.Capture.Interfaces[packet.Interface], packet.LinkType, policy, _settings.Capture.SnapLength);
            _writers[packet.Interface] = writer;
        }

        return writer;
    }

    /// <summary>Timer work on the pipeline thread: flush capture files and logs, refresh the IP map, print the summary.</summary>
    private void OnTick()
    {
        foreach (var writer in _writers.Values)
        {
            writer.Flush();
        }

        _recorder!.Flush();
        RefreshDeviceIps();

        if (_settings.SummaryIntervalSeconds > 0 && DateTime.UtcNow >= _nextSummary)
        {
            _nextSummary = DateTime.UtcNow.AddSeconds(_settings.SummaryIntervalSeconds);
            PrintSummary("live", final: false);
        }

        if (_settings.FindingsRefreshSeconds > 0 && DateTime.UtcNow >= _nextFindings)
        {
            _nextFindings = DateTime.UtcNow.AddSeconds(_settings.FindingsRefreshSeconds);
            RefreshFindings();
        }
    }

    /// <summary>
    /// Rewrites findings.json with the findings so far (phases tagged and closed so far included), atomically: a
    /// reader sees the previous or the new document, never a partial one. Runs on the pipeline thread.
    /// </summary>
    private void RefreshFindings()
    {
        var devices = MergeDevices(_engine!.DeviceSnapshot(), _proxy?.Devices ?? []);
        var captures = CaptureFiles.Select(Path.GetFileName).OfType<string>().ToArray();
        var document = _analysis!.Preview(captures, devices);
        var path = Path.Combine(_settings.Output, "findings.json");
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, FindingsJson.Serialize(document));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// The device id of a payload's or flow's device key, on the pipeline thread: the capture keys devices by MAC,
    /// the proxy by client IP, which is looked up among the devices the capture has seen (refreshed on a miss), so
    /// proxied payloads get the profile's id, known values and first parties too.
    /// </summary>
    private string DeviceIdOfKey(string key)
    {
        var devices = _engine!.Devices;
        if (devices.Find(key) is not null)
        {
            return devices.IdOf(key);
        }

        if (!IPAddress.TryParse(key, out _))
        {
            return key;
        }

        if (!_deviceByIp.TryGetValue(key, out var id))
        {
            RefreshDeviceIps();
            _deviceByIp.TryGetValue(key, out id);
        }

        return id ?? _profiles.Match(null, [key], null)?.Id ?? key;
    }

    /// <summary>Refreshes the IP → device id map the proxy names its clients by (pipeline thread).</summary>
    private void RefreshDeviceIps()
    {
        foreach (var device in _engine!.DeviceSnapshot())
        {
            foreach (var ip in device.Ips)
            {
                _deviceByIp[ip] = device.Id ?? device.Mac;
            }
        }
    }

    private void PrintSummary(string title, bool final)
    {
        var culture = CultureInfo.InvariantCulture;
        var stats = _engine!.Statistics;
        var devices = _engine.DeviceSnapshot();
        var destinations = devices.SelectMany(d => d.Destinations).Distinct(StringComparer.Ordinal).Count();
        var counters = _source?.Counters() ?? [];
        // At the end, frames the kernel counted as received that neither a drop counter nor the pipeline accounts
        // for are shown too (libpcap does not attribute every ring overrun), so no loss is silent.
        var drops = string.Join(", ", counters.Select(c => string.Create(culture, $"{c.Name}: {c.Received} received, {c.KernelDropped + c.InterfaceDropped} kernel drops, {c.PipelineDropped} pipeline drops")
            + (final ? string.Create(culture, $", {Math.Max(0, c.Received - c.KernelDropped - c.InterfaceDropped - c.Delivered - c.PipelineDropped)} unaccounted") : "")));
        var rate = final ? "" : string.Create(culture, $", {(stats.Packets - _lastPackets) / Math.Max(1, _settings.SummaryIntervalSeconds)} pkt/s");
        _lastPackets = stats.Packets;
        _log.WriteLine(string.Create(culture, $"devicewatch run [{title}]: {stats.Packets} packets{rate}, {stats.Flows} flows ended, {devices.Count} devices, {destinations} destinations, {_analysis!.ObservationCount} observations; {drops}"));
        if (final && Findings is { } document)
        {
            var findings = document.AllFindings.ToList();
            _log.WriteLine($"devicewatch run: findings: {findings.Count}" + (findings.Count == 0 ? "" : " (" + string.Join(", ", findings.GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) + ")"));
            _log.WriteLine($"devicewatch run: output {Path.GetFullPath(_settings.Output)}; captures {Path.GetFullPath(CaptureFolder)} ({CaptureFiles.Count} files)");
            if (_captureStage is not null)
            {
                _log.WriteLine($"devicewatch run: {_captureStage.LeftToProxy} captured payloads and flows on redirected ports left to the proxy");
            }
        }

        if (final && stats.FirstDissectorFailure is { } failure)
        {
            _log.WriteLine(string.Create(culture, $"devicewatch run: warning: a dissector failed on {stats.DissectorFailures} flow(s), which were dissected no further; the first: {failure}"));
        }
    }

    private void WriteCaptureStatistics()
    {
        var counters = _source?.Counters() ?? [];
        var stats = _engine!.Statistics;
        using var stream = File.Create(Path.Combine(_settings.Output, "capture-stats.json"));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("session", SessionId);
        json.WriteNumber("packets", stats.Packets);
        json.WriteNumber("bytes", stats.Bytes);
        json.WriteNumber("flows", stats.Flows);
        json.WriteNumber("dissector_failures", stats.DissectorFailures);
        if (stats.FirstDissectorFailure is { } failure)
        {
            json.WriteString("first_dissector_failure", failure);
        }

        json.WriteStartArray("interfaces");
        foreach (var c in counters)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteNumber("received", c.Received);
            json.WriteNumber("kernel_dropped", c.KernelDropped);
            json.WriteNumber("interface_dropped", c.InterfaceDropped);
            json.WriteNumber("delivered", c.Delivered);
            json.WriteNumber("pipeline_dropped", c.PipelineDropped);
            // Counted by the kernel as received, never dropped by it, never handed to the pipeline (e.g. still in
            // the ring at stop, or lost inside libpcap/SharpPcap): reported, never silent.
            json.WriteNumber("unaccounted", Math.Max(0, c.Received - c.KernelDropped - c.InterfaceDropped - c.Delivered - c.PipelineDropped));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("captures");
        foreach (var file in CaptureFiles)
        {
            json.WriteStringValue(Path.GetRelativePath(_settings.Output, file));
        }

        json.WriteEndArray();
        if (_proxy is { } proxy)
        {
            var s = proxy.Statistics;
            json.WriteStartObject("proxy");
            json.WriteNumber("accepted", s.Accepted);
            json.WriteNumber("exchanges", s.Exchanges);
            json.WriteNumber("intercepted", s.Intercepted);
            json.WriteNumber("records_dropped", s.RecordsDropped);
            json.WriteNumber("dissector_failures", s.DissectorFailures);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static IReadOnlyList<DeviceRecord> MergeDevices(IReadOnlyList<DeviceRecord> captured, IReadOnlyList<DeviceRecord> proxied)
    {
        var known = captured.SelectMany(d => d.Ips).ToHashSet(StringComparer.Ordinal);
        return captured.Concat(proxied.Where(d => !d.Ips.Any(known.Contains))).ToArray();
    }
}
