using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tls;
using DeviceWatch.Proxy.Certificates;
using DeviceWatch.Proxy.Recording;
using DeviceWatch.Proxy.Relay;

namespace DeviceWatch.Proxy.Listening;

/// <summary>
/// One client connection, from its first byte to its end:
/// explicit HTTP proxy requests (CONNECT or absolute-form), or a connection that arrives already aimed at a server
/// (NAT redirect, or TLS straight to the proxy port) whose destination is the original one, else the SNI/Host.
/// TLS is intercepted with a minted leaf unless the device refused it too often for that host (then passed through).
/// </summary>
internal sealed class ClientSession(Socket socket, ProxyContext context)
{
    private const int PeekBytes = 64;
    private readonly ProxyOptions _options = context.Options;
    private ProxyFlow _flow = null!;
    private CancellationToken _ct;

    public async Task RunAsync(CancellationToken serverStopping)
    {
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        var clientIp = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4().ToString() : remote.Address.ToString();
        _flow = new ProxyFlow(context.Recorder, clientIp, remote.Port, _options.DeviceIdOf?.Invoke(clientIp) ?? clientIp) { MaxMessageCapture = _options.MaxBodyCapture };
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(serverStopping);
        _ct = cancel.Token;
        context.Idle.Add(_flow, cancel);
        var original = _options.Transparent ? OriginalDestination.TryGet(socket) : null;
        if (original is not null)
        {
            _flow.DestinationHost = original.Address.ToString();
            _flow.DestinationPort = original.Port;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            // 1. What the client speaks first.
            SniffedProtocol protocol;
            byte[] peeked;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_ct))
            {
                handshake.CancelAfter(_options.HandshakeTimeout);
                (protocol, peeked) = await ProtocolSniffer.PeekAsync(stream, PeekBytes, handshake.Token).ConfigureAwait(false);
            }

            var client = new PrefixedStream(peeked, stream);
            switch (protocol)
            {
                case SniffedProtocol.Tls:
                    await TlsAsync(client, original?.Address.ToString(), original?.Port).ConfigureAwait(false);
                    break;
                case SniffedProtocol.Http when original is null:
                    await ExplicitAsync(client).ConfigureAwait(false);
                    break;
                case SniffedProtocol.NeedMore when peeked.Length == 0:
                    _flow.State = "S1";
                    break;
                default:
                    if (original is null)
                    {
                        context.Recorder.Log($"{clientIp}:{remote.Port}: not HTTP or TLS and no original destination: closed");
                        _flow.State = "REJ";
                        break;
                    }

                    await PlainAsync(client, protocol, original.Address.ToString(), original.Port).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (HttpRelay.IsDisconnect(ex))
        {
            _flow.State = _ct.IsCancellationRequested && !serverStopping.IsCancellationRequested ? "OTH" : _flow.State;
        }
        finally
        {
            context.Idle.Remove(_flow);
            await stream.DisposeAsync().ConfigureAwait(false);
            _flow.End();
        }
    }

    /// <summary>Explicit proxy mode: CONNECT opens a tunnel; any other method is relayed as plain HTTP.</summary>
    private async Task ExplicitAsync(PrefixedStream client)
    {
        var reader = PipeReader.Create(client, new StreamPipeReaderOptions(bufferSize: UpstreamLink.ReadBufferSize, minimumReadSize: UpstreamLink.ReadBufferSize / 4, leaveOpen: true));
        var (status, head) = await HttpHeadReader.ReadAsync(reader, isRequest: true, _options.MaxHeaderBytes, consume: false, _ct).ConfigureAwait(false);
        if (head is { Method: "CONNECT" })
        {
            var result = await reader.ReadAsync(_ct).ConfigureAwait(false);
            reader.AdvanceTo(result.Buffer.GetPosition(head.Raw.Length));
            _flow.Observe(FlowDirection.FromOriginator, head.Raw);
            if (!Authority.TryParse(head.Target, 443, out var host, out var port))
            {
                Interlocked.Increment(ref context.Statistics.BadRequestCount);
                await ProxyAnswers.TrySendAsync(client, 400, "CONNECT needs host:port").ConfigureAwait(false);
                return;
            }

            _flow.DestinationHost = host;
            _flow.DestinationPort = port;
            await client.WriteAsync(ProxyAnswers.ConnectEstablished, _ct).ConfigureAwait(false);

            // Whatever the client sent after its CONNECT head is already in the pipe: replay it first.
            var leftover = reader.TryRead(out var rest) ? rest.Buffer.ToArray() : [];
            if (rest.Buffer.Length > 0)
            {
                reader.AdvanceTo(rest.Buffer.End);
            }

            await reader.CompleteAsync().ConfigureAwait(false);
            var tunnel = new PrefixedStream(leftover, client);
            SniffedProtocol protocol;
            byte[] peeked;
            using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_ct))
            {
                handshake.CancelAfter(_options.HandshakeTimeout);
                (protocol, peeked) = await ProtocolSniffer.PeekAsync(tunnel, PeekBytes, handshake.Token).ConfigureAwait(false);
            }

            var inner = new PrefixedStream(peeked, tunnel);
            if (protocol == SniffedProtocol.Tls)
            {
                await TlsAsync(inner, host, port).ConfigureAwait(false);
            }
            else if (peeked.Length > 0)
            {
                await PlainAsync(inner, protocol, host, port).ConfigureAwait(false);
            }

            return;
        }

        if (head is null && status == HttpHeadStatus.EndOfStream)
        {
            return;
        }

        // Absolute-form requests (or a malformed head: the relay answers 400/431).
        _flow.Service = "http";
        _flow.Dissect(new HttpStreamDissector(Limits()));
        await using var upstreams = new ForwardUpstreamSource(context.Connector, (h, p) =>
        {
            _flow.DestinationHost = h;
            _flow.DestinationPort = p;
            _flow.ServerName ??= IPAddress.TryParse(h, out _) ? null : h;
        });
        await new HttpRelay(_flow, reader, client, upstreams, _options, context.Statistics, context.Recorder).RunAsync(_ct).ConfigureAwait(false);
    }

    /// <summary>A cleartext stream to a known destination: HTTP relayed and dissected, MQTT and others piped and dissected.</summary>
    private async Task PlainAsync(Stream client, SniffedProtocol protocol, string host, int port)
    {
        _flow.DestinationHost = host;
        _flow.DestinationPort = port;
        _flow.Transport = Transports.Cleartext;
        if (protocol == SniffedProtocol.Http)
        {
            _flow.Service = "http";
            _flow.Dissect(new HttpStreamDissector(Limits()));
            var reader = PipeReader.Create(client, new StreamPipeReaderOptions(bufferSize: UpstreamLink.ReadBufferSize, minimumReadSize: UpstreamLink.ReadBufferSize / 4, leaveOpen: true));
            await using var upstreams = new FixedUpstreamSource(context.Connector, host, port, null, tls: false, null, null);
            await new HttpRelay(_flow, reader, client, upstreams, _options, context.Statistics, context.Recorder).RunAsync(_ct).ConfigureAwait(false);
            return;
        }

        var (socket, failure) = await context.Connector.ConnectTcpAsync(host, port, _ct).ConfigureAwait(false);
        if (socket is null)
        {
            Interlocked.Increment(ref context.Statistics.UpstreamFailureCount);
            context.Recorder.Log($"{_flow.ClientIp} → {host}:{port}: {failure!.Message}");
            _flow.State = "REJ";
            return;
        }

        _flow.Service = protocol == SniffedProtocol.Mqtt ? "mqtt" : null;
        _flow.Encrypted = protocol != SniffedProtocol.Mqtt;
        if (protocol == SniffedProtocol.Mqtt)
        {
            _flow.Dissect(new MqttStreamDissector(Limits()));
        }

        await using var upstream = new NetworkStream(socket, ownsSocket: true);
        await ByteRelay.RunAsync(client, upstream, _flow, _ct).ConfigureAwait(false);
    }

    /// <summary>
    /// A TLS ClientHello: 1. read it (SNI, ALPN); 2. pass through when the device pinned this host; else
    /// 3. connect and validate the upstream first (its names join the leaf's SANs); 4. handshake with the client on a
    /// minted leaf — an abort is recorded as a pinning failure; 5. relay the decrypted stream (HTTP, MQTT, bytes);
    /// an upstream that failed is answered 502/504 to an HTTP client.
    /// </summary>
    private async Task TlsAsync(PrefixedStream client, string? host, int? port)
    {
        _flow.Service = "tls";
        _flow.Encrypted = true;
        TlsClientHello? hello;
        byte[] helloBytes;
        using (var handshake = CancellationTokenSource.CreateLinkedTokenSource(_ct))
        {
            handshake.CancelAfter(_options.HandshakeTimeout);
            (hello, helloBytes) = await ClientHelloReader.ReadAsync(client, [], 64 * 1024, handshake.Token).ConfigureAwait(false);
        }

        var sni = hello?.ServerName;
        var destinationHost = host ?? sni;
        var destinationPort = port ?? _options.SniFallbackPort;
        _flow.DestinationHost = destinationHost ?? "";
        _flow.DestinationPort = destinationPort;
        _flow.ServerName = sni ?? (host is not null && !IPAddress.TryParse(host, out _) ? host : null);
        var certificateName = sni ?? host ?? _options.DefaultServerName;
        var replay = new PrefixedStream(helloBytes, client);
        if (hello is null)
        {
            context.Recorder.Log($"{_flow.ClientIp}: TLS without a readable ClientHello: closed");
            _flow.State = "REJ";
            return;
        }

        if (destinationHost is not null && context.Pinning.ShouldPassThrough(_flow.DeviceId, certificateName))
        {
            await PassThroughAsync(replay, hello, destinationHost, destinationPort).ConfigureAwait(false);
            return;
        }

        // 3. Upstream first.
        SslStream? upstream = null;
        UpstreamFailure? failure;
        var upstreamAlpn = MirrorAlpn(hello.Alpn);
        if (destinationHost is null)
        {
            failure = new UpstreamFailure(502, "no-destination", "no SNI and no original destination: nowhere to connect");
        }
        else
        {
            var upstreamSni = sni ?? (IPAddress.TryParse(destinationHost, out _) ? null : destinationHost);
            (upstream, failure) = await context.Connector.ConnectTlsAsync(destinationHost, destinationPort, upstreamSni, upstreamAlpn, _ct).ConfigureAwait(false);
        }

        if (failure is not null)
        {
            Interlocked.Increment(ref context.Statistics.UpstreamFailureCount);
            context.Recorder.Log($"{_flow.ClientIp} → {destinationHost}:{destinationPort}: {failure.Message}");
        }

        // 4. The client handshake on our leaf.
        var extraNames = upstream?.RemoteCertificate is { } remoteCertificate ? SubjectNames.Of(remoteCertificate) : [];
        var rsa = !OffersEcdsa(hello);
        var negotiated = upstream?.NegotiatedApplicationProtocol;
        List<SslApplicationProtocol>? serverAlpn = negotiated is { } n && n != default ? [n]
            : hello.Alpn.Contains("http/1.1") ? [SslApplicationProtocol.Http11] : null;
        TlsAlert? alert = null;
        var alertWatch = new TlsHelloDissector();
        var alertSink = new AlertSink(a => alert ??= a);
        replay.OnRead = bytes => alertWatch.OnData(FlowDirection.FromOriginator, bytes.Span, DateTime.UtcNow, alertSink);
        replay.OffloadReads = true;
        var ssl = new SslStream(replay, leaveInnerStreamOpen: true);
        using var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        handshakeTimeout.CancelAfter(_options.HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                async (_, info, _, _) => new SslServerAuthenticationOptions
                {
                    ServerCertificateContext = await context.Leaves.GetAsync(certificateName, rsa, extraNames).ConfigureAwait(false),
                    ApplicationProtocols = serverAlpn,
                    ClientCertificateRequired = false,
                },
                null,
                handshakeTimeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or SocketException && !_ct.IsCancellationRequested)
        {
            var reason = HandshakeFailure.Reason(ex, alert, handshakeTimeout.IsCancellationRequested);
            var failures = context.Pinning.Fail(_flow.DeviceId, certificateName);
            Interlocked.Increment(ref context.Statistics.HandshakeFailureCount);
            context.Recorder.Interception(new TlsInterceptionRecord(_flow.DeviceId, certificateName, hello.Timestamp, _flow.Uid, false, reason));
            context.Recorder.Log($"{_flow.ClientIp} refused the proxy certificate for {certificateName} ({reason}; failure {failures})");
            _flow.RecordTls(hello, null, null, established: false);
            _flow.State = "RSTO";
            await ssl.DisposeAsync().ConfigureAwait(false);
            if (upstream is not null)
            {
                await upstream.DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        replay.OnRead = null;
        replay.OffloadReads = false;
        Interlocked.Increment(ref context.Statistics.InterceptedCount);
        context.Recorder.Interception(new TlsInterceptionRecord(_flow.DeviceId, certificateName, hello.Timestamp, _flow.Uid, true, null));
        _flow.RecordTls(hello, TlsNames.VersionName(ProtocolCode(ssl.SslProtocol)), ssl.NegotiatedApplicationProtocol == default ? null : ssl.NegotiatedApplicationProtocol.ToString(), established: true);
        _flow.Encrypted = false;
        _flow.Transport = Transports.TlsIntercepted;
        await using (ssl.ConfigureAwait(false))
        {
            await DecryptedAsync(ssl, upstream, failure, destinationHost ?? "", destinationPort, sni).ConfigureAwait(false);
        }
    }

    private async Task DecryptedAsync(SslStream client, SslStream? upstream, UpstreamFailure? failure, string host, int port, string? sni)
    {
        // What the client speaks inside TLS (server-first protocols: after the idle wait, plain bytes).
        SniffedProtocol protocol;
        byte[] peeked;
        try
        {
            (protocol, peeked) = await ProtocolSniffer.PeekAsync(client, PeekBytes, _ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (HttpRelay.IsDisconnect(ex))
        {
            if (upstream is not null)
            {
                await upstream.DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        var inner = new PrefixedStream(peeked, client);
        if (protocol == SniffedProtocol.Http)
        {
            _flow.Service = "http";
            _flow.Dissect(new HttpStreamDissector(Limits()));
            var first = upstream is null ? null : new UpstreamLink(upstream, host, port);
            await using var upstreams = new FixedUpstreamSource(context.Connector, host, port, sni, tls: true, first, failure);
            var reader = PipeReader.Create(inner, new StreamPipeReaderOptions(bufferSize: UpstreamLink.ReadBufferSize, minimumReadSize: UpstreamLink.ReadBufferSize / 4, leaveOpen: true));
            await new HttpRelay(_flow, reader, inner, upstreams, _options, context.Statistics, context.Recorder).RunAsync(_ct).ConfigureAwait(false);
            await ByteRelay.ShutdownSendAsync(client).ConfigureAwait(false);
            return;
        }

        if (upstream is null)
        {
            _flow.State = "REJ";
            return;
        }

        if (protocol == SniffedProtocol.Mqtt)
        {
            _flow.Service = "mqtt";
            _flow.Dissect(new MqttStreamDissector(Limits()));
        }

        await using (upstream.ConfigureAwait(false))
        {
            await ByteRelay.RunAsync(inner, upstream, _flow, _ct).ConfigureAwait(false);
        }
    }

    private async Task PassThroughAsync(PrefixedStream client, TlsClientHello hello, string host, int port)
    {
        Interlocked.Increment(ref context.Statistics.PassedThroughCount);
        _flow.Encrypted = true;
        _flow.Transport = Transports.Encrypted;
        var (socket, failure) = await context.Connector.ConnectTcpAsync(host, port, _ct).ConfigureAwait(false);
        if (socket is null)
        {
            Interlocked.Increment(ref context.Statistics.UpstreamFailureCount);
            context.Recorder.Log($"{_flow.ClientIp} → {host}:{port} (passthrough): {failure!.Message}");
            _flow.RecordTls(hello, null, null, established: false);
            _flow.State = "REJ";
            return;
        }

        context.Recorder.Log($"{_flow.ClientIp} → {hello.ServerName ?? host}:{port}: passed through (pinned)");
        await using (var upstream = new NetworkStream(socket, ownsSocket: true))
        {
            await ByteRelay.RunAsync(client, upstream, _flow, _ct).ConfigureAwait(false);
        }

        _flow.RecordTls(hello, null, null, established: _flow.RespBytes > 0);
    }

    private DissectorLimits Limits() => new() { MaxBodyCapture = _options.MaxBodyCapture, MaxHeaderBytes = _options.MaxHeaderBytes };

    /// <summary>The client's ALPN offer, minus h2 (this relay speaks HTTP/1.1); http/1.1 when it offered only h2.</summary>
    internal static List<SslApplicationProtocol>? MirrorAlpn(IReadOnlyList<string> offered)
    {
        if (offered.Count == 0)
        {
            return null;
        }

        var list = offered.Where(p => p != "h2" && p.Length is > 0 and < 256).Select(p => new SslApplicationProtocol(p)).ToList();
        if (list.Count == 0 || (offered.Contains("h2") && !offered.Contains("http/1.1")))
        {
            list.Insert(0, SslApplicationProtocol.Http11);
        }

        return list;
    }

    /// <summary>True when the client can verify an ECDSA certificate (else it gets the RSA leaf).</summary>
    internal static bool OffersEcdsa(TlsClientHello hello)
    {
        if (hello.SignatureAlgorithms.Count > 0)
        {
            return hello.SignatureAlgorithms.Any(s => s is 0x0403 or 0x0503 or 0x0603 or 0x0203);
        }

        return hello.CipherSuites.Any(c => c is 0xC009 or 0xC00A or 0xC023 or 0xC024 or 0xC02B or 0xC02C or 0xCCA9);
    }

    private static ushort ProtocolCode(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => 0x0304,
        SslProtocols.Tls12 => 0x0303,
#pragma warning disable SYSLIB0039 // reporting an old version, not enabling it
        SslProtocols.Tls11 => 0x0302,
        SslProtocols.Tls => 0x0301,
#pragma warning restore SYSLIB0039
        _ => 0,
    };
}
