using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Http;

/// <summary>
/// Incremental HTTP/1.x message reader for one direction of a connection (requests or responses), in the manner
/// of Kestrel's parser: complete lines are parsed straight from the incoming span (found with IndexOf); only a
/// line split across calls is copied, into a pooled buffer. Limits are checked before anything is kept.
/// </summary>
internal sealed class HttpDirectionReader
{
    private const int MaxChunkLineBytes = 4096;
    private const int MaxChunkSizeDigits = 15;

    private readonly bool _isRequest;
    private readonly DissectorLimits _limits;
    private readonly IHttpMessageHandler _handler;
    private readonly HttpPendingBytes _partialLine = new();
    private readonly HttpPendingBytes _held = new();
    private HttpReaderState _state = HttpReaderState.StartLine;
    private HttpMessageHead? _head;
    private HttpBodyCapture? _body;
    private bool _bodyFollowedByTunnel;
    private int _blockBytes;
    private long _remaining;
    private DateTime _heldTimestamp;
    private bool _gapWhileHeld;

    /// <summary>Creates a reader of requests (<paramref name="isRequest"/>) or responses.</summary>
    public HttpDirectionReader(bool isRequest, DissectorLimits limits, IHttpMessageHandler handler)
    {
        _isRequest = isRequest;
        _limits = limits;
        _handler = handler;
    }

    /// <summary>True for the originator (requests).</summary>
    public bool IsRequest => _isRequest;

    /// <summary>Current state.</summary>
    public HttpReaderState State => _state;

    /// <summary>True when no more HTTP can be read from this direction.</summary>
    public bool IsFinished => _state is HttpReaderState.Failed or HttpReaderState.Tunnel or HttpReaderState.Ended;

    private string Anomalous => _isRequest ? HttpAnomaly.BadRequestLine : HttpAnomaly.BadStatusLine;

    /// <summary>Consumes in-order bytes of this direction.</summary>
    public void Feed(ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        while (!data.IsEmpty)
        {
            switch (_state)
            {
                case HttpReaderState.StartLine:
                case HttpReaderState.Headers:
                case HttpReaderState.ChunkSize:
                case HttpReaderState.ChunkDataEnd:
                case HttpReaderState.Trailers:
                    if (!TryTakeLine(ref data, out var line, sink))
                    {
                        return;
                    }

                    HandleLine(HttpSyntax.WithoutCr(line), timestamp, sink);
                    _partialLine.Clear();
                    break;

                case HttpReaderState.ContentLengthBody:
                case HttpReaderState.ChunkData:
                    var take = (int)Math.Min(_remaining, data.Length);
                    _body!.Append(data[..take]);
                    data = data[take..];
                    _remaining -= take;
                    if (_remaining == 0)
                    {
                        EndOfBodyPart(timestamp, sink);
                    }

                    break;

                case HttpReaderState.UntilClose:
                    _body!.Append(data);
                    return;

                case HttpReaderState.Paused:
                    Hold(data, timestamp, sink);
                    return;

                default:
                    return;
            }
        }
    }

    /// <summary>Bytes of this direction were lost: skipped inside a body of known extent, else the direction is given up.</summary>
    public void Gap(long missing, DateTime timestamp, IFactSink sink)
    {
        switch (_state)
        {
            case HttpReaderState.ContentLengthBody:
            case HttpReaderState.ChunkData:
                var skip = Math.Min(missing, _remaining);
                _body!.Skip(skip);
                _remaining -= skip;
                missing -= skip;
                if (_remaining == 0)
                {
                    EndOfBodyPart(timestamp, sink);
                }

                if (missing > 0)
                {
                    // The gap runs past this body into whatever follows.
                    Gap(missing, timestamp, sink);
                }

                break;

            case HttpReaderState.UntilClose:
                _body!.Skip(missing);
                break;

            case HttpReaderState.Paused:
                _gapWhileHeld = true;
                break;

            case HttpReaderState.Failed:
            case HttpReaderState.Tunnel:
            case HttpReaderState.Ended:
                break;

            default:
                Fail(HttpAnomaly.Gap, sink);
                break;
        }
    }

    /// <summary>The stream ended: a body delimited by close completes; a message in progress is counted as truncated.</summary>
    public void End(DateTime timestamp, IFactSink sink)
    {
        switch (_state)
        {
            case HttpReaderState.UntilClose:
                Complete(timestamp, sink);
                break;

            case HttpReaderState.StartLine when _partialLine.Length == 0 || HttpSyntax.WithoutCr(_partialLine.Span).IsEmpty:
            case HttpReaderState.Paused:
            case HttpReaderState.Failed:
            case HttpReaderState.Tunnel:
            case HttpReaderState.Ended:
                break;

            default:
                sink.CountAnomaly("http", HttpAnomaly.Truncated);
                if (_head is not null)
                {
                    _handler.OnMessageAbandoned(this, sink);
                }

                break;
        }

        _state = HttpReaderState.Ended;
        Release();
    }

    /// <summary>After an Upgrade/CONNECT request: holds further bytes until the response decides what they are.</summary>
    public void Pause()
    {
        if (_state == HttpReaderState.StartLine)
        {
            _state = HttpReaderState.Paused;
        }
    }

    /// <summary>The protocol was not switched: parses the held bytes as HTTP again.</summary>
    public void Resume(IFactSink sink)
    {
        if (_state != HttpReaderState.Paused)
        {
            return;
        }

        _state = HttpReaderState.StartLine;
        if (_gapWhileHeld)
        {
            Fail(HttpAnomaly.Gap, sink);
            return;
        }

        if (_held.Length == 0)
        {
            return;
        }

        var held = _held.Span.ToArray();
        _held.Clear();
        Feed(held, _heldTimestamp, sink);
    }

    /// <summary>The protocol switched: nothing more in this direction is HTTP.</summary>
    public void EnterTunnel()
    {
        if (_state is HttpReaderState.Failed or HttpReaderState.Ended)
        {
            return;
        }

        _state = HttpReaderState.Tunnel;
        Release();
    }

    private void Hold(ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        if ((long)_held.Length + data.Length > _limits.MaxHeaderBytes)
        {
            Fail(HttpAnomaly.UnansweredUpgrade, sink);
            return;
        }

        _held.Append(data);
        _heldTimestamp = timestamp;
    }

    /// <summary>
    /// Takes one LF-terminated line from <paramref name="data"/> (joined with a partial line kept from earlier calls).
    /// Returns false when more data is needed or the line is over its budget (then the direction has failed).
    /// </summary>
    private bool TryTakeLine(ref ReadOnlySpan<byte> data, out ReadOnlySpan<byte> line, IFactSink sink)
    {
        line = default;
        var lf = data.IndexOf((byte)'\n');
        var take = lf >= 0 ? lf + 1 : data.Length;

        // Garbage is rejected from its first bytes, before (and whatever) the size check says, so the outcome
        // does not depend on how the bytes were split.
        if (_state == HttpReaderState.StartLine && !IsPlausibleStart(data[..take]))
        {
            Fail(Anomalous, sink);
            return false;
        }

        // A line (with its LF) may not exceed the budget; without its LF yet, it must leave room for the LF.
        // Start line, headers and trailers share one budget per block (counted in _blockBytes).
        var block = IsBlock();
        long used = block ? _blockBytes : _partialLine.Length;
        if (used + take + (lf >= 0 ? 0 : 1) > LineBudget())
        {
            Fail(OverBudgetAnomaly(), sink);
            return false;
        }

        if (block)
        {
            _blockBytes += take;
        }

        if (lf < 0)
        {
            _partialLine.Append(data);
            data = default;
            return false;
        }

        if (_partialLine.Length == 0)
        {
            line = data[..lf];
        }
        else
        {
            _partialLine.Append(data[..take]);
            line = _partialLine.Span[..^1];
        }

        data = data[take..];
        return true;
    }

    private bool IsPlausibleStart(ReadOnlySpan<byte> more)
    {
        Span<byte> prefix = stackalloc byte[16];
        var kept = Math.Min(_partialLine.Length, prefix.Length);
        _partialLine.Span[..kept].CopyTo(prefix);
        var added = Math.Min(more.Length, prefix.Length - kept);
        more[..added].CopyTo(prefix[kept..]);
        var start = prefix[..(kept + added)];
        if (!start.IsEmpty && start[0] is (byte)'\r' or (byte)'\n')
        {
            // An empty line before the start line: CR, CRLF or a bare LF.
            return start.Length == 1 || (start.Length == 2 && start[0] == (byte)'\r' && start[1] == (byte)'\n');
        }

        return HttpSyntax.IsPlausibleStartLinePrefix(start, _isRequest);
    }

    private bool IsBlock() => _state is HttpReaderState.StartLine or HttpReaderState.Headers or HttpReaderState.Trailers;

    private long LineBudget() => _state switch
    {
        HttpReaderState.ChunkSize => MaxChunkLineBytes,
        HttpReaderState.ChunkDataEnd => 2,
        _ => _limits.MaxHeaderBytes,
    };

    private string OverBudgetAnomaly() => _state switch
    {
        HttpReaderState.ChunkSize or HttpReaderState.ChunkDataEnd => HttpAnomaly.BadChunk,
        _ => HttpAnomaly.HeaderTooLarge,
    };

    private void HandleLine(ReadOnlySpan<byte> line, DateTime timestamp, IFactSink sink)
    {
        switch (_state)
        {
            case HttpReaderState.StartLine:
                if (line.IsEmpty)
                {
                    // RFC 9112 §2.2: empty lines before a request line are ignored (leftover CRLF after a body).
                    return;
                }

                _head = _isRequest ? ParseRequestLine(line) : ParseStatusLine(line);
                if (_head is null)
                {
                    Fail(Anomalous, sink);
                    return;
                }

                _state = HttpReaderState.Headers;
                return;

            case HttpReaderState.Headers:
                if (line.IsEmpty)
                {
                    HeadComplete(timestamp, sink);
                    return;
                }

                AddField(_head!.Headers, line, sink);
                return;

            case HttpReaderState.ChunkSize:
                ChunkSizeLine(line, sink);
                return;

            case HttpReaderState.ChunkDataEnd:
                if (!line.IsEmpty)
                {
                    Fail(HttpAnomaly.BadChunk, sink);
                    return;
                }

                _state = HttpReaderState.ChunkSize;
                return;

            case HttpReaderState.Trailers:
                if (line.IsEmpty)
                {
                    Complete(timestamp, sink);
                    return;
                }

                AddField(_head!.Trailers ??= [], line, sink);
                return;
        }
    }

    private static HttpMessageHead? ParseRequestLine(ReadOnlySpan<byte> line)
    {
        // request-line = method SP request-target SP HTTP-version (RFC 9112 §3)
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace + 1)
        {
            return null;
        }

        var method = line[..firstSpace];
        var target = line[(firstSpace + 1)..lastSpace];
        if (!HttpSyntax.IsToken(method)
            || !HttpSyntax.TryParseVersion(line[(lastSpace + 1)..], out var version)
            || HttpSyntax.HasControl(target)
            || target.Contains((byte)' '))
        {
            return null;
        }

        return new HttpMessageHead
        {
            Method = HttpSyntax.Method(method),
            Target = HttpSyntax.Latin1(target),
            Version = version,
        };
    }

    private static HttpMessageHead? ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // status-line = HTTP-version SP status-code SP [ reason-phrase ] (RFC 9112 §4); a missing SP is tolerated.
        if (line.Length < 12
            || !HttpSyntax.TryParseVersion(line[..8], out var version)
            || line[8] != (byte)' '
            || !char.IsAsciiDigit((char)line[9]) || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11])
            || line[9] == (byte)'0'
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            return null;
        }

        var reason = line.Length > 13 ? line[13..] : [];
        foreach (var b in reason)
        {
            // HTAB is allowed in a reason phrase; other controls are not.
            if (b != (byte)'\t' && (b < 0x20 || b == 0x7F))
            {
                return null;
            }
        }

        return new HttpMessageHead
        {
            Version = version,
            Status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0'),
            Reason = reason.SequenceEqual("OK"u8) ? "OK" : HttpSyntax.Latin1(reason),
        };
    }

    private void AddField(List<HttpHeader> fields, ReadOnlySpan<byte> line, IFactSink sink)
    {
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            // obs-fold (RFC 9112 §5.2): continuation of the previous field value, replaced by one SP.
            if (fields.Count == 0)
            {
                sink.CountAnomaly("http", HttpAnomaly.BadHeader);
                return;
            }

            var continuation = HttpSyntax.TrimWhitespace(line);
            var previous = fields[^1];
            fields[^1] = previous with
            {
                Value = previous.Value.Length == 0
                    ? HttpSyntax.Latin1(continuation)
                    : string.Concat(previous.Value, " ", HttpSyntax.Latin1(continuation)),
            };
            return;
        }

        var colon = line.IndexOf((byte)':');
        var name = colon > 0 ? line[..colon].TrimEnd(" \t"u8) : [];
        if (!HttpSyntax.IsToken(name))
        {
            sink.CountAnomaly("http", HttpAnomaly.BadHeader);
            return;
        }

        if (fields.Count >= _limits.MaxHeaderCount)
        {
            Fail(HttpAnomaly.TooManyHeaders, sink);
            return;
        }

        fields.Add(new HttpHeader(HttpSyntax.HeaderName(name), HttpSyntax.Latin1(HttpSyntax.TrimWhitespace(line[(colon + 1)..]))));
    }

    private void ChunkSizeLine(ReadOnlySpan<byte> line, IFactSink sink)
    {
        // chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF (RFC 9112 §7.1); extensions are ignored.
        long size = 0;
        var digits = 0;
        foreach (var b in line)
        {
            var value = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                break;
            }

            size = (size << 4) | (uint)value;
            digits++;
        }

        var rest = HttpSyntax.TrimWhitespace(line[digits..]);
        if (digits == 0 || digits > MaxChunkSizeDigits || (!rest.IsEmpty && rest[0] != (byte)';'))
        {
            Fail(HttpAnomaly.BadChunk, sink);
            return;
        }

        if (size == 0)
        {
            _blockBytes = 0;
            _state = HttpReaderState.Trailers;
            return;
        }

        _remaining = size;
        _state = HttpReaderState.ChunkData;
    }

    private void HeadComplete(DateTime timestamp, IFactSink sink)
    {
        var framing = _handler.OnHeadComplete(this, _head!, timestamp, sink);
        switch (framing.Framing)
        {
            case HttpBodyFraming.Invalid:
                Fail(framing.Anomaly ?? Anomalous, sink);
                return;

            case HttpBodyFraming.Interim:
                _head = null;
                _blockBytes = 0;
                _state = HttpReaderState.StartLine;
                return;

            case HttpBodyFraming.None:
                _body = new HttpBodyCapture(_limits.MaxBodyCapture, 0);
                Complete(timestamp, sink);
                return;

            case HttpBodyFraming.Tunnel:
                _body = new HttpBodyCapture(_limits.MaxBodyCapture, 0);
                _bodyFollowedByTunnel = true;
                Complete(timestamp, sink);
                return;

            case HttpBodyFraming.ContentLength:
                _body = new HttpBodyCapture(_limits.MaxBodyCapture, framing.Length);
                _remaining = framing.Length;
                _state = HttpReaderState.ContentLengthBody;
                return;

            case HttpBodyFraming.Chunked:
                _body = new HttpBodyCapture(_limits.MaxBodyCapture, 0);
                _state = HttpReaderState.ChunkSize;
                return;

            default:
                _body = new HttpBodyCapture(_limits.MaxBodyCapture, 0);
                _state = HttpReaderState.UntilClose;
                return;
        }
    }

    private void EndOfBodyPart(DateTime timestamp, IFactSink sink)
    {
        if (_state == HttpReaderState.ContentLengthBody)
        {
            Complete(timestamp, sink);
        }
        else
        {
            _state = HttpReaderState.ChunkDataEnd;
        }
    }

    private void Complete(DateTime timestamp, IFactSink sink)
    {
        var head = _head!;
        var capture = _body!;
        var tunnel = _bodyFollowedByTunnel;
        _head = null;
        _body = null;
        _bodyFollowedByTunnel = false;
        _blockBytes = 0;
        _remaining = 0;
        _state = HttpReaderState.StartLine;

        var raw = capture.Captured;
        var outcome = HttpContentDecoder.Decode(
            raw, head.Header("Content-Encoding"), capture.Truncated, _limits.MaxDecodedBody,
            out var decoded, out var truncated, out var codings);
        if (outcome == HttpDecodeOutcome.Failed)
        {
            sink.CountAnomaly("http", HttpAnomaly.ContentDecoding);
        }

        var body = outcome == HttpDecodeOutcome.Decoded
            ? new HttpBody(capture.Length, decoded, truncated, codings)
            : new HttpBody(capture.Length, raw, capture.Truncated, null);
        if (tunnel)
        {
            EnterTunnel();
        }

        _handler.OnMessageComplete(this, head, body, timestamp, sink);
    }

    private void Fail(string anomaly, IFactSink sink)
    {
        sink.CountAnomaly("http", anomaly);
        var hadMessage = _head is not null;
        _state = HttpReaderState.Failed;
        Release();
        if (hadMessage)
        {
            _handler.OnMessageAbandoned(this, sink);
        }
    }

    private void Release()
    {
        _partialLine.Clear();
        _held.Clear();
        _head = null;
        _body = null;
    }
}
