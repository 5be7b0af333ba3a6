using System.Diagnostics;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Records;
using DeviceWatch.Dissect.Tls;
using DeviceWatch.Proxy.WebSockets;

namespace DeviceWatch.Proxy.Recording;

/// <summary>
/// What the proxy records about one client connection: volume in both directions, the decrypted bytes fed to a
/// dissector (HTTP or MQTT) whose facts become records and payloads, and the <see cref="ConnRecord"/> at the end.
/// The relay calls <see cref="Observe"/> with the bytes it forwards; nothing here alters them.
/// </summary>
internal sealed class ProxyFlow : IFactSink
{
    private readonly ProxyRecorder _recorder;
    private readonly Lock _lock = new();
    private readonly List<PendingRequest> _pendingRequests = [];
    private readonly long _startTimestamp = Stopwatch.GetTimestamp();
    private IStreamDissector? _dissector;
    private long _origBytes;
    private long _respBytes;
    private long _lastActivity = Environment.TickCount64;
    private bool _ended;
    private DateTime? _requestStart;
    private DateTime? _responseStart;
    private string? _webSocketUrl;

    public ProxyFlow(ProxyRecorder recorder, string clientIp, int clientPort, string deviceId)
    {
        _recorder = recorder;
        ClientIp = clientIp;
        ClientPort = clientPort;
        DeviceId = deviceId;
    }

    public string Uid { get; } = FlowUid.Next();
    public DateTime Start { get; } = DateTime.UtcNow;
    public string ClientIp { get; }
    public int ClientPort { get; }
    public string DeviceId { get; }
    public string DestinationHost { get; set; } = "";
    public int DestinationPort { get; set; }
    public string? ServerName { get; set; }
    public string? Service { get; set; }
    /// <summary>True when the content was not read (TLS passed through, or unknown protocol).</summary>
    public bool Encrypted { get; set; }
    /// <summary><see cref="Transports.TlsIntercepted"/> inside intercepted TLS, else <see cref="Transports.Cleartext"/>.</summary>
    public string Transport { get; set; } = Transports.Cleartext;
    public string State { get; set; } = "SF";
    public long LastActivity => Interlocked.Read(ref _lastActivity);
    public long OrigBytes => Interlocked.Read(ref _origBytes);
    public long RespBytes => Interlocked.Read(ref _respBytes);

    public string Destination => ServerName ?? DestinationHost;

    /// <summary>IP address of the upstream server currently relayed to (set by the relay when it opens a link).</summary>
    public string? ServerIp { get; set; }

    /// <summary>Bytes kept per WebSocket message for analysis.</summary>
    public int MaxMessageCapture { get; init; } = 1024 * 1024;

    public void Touch() => Interlocked.Exchange(ref _lastActivity, Environment.TickCount64);

    /// <summary>Starts dissecting the (decrypted) stream with <paramref name="dissector"/>.</summary>
    public void Dissect(IStreamDissector dissector)
    {
        lock (_lock)
        {
            _dissector = dissector;
        }
    }

    /// <summary>Bytes the relay forwarded in <paramref name="direction"/>.</summary>
    public void Observe(FlowDirection direction, ReadOnlySpan<byte> data)
    {
        Touch();
        if (direction == FlowDirection.FromOriginator)
        {
            Interlocked.Add(ref _origBytes, data.Length);
        }
        else
        {
            Interlocked.Add(ref _respBytes, data.Length);
        }

        if (_dissector is null || data.IsEmpty)
        {
            return;
        }

        lock (_lock)
        {
            if (_dissector is { WantsMoreData: true } dissector && !_ended)
            {
                var now = DateTime.UtcNow;
                if (direction == FlowDirection.FromOriginator)
                {
                    _requestStart ??= now;
                }
                else
                {
                    _responseStart ??= now;
                }

                try
                {
                    dissector.OnData(direction, data, now, this);
                }
                catch (Exception ex) when (StopDissecting(dissector, ex))
                {
                    return;
                }

                if (_webSocketUrl is not null && dissector is HttpStreamDissector)
                {
                    // After 101 Switching Protocols to websocket: the frames that follow (RFC 6455 §5).
                    _dissector = new WebSocketDissector(MaxMessageCapture);
                }
            }
        }
    }

    // A dissector's exception is a DeviceWatch bug met on some input: it must never break the device's connection
    // (the relay calls Observe with the bytes it forwards). The flow is dissected no further, counted and logged.
    // Facts go to the recorder's bounded queue, so nothing downstream throws through here.
    private bool StopDissecting(IStreamDissector dissector, Exception exception)
    {
        if (exception is OutOfMemoryException)
        {
            return false;
        }

        _dissector = null;
        if (Interlocked.Increment(ref _recorder.Statistics.DissectorFailureCount) == 1)
        {
            _recorder.Log($"{dissector.Protocol} dissector failed on connection {Uid} ({Destination}), which is relayed but dissected no further: {exception.GetType().FullName}: {exception.Message}. Please report this.");
        }

        return true;
    }

    /// <summary>The TLS handshake of the client with the proxy (or the passed-through ClientHello).</summary>
    public void RecordTls(TlsClientHello hello, string? version, string? serverAlpn, bool established)
    {
        _recorder.Tls(new TlsRecord
        {
            Ts = hello.Timestamp,
            Uid = Uid,
            Device = DeviceId,
            ServerName = hello.ServerName,
            Alpn = hello.Alpn,
            Version = version ?? TlsNames.VersionName(hello.SupportedVersions.Count > 0 ? hello.SupportedVersions.Max() : hello.LegacyVersion),
            Ja3 = hello.Ja3,
            Ja4 = hello.Ja4,
            RespH = DestinationHost,
            RespP = DestinationPort,
            ServerAlpn = serverAlpn,
            ClientVersions = hello.SupportedVersions.Select(TlsNames.VersionName).ToArray(),
            Established = established,
        });
    }

    /// <summary>The connection is over: flush the dissector and write the <see cref="ConnRecord"/> (once).</summary>
    public void End()
    {
        var now = DateTime.UtcNow;
        lock (_lock)
        {
            if (_ended)
            {
                return;
            }

            if (_dissector is { } dissector)
            {
                try
                {
                    dissector.OnEnd(now, this);
                }
                catch (Exception ex) when (StopDissecting(dissector, ex))
                {
                    // Counted and logged; the pending requests and the connection record are still written.
                }
            }

            _ended = true;
            foreach (var pending in _pendingRequests)
            {
                _recorder.Http(ToHttpRecord(pending.Request, null));
                RecordExchange(pending, null);
            }

            _pendingRequests.Clear();
        }

        _recorder.Conn(new ConnRecord
        {
            Uid = Uid,
            Ts = Start,
            Proto = "tcp",
            OrigH = ClientIp,
            OrigP = ClientPort,
            RespH = DestinationHost,
            RespP = DestinationPort,
            Device = DeviceId,
            Service = Service,
            Duration = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds,
            OrigBytes = Interlocked.Read(ref _origBytes),
            RespBytes = Interlocked.Read(ref _respBytes),
            State = State,
            ServerName = ServerName,
            Encrypted = Encrypted,
            Source = "proxy",
        });
    }

    /// <inheritdoc />
    void IFactSink.Emit(DissectedFact fact)
    {
        switch (fact)
        {
            case HttpRequestMessage request:
                OnRequest(request);
                break;
            case HttpResponseMessage response:
                OnResponse(response);
                break;
            case MqttPacket packet:
                OnMqtt(packet);
                break;
            case WebSocketMessage message:
                OnWebSocketMessage(message);
                break;
            case WebSocketControlFrame:
                Interlocked.Increment(ref _recorder.Statistics.WebSocketControlFrameCount);
                break;
        }
    }

    /// <inheritdoc />
    void IFactSink.CountAnomaly(string protocol, string kind)
    {
    }

    private void OnRequest(HttpRequestMessage request)
    {
        if (_pendingRequests.Count >= 64)
        {
            _recorder.Http(ToHttpRecord(_pendingRequests[0].Request, null));
            RecordExchange(_pendingRequests[0], null);
            _pendingRequests.RemoveAt(0);
        }

        _pendingRequests.Add(new PendingRequest(request, _requestStart ?? request.Timestamp, ServerIp));
        _requestStart = null;
        _recorder.Payload(FactRecords.RequestPayload(Origin, request));
    }

    private void OnResponse(HttpResponseMessage response)
    {
        var index = response.Request is { } answered ? _pendingRequests.FindIndex(p => ReferenceEquals(p.Request, answered)) : -1;
        if (index >= 0)
        {
            RecordExchange(_pendingRequests[index], response);
            _pendingRequests.RemoveAt(index);
        }

        _responseStart = null;
        _recorder.Http(ToHttpRecord(response.Request, response));
        if (response.Status == 101 && response.Header("Upgrade") is { } upgrade && upgrade.Contains("websocket", StringComparison.OrdinalIgnoreCase))
        {
            _webSocketUrl = response.Request?.Target ?? "";
        }
    }

    private void RecordExchange(PendingRequest pending, HttpResponseMessage? response)
    {
        if (!_recorder.WantsExchanges)
        {
            return;
        }

        _recorder.Exchange(new ProxiedExchange
        {
            Uid = Uid,
            Device = DeviceId,
            ClientIp = ClientIp,
            Scheme = Transport == Transports.TlsIntercepted ? "https" : "http",
            Destination = Destination,
            DestinationPort = DestinationPort,
            ServerIp = pending.ServerIp ?? ServerIp,
            Transport = Transport,
            Request = pending.Request,
            Response = response,
            RequestStarted = pending.Started,
            ResponseStarted = response is null ? null : _responseStart ?? response.Timestamp,
        });
    }

    private void OnWebSocketMessage(WebSocketMessage message)
    {
        Interlocked.Increment(ref _recorder.Statistics.WebSocketMessageCount);
        if (message.Direction == FlowDirection.FromOriginator)
        {
            _recorder.Payload(FactRecords.WebSocketPayload(Origin, message.Timestamp, _webSocketUrl, message.Body, message.Length, message.Truncated));
        }
    }

    private HttpRecord ToHttpRecord(HttpRequestMessage? request, HttpResponseMessage? response) =>
        FactRecords.Http(Origin, request, response);

    private void OnMqtt(MqttPacket packet)
    {
        _recorder.Mqtt(FactRecords.Mqtt(Origin, packet));
        if (packet.Direction == FlowDirection.FromOriginator && FactRecords.MqttPayload(Origin, packet) is { } payload)
        {
            _recorder.Payload(payload);
        }
    }

    private PayloadOrigin Origin => new(Uid, DeviceId, ClientIp, ClientIp, Destination, DestinationPort, Transport);
}
