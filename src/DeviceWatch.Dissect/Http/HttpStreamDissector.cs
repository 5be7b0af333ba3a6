using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>
/// Incremental HTTP/1.x dissector over both directions of one connection: requests from the originator, responses
/// from the responder, with keep-alive, pipelining and FIFO pairing. Bodies (Content-Length, chunked, or until
/// close) stream through with at most <see cref="DissectorLimits.MaxBodyCapture"/> bytes kept; gzip, deflate and br
/// content codings are decoded up to <see cref="DissectorLimits.MaxDecodedBody"/>. After 101 Switching Protocols or
/// a 2xx answer to CONNECT the stream is no longer HTTP and <see cref="WantsMoreData"/> turns false.
/// </summary>
/// <remarks>
/// Emits <see cref="HttpRequestMessage"/> when a request completes and <see cref="HttpResponseMessage"/> (carrying
/// the request it answers) when a final response completes; a response that completes before its request is
/// emitted right after the request. 1xx interim responses other than 101 are skipped. Anomalies are counted under
/// protocol <c>http</c> with the kinds <c>bad-request-line</c>, <c>bad-status-line</c>, <c>bad-header</c>,
/// <c>header-too-large</c>, <c>too-many-headers</c>, <c>conflicting-content-length</c>, <c>bad-content-length</c>,
/// <c>bad-transfer-encoding</c>, <c>bad-chunk</c>, <c>gap</c>, <c>truncated</c>, <c>content-decoding</c>,
/// <c>unanswered-upgrade</c> and <c>unanswered-overflow</c>.
/// </remarks>
public sealed class HttpStreamDissector : IStreamDissector, IHttpMessageHandler
{
    /// <summary>Most requests kept waiting for their responses (pipelining depth, or a capture of one side only).</summary>
    internal const int MaxUnanswered = 64;

    private readonly DissectorLimits _limits;
    private readonly HttpDirectionReader _requests;
    private readonly HttpDirectionReader _responses;
    private readonly Queue<HttpExchange> _unanswered = new();
    private HttpExchange? _readingRequest;
    private HttpExchange? _readingResponse;
    private HttpExchange? _upgradePending;
    private int _nextSequence;
    private bool _pairingLost;
    private bool _ended;

    /// <summary>Creates a dissector with the given limits.</summary>
    public HttpStreamDissector(DissectorLimits? limits = null)
    {
        _limits = limits ?? DissectorLimits.Default;
        _requests = new HttpDirectionReader(isRequest: true, _limits, this);
        _responses = new HttpDirectionReader(isRequest: false, _limits, this);
    }

    /// <inheritdoc />
    public string Protocol => "http";

    /// <inheritdoc />
    public bool WantsMoreData =>
        !_ended
        && _requests.State != HttpReaderState.Tunnel
        && !(_requests.IsFinished && _responses.IsFinished);

    /// <summary>
    /// Recognises HTTP/1.x by content (any port): <see cref="ProbeResult.Yes"/> when the originator's first bytes
    /// start with a known method and a space (GET, POST, PUT, DELETE, HEAD, OPTIONS, PATCH, CONNECT, TRACE, the
    /// SSDP/GENA methods NOTIFY, M-SEARCH, SUBSCRIBE, UNSUBSCRIBE, and WebDAV methods), <see cref="ProbeResult.NeedMore"/>
    /// while they are a proper prefix of one, else <see cref="ProbeResult.No"/>.
    /// </summary>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytesFromOriginator)
    {
        var couldBecome = false;
        foreach (var method in HttpSyntax.ProbeMethodBytes)
        {
            if (firstBytesFromOriginator.Length >= method.Length)
            {
                if (firstBytesFromOriginator.StartsWith(method))
                {
                    return ProbeResult.Yes;
                }
            }
            else if (method.AsSpan().StartsWith(firstBytesFromOriginator))
            {
                couldBecome = true;
            }
        }

        return couldBecome ? ProbeResult.NeedMore : ProbeResult.No;
    }

    /// <inheritdoc />
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        if (!_ended)
        {
            Reader(direction).Feed(data, timestamp, sink);
        }
    }

    /// <inheritdoc />
    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
        if (!_ended && missingBytes > 0)
        {
            Reader(direction).Gap(missingBytes, timestamp, sink);
        }
    }

    /// <inheritdoc />
    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        if (_ended)
        {
            return;
        }

        // 1. An unfinished request is counted and its exchange abandoned (a pending response is then emitted).
        // 2. A response delimited by close completes; an unfinished one is counted.
        _requests.End(timestamp, sink);
        _responses.End(timestamp, sink);
        _ended = true;
        _unanswered.Clear();
    }

    /// <inheritdoc />
    HttpFramingResult IHttpMessageHandler.OnHeadComplete(
        HttpDirectionReader reader, HttpMessageHead head, DateTime timestamp, IFactSink sink)
    {
        if (reader.IsRequest)
        {
            var framing = HttpMessageFraming.ForRequest(head);
            if (framing.Framing != HttpBodyFraming.Invalid)
            {
                var mayUpgrade = head.Method == "CONNECT" || head.HasHeader("Upgrade");
                _readingRequest = new HttpExchange(head.Method, _nextSequence++, mayUpgrade);
                Enqueue(_readingRequest, sink);
            }

            return framing;
        }

        var exchange = _unanswered.Count > 0 ? _unanswered.Peek() : null;
        var result = HttpMessageFraming.ForResponse(head, exchange?.Method);
        if (result.Framing == HttpBodyFraming.Interim)
        {
            // 100 Continue and other 1xx: not the answer; the final response follows.
            return result;
        }

        if (exchange is not null)
        {
            _unanswered.Dequeue();
            exchange.Answered = true;
        }

        _readingResponse = exchange;
        if (result.Framing == HttpBodyFraming.Tunnel)
        {
            _requests.EnterTunnel();
        }
        else if (exchange is not null && ReferenceEquals(exchange, _upgradePending))
        {
            // The server did not switch protocols: what the client sent meanwhile is HTTP again.
            _upgradePending = null;
            _requests.Resume(sink);
        }

        return result;
    }

    /// <inheritdoc />
    void IHttpMessageHandler.OnMessageComplete(
        HttpDirectionReader reader, HttpMessageHead head, HttpBody body, DateTime timestamp, IFactSink sink)
    {
        if (reader.IsRequest)
        {
            CompleteRequest(head, body, timestamp, sink);
        }
        else
        {
            CompleteResponse(head, body, timestamp, sink);
        }
    }

    /// <inheritdoc />
    void IHttpMessageHandler.OnMessageAbandoned(HttpDirectionReader reader, IFactSink sink)
    {
        if (!reader.IsRequest)
        {
            _readingResponse = null;
            return;
        }

        var exchange = _readingRequest;
        _readingRequest = null;
        if (exchange is null)
        {
            return;
        }

        exchange.Abandoned = true;
        if (exchange.PendingResponse is { } pending)
        {
            exchange.PendingResponse = null;
            sink.Emit(pending);
        }
    }

    private HttpDirectionReader Reader(FlowDirection direction) =>
        direction == FlowDirection.FromOriginator ? _requests : _responses;

    private void Enqueue(HttpExchange exchange, IFactSink sink)
    {
        if (_pairingLost)
        {
            return;
        }

        if (_unanswered.Count >= MaxUnanswered)
        {
            // Responses are not coming (one side captured) or pipelining is absurdly deep: stop pairing.
            sink.CountAnomaly("http", HttpAnomaly.UnansweredOverflow);
            _unanswered.Clear();
            _pairingLost = true;
            return;
        }

        _unanswered.Enqueue(exchange);
    }

    private void CompleteRequest(HttpMessageHead head, HttpBody body, DateTime timestamp, IFactSink sink)
    {
        var exchange = _readingRequest!;
        _readingRequest = null;
        var request = new HttpRequestMessage
        {
            Timestamp = timestamp,
            Direction = FlowDirection.FromOriginator,
            Method = head.Method,
            Target = head.Target,
            Version = head.Version,
            Headers = head.Headers,
            Trailers = (IReadOnlyList<HttpHeader>?)head.Trailers ?? [],
            Host = head.Header("Host") ?? HttpSyntax.AuthorityOf(head.Target, authorityForm: head.Method == "CONNECT"),
            BodyLength = body.Length,
            Body = body.Content,
            BodyTruncated = body.Truncated,
            DecodedContentEncoding = body.DecodedContentEncoding,
            Sequence = exchange.Sequence,
        };
        sink.Emit(request);
        exchange.Request = request;
        if (exchange.PendingResponse is { } pending)
        {
            exchange.PendingResponse = null;
            sink.Emit(pending with { Request = request });
        }

        if (exchange.MayUpgrade && !exchange.Answered && !_pairingLost)
        {
            // Upgrade or CONNECT: until the response says otherwise, the next bytes may be another protocol.
            _upgradePending = exchange;
            _requests.Pause();
        }
    }

    private void CompleteResponse(HttpMessageHead head, HttpBody body, DateTime timestamp, IFactSink sink)
    {
        var exchange = _readingResponse;
        _readingResponse = null;
        var response = new HttpResponseMessage
        {
            Timestamp = timestamp,
            Direction = FlowDirection.FromResponder,
            Status = head.Status,
            Reason = head.Reason,
            Version = head.Version,
            Headers = head.Headers,
            Trailers = (IReadOnlyList<HttpHeader>?)head.Trailers ?? [],
            BodyLength = body.Length,
            Body = body.Content,
            BodyTruncated = body.Truncated,
            DecodedContentEncoding = body.DecodedContentEncoding,
            Request = exchange?.Request,
        };

        if (exchange is null || exchange.Request is not null || exchange.Abandoned)
        {
            sink.Emit(response);
        }
        else
        {
            // The server answered before the request body was complete (e.g. an early 401 or 413).
            exchange.PendingResponse = response;
        }
    }
}
