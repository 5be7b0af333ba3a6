using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Proxy.Recording;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Relays HTTP/1.1 between a client and upstream servers, one exchange at a time (pipelined requests wait in the
/// client pipe): heads are parsed for framing and forwarded byte for byte, bodies are streamed (Content-Length,
/// chunked, until close), <c>Expect: 100-continue</c> waits for the server's interim answer, and a 101 switches the
/// connection to a byte tunnel (WebSocket). Malformed or oversized requests get 400/431 and close the connection.
/// </summary>
internal sealed class HttpRelay(
    ProxyFlow flow,
    PipeReader clientReader,
    Stream clientStream,
    IUpstreamSource upstreams,
    ProxyOptions options,
    ProxyStatistics statistics,
    ProxyRecorder recorder)
{
    // Writes to the client, gathered so that a response head and the body bytes already received leave in one TLS
    // record; flushed at the end of each exchange, after interim (1xx) answers, and before any wait for more input.
    private readonly CoalescingWriteStream _client = new(clientStream);

    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await RelayAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task RelayAsync(CancellationToken ct)
    {
        while (true)
        {
            // 1. The request head.
            var (status, request) = await HttpHeadReader.ReadAsync(clientReader, isRequest: true, options.MaxHeaderBytes, consume: true, ct).ConfigureAwait(false);
            if (status == HttpHeadStatus.EndOfStream)
            {
                return;
            }

            if (request is null)
            {
                Interlocked.Increment(ref statistics.BadRequestCount);
                var code = status == HttpHeadStatus.TooLarge ? 431 : 400;
                recorder.Log($"{flow.ClientIp}:{flow.ClientPort} {code}: {(code == 431 ? "request head larger than " + options.MaxHeaderBytes + " bytes" : "malformed request")}");
                await ProxyAnswers.TrySendAsync(_client, code, code == 431 ? "request head too large" : "malformed request").ConfigureAwait(false);
                return;
            }

            if (request.Method == "CONNECT")
            {
                Interlocked.Increment(ref statistics.BadRequestCount);
                await ProxyAnswers.TrySendAsync(_client, 405, "CONNECT is accepted only as the first request of a connection").ConfigureAwait(false);
                return;
            }

            // 2. The upstream for it.
            var (link, failure) = await upstreams.OpenAsync(request, ct).ConfigureAwait(false);
            if (link is null)
            {
                recorder.Log($"{flow.ClientIp} {request.Method} {request.Target}: {failure!.Status} {failure.Message}");
                flow.Observe(FlowDirection.FromOriginator, request.Raw);
                await ProxyAnswers.TrySendAsync(_client, failure.Status, failure.Message).ConfigureAwait(false);
                return;
            }

            // 3. Head and body to the upstream; the response(s) back.
            flow.ServerIp = link.RemoteIp;
            var keepGoing = await ExchangeAsync(request, link, ct).ConfigureAwait(false);
            Interlocked.Increment(ref statistics.ExchangeCount);
            if (!keepGoing)
            {
                return;
            }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ExchangeAsync(HttpHead request, UpstreamLink link, CancellationToken ct)
    {
        var hasBody = request.Chunked || request.ContentLength > 0;
        await BodyCopier.WriteAsync(new(request.Raw), link.Writer, flow, FlowDirection.FromOriginator, ct).ConfigureAwait(false);
        var requestBodySent = !hasBody;
        if (hasBody && !request.ExpectContinue)
        {
            await CopyBodyAsync(request, clientReader, link.Writer, FlowDirection.FromOriginator, ct).ConfigureAwait(false);
            requestBodySent = true;
        }

        await link.Writer.FlushAsync(ct).ConfigureAwait(false);

        while (true)
        {
            var (status, response) = await HttpHeadReader.ReadAsync(link.Reader, isRequest: false, options.MaxHeaderBytes, consume: true, ct).ConfigureAwait(false);
            if (response is null)
            {
                link.Reusable = false;
                Interlocked.Increment(ref statistics.UpstreamFailureCount);
                var message = status == HttpHeadStatus.EndOfStream ? "upstream closed the connection without a response" : "upstream sent a malformed response";
                recorder.Log($"{flow.ClientIp} {request.Method} {request.Target}: 502 {message}");
                await ProxyAnswers.TrySendAsync(_client, 502, message).ConfigureAwait(false);
                return false;
            }

            await BodyCopier.WriteAsync(new(response.Raw), _client, flow, FlowDirection.FromResponder, ct).ConfigureAwait(false);
            if (response.Status == 101)
            {
                await _client.FlushAsync(ct).ConfigureAwait(false);
                // Protocol switch (WebSocket): from here on, bytes both ways.
                await ByteRelay.RunAsync(_client.Inner, clientReader, link.Stream, link.Reader, flow, ct).ConfigureAwait(false);
                link.Reusable = false;
                return false;
            }

            if (response.Status is >= 100 and < 200)
            {
                await _client.FlushAsync(ct).ConfigureAwait(false);
                if (response.Status == 100 && !requestBodySent)
                {
                    await CopyBodyAsync(request, clientReader, link.Writer, FlowDirection.FromOriginator, ct).ConfigureAwait(false);
                    await link.Writer.FlushAsync(ct).ConfigureAwait(false);
                    requestBodySent = true;
                }

                continue;
            }

            var untilClose = await CopyResponseBodyAsync(request, response, link, ct).ConfigureAwait(false);
            await _client.FlushAsync(ct).ConfigureAwait(false);
            if (untilClose || response.Close)
            {
                link.Reusable = false;
            }

            // A final answer before the body was asked for (417, 401…): the client may or may not send it; close.
            return requestBodySent && !request.Close && !response.Close && !untilClose;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> CopyResponseBodyAsync(HttpHead request, HttpHead response, UpstreamLink link, CancellationToken ct)
    {
        // RFC 9112 §6.3: HEAD, 1xx, 204 and 304 have no body; then chunked, Content-Length, else until close.
        if (request.Method == "HEAD" || response.Status is 204 or 304)
        {
            return false;
        }

        if (response.Chunked)
        {
            await BodyCopier.CopyChunkedAsync(link.Reader, _client, flow, FlowDirection.FromResponder, ct).ConfigureAwait(false);
            return false;
        }

        if (response.ContentLength is { } length)
        {
            await BodyCopier.CopyFixedAsync(link.Reader, _client, length, flow, FlowDirection.FromResponder, ct).ConfigureAwait(false);
            return false;
        }

        await BodyCopier.CopyUntilCloseAsync(link.Reader, _client, flow, FlowDirection.FromResponder, ct).ConfigureAwait(false);
        return true;
    }

    private Task CopyBodyAsync(HttpHead request, PipeReader from, Stream to, FlowDirection direction, CancellationToken ct) =>
        request.Chunked
            ? BodyCopier.CopyChunkedAsync(from, to, flow, direction, ct)
            : BodyCopier.CopyFixedAsync(from, to, request.ContentLength ?? 0, flow, direction, ct);

    /// <summary>True for the exceptions that mean "a peer went away" rather than a bug.</summary>
    public static bool IsDisconnect(Exception ex) =>
        ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or System.Security.Authentication.AuthenticationException;
}
