using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>
/// Incremental dissector of the cleartext part of a TLS connection (both directions): emits
/// <see cref="TlsClientHello"/> (with JA3/JA4), <see cref="TlsServerHello"/> and cleartext <see cref="TlsAlert"/> facts.
/// Only hello messages are buffered (up to <see cref="DissectorLimits.MaxTlsHandshake"/>); everything else is skipped.
/// </summary>
public sealed class TlsHelloDissector : IStreamDissector
{
    private const string Tls = "tls";
    private const byte ChangeCipherSpec = 20;
    private const byte AlertRecord = 21;
    private const byte Handshake = 22;
    private const byte ApplicationData = 23;
    private const byte Heartbeat = 24;
    private const byte ClientHelloType = 1;
    private const byte ServerHelloType = 2;
    /// <summary>Largest TLSCiphertext fragment: 2^14 + 2048 (RFC 5246 §6.2.3).</summary>
    private const int MaxRecordLength = (1 << 14) + 2048;

    private readonly DissectorLimits _limits;
    private readonly TlsDirectionState _originator = new();
    private readonly TlsDirectionState _responder = new();
    private bool _gaveUp;
    private bool _clientHelloSeen;
    private bool _serverHelloSeen;
    private bool _helloRetrySeen;
    private ushort _negotiatedVersion;

    /// <summary>Creates a dissector with the given limits.</summary>
    public TlsHelloDissector(DissectorLimits? limits = null) => _limits = limits ?? DissectorLimits.Default;

    /// <inheritdoc />
    public string Protocol => Tls;

    /// <summary>
    /// False once the stream is not TLS or was given up, once both directions left cleartext, or once both hellos were
    /// seen — for TLS 1.2 and older only after the client also left cleartext (its ChangeCipherSpec or an alert), so the
    /// cleartext alert of a client that refuses the server's certificate is not lost.
    /// </summary>
    public bool WantsMoreData
    {
        get
        {
            if (_gaveUp || (_originator.Mode == TlsDirectionMode.Finished && _responder.Mode == TlsDirectionMode.Finished))
            {
                return false;
            }
            if (_clientHelloSeen && _serverHelloSeen)
            {
                return _negotiatedVersion < 0x0304 && _originator.Mode != TlsDirectionMode.Finished;
            }
            return true;
        }
    }

    /// <summary>
    /// Content-based check of the first bytes an originator sent: a handshake record (type 22, version 3.x) that starts
    /// with a ClientHello whose legacy_version is 3.x.
    /// </summary>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytesFromOriginator)
    {
        var b = firstBytesFromOriginator;
        if (b.Length < 1)
        {
            return ProbeResult.NeedMore;
        }
        if (b[0] != Handshake)
        {
            return ProbeResult.No;
        }
        if (b.Length < 3)
        {
            return b.Length == 2 && b[1] != 3 ? ProbeResult.No : ProbeResult.NeedMore;
        }
        if (b[1] != 3 || b[2] > 4)
        {
            return ProbeResult.No;
        }
        if (b.Length < 6)
        {
            if (b.Length == 5 && !IsPlausibleRecordLength((b[3] << 8) | b[4]))
            {
                return ProbeResult.No;
            }
            return ProbeResult.NeedMore;
        }
        if (!IsPlausibleRecordLength((b[3] << 8) | b[4]) || b[5] != ClientHelloType)
        {
            return ProbeResult.No;
        }
        if (b.Length < 9)
        {
            return ProbeResult.NeedMore;
        }
        var helloLength = (b[6] << 16) | (b[7] << 8) | b[8];
        if (helloLength < 38)
        {
            return ProbeResult.No;
        }
        if (b.Length < 10)
        {
            return ProbeResult.NeedMore;
        }
        return b[9] == 3 ? ProbeResult.Yes : ProbeResult.No;
    }

    /// <inheritdoc />
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        var state = StateOf(direction);
        while (!data.IsEmpty && !_gaveUp && state.Mode != TlsDirectionMode.Finished)
        {
            if (!state.InRecord)
            {
                var take = Math.Min(5 - state.RecordHeaderLength, data.Length);
                data[..take].CopyTo(state.RecordHeader.AsSpan(state.RecordHeaderLength));
                state.RecordHeaderLength += take;
                data = data[take..];
                if (state.RecordHeaderLength == 5)
                {
                    StartRecord(state, sink);
                }
                continue;
            }

            var n = Math.Min(state.RecordRemaining, data.Length);
            var payload = data[..n];
            data = data[n..];
            state.RecordRemaining -= n;
            switch (state.RecordType)
            {
                case Handshake:
                    FeedHandshake(direction, state, payload, timestamp, sink);
                    break;
                case AlertRecord:
                    payload.CopyTo(state.Alert.AsSpan(state.AlertLength));
                    state.AlertLength += n;
                    if (state.AlertLength == 2)
                    {
                        sink.Emit(new TlsAlert { Timestamp = timestamp, Direction = direction, Level = state.Alert[0], Description = state.Alert[1] });
                        if (state.Alert[0] == 2)
                        {
                            state.Mode = TlsDirectionMode.Finished; // a fatal alert closes the connection
                        }
                    }
                    break;
                default:
                    break; // ChangeCipherSpec and heartbeat payloads are skipped
            }
            if (state.RecordRemaining == 0)
            {
                EndRecord(state);
            }
        }
    }

    /// <inheritdoc />
    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
        var state = StateOf(direction);
        if (_gaveUp || state.Mode == TlsDirectionMode.Finished)
        {
            return;
        }
        sink.CountAnomaly(Tls, state.HandshakeBody is not null ? "truncated_handshake" : "gap");
        Finish(state);
    }

    /// <inheritdoc />
    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        foreach (var state in new[] { _originator, _responder })
        {
            if (!_gaveUp && state.Mode != TlsDirectionMode.Finished && state.HandshakeBody is not null)
            {
                sink.CountAnomaly(Tls, "truncated_handshake");
            }
            Finish(state);
        }
    }

    private TlsDirectionState StateOf(FlowDirection direction) =>
        direction == FlowDirection.FromOriginator ? _originator : _responder;

    private static bool IsPlausibleRecordLength(int length) => length is > 0 and <= MaxRecordLength;

    private static void Finish(TlsDirectionState state)
    {
        state.Mode = TlsDirectionMode.Finished;
        state.HandshakeBody = null;
    }

    private static void EndRecord(TlsDirectionState state)
    {
        state.InRecord = false;
        state.RecordHeaderLength = 0;
    }

    /// <summary>A full record header is in: validate it and decide what its payload means.</summary>
    private void StartRecord(TlsDirectionState state, IFactSink sink)
    {
        var h = state.RecordHeader;
        var type = h[0];
        var length = (h[3] << 8) | h[4];
        if (!state.SawRecord && (h[0] & 0x80) != 0 && h[2] is 1)
        {
            // SSLv2-compatible ClientHello (2-byte header with the high bit set, msg_type 1): not supported.
            sink.CountAnomaly(Tls, "sslv2_hello");
            _gaveUp = true;
            return;
        }
        var validType = type is >= ChangeCipherSpec and <= Heartbeat;
        if (!validType || h[1] != 3 || h[2] > 4 || length > MaxRecordLength)
        {
            if (!state.SawRecord)
            {
                sink.CountAnomaly(Tls, "not_tls");
                _gaveUp = true;
            }
            else
            {
                sink.CountAnomaly(Tls, "bad_record");
                Finish(state);
            }
            return;
        }
        state.SawRecord = true;
        state.RecordType = type;
        state.RecordLength = length;
        state.RecordRemaining = length;
        state.InRecord = true;

        switch (type)
        {
            case ChangeCipherSpec:
                // TLS 1.2: what follows is encrypted. TLS 1.3 after a HelloRetryRequest: a cleartext hello may follow
                // the (middlebox-compatibility) ChangeCipherSpec.
                state.Mode = _helloRetrySeen && state.Hellos < 2 ? TlsDirectionMode.AfterChangeCipherSpec : TlsDirectionMode.Finished;
                if (state.Mode == TlsDirectionMode.Finished)
                {
                    state.HandshakeBody = null;
                }
                break;
            case ApplicationData:
                Finish(state);
                break;
            case AlertRecord:
                // A cleartext alert is exactly 2 bytes; a longer one is encrypted (MAC/tag).
                if (length != 2 || state.HandshakeHeaderLength != 0 || state.HandshakeRemaining != 0)
                {
                    Finish(state);
                }
                state.AlertLength = 0;
                break;
            case Handshake:
                if (length == 0)
                {
                    sink.CountAnomaly(Tls, "empty_handshake_record");
                    EndRecord(state);
                }
                break;
            default:
                break;
        }
        if (state.InRecord && state.RecordRemaining == 0)
        {
            EndRecord(state);
        }
    }

    /// <summary>Handshake-layer bytes of one record: collect message headers, buffer hellos, skip the rest.</summary>
    private void FeedHandshake(FlowDirection direction, TlsDirectionState state, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        var helloType = direction == FlowDirection.FromOriginator ? ClientHelloType : ServerHelloType;
        while (!data.IsEmpty && state.Mode != TlsDirectionMode.Finished)
        {
            if (state.HandshakeRemaining == 0 && state.HandshakeBody is null)
            {
                var take = Math.Min(4 - state.HandshakeHeaderLength, data.Length);
                data[..take].CopyTo(state.HandshakeHeader.AsSpan(state.HandshakeHeaderLength));
                state.HandshakeHeaderLength += take;
                data = data[take..];
                if (state.HandshakeHeaderLength < 4)
                {
                    continue;
                }
                var type = state.HandshakeHeader[0];
                var length = (state.HandshakeHeader[1] << 16) | (state.HandshakeHeader[2] << 8) | state.HandshakeHeader[3];
                state.HandshakeHeaderLength = 0;
                if (state.Mode == TlsDirectionMode.AfterChangeCipherSpec && (type != helloType || length > _limits.MaxTlsHandshake))
                {
                    Finish(state); // encrypted after all
                    return;
                }
                if (type == helloType)
                {
                    if (length > _limits.MaxTlsHandshake)
                    {
                        sink.CountAnomaly(Tls, "handshake_too_large");
                    }
                    else if (length > 0)
                    {
                        state.HandshakeBody = new byte[length];
                        state.HandshakeBodyLength = 0;
                    }
                    else
                    {
                        sink.CountAnomaly(Tls, type == ClientHelloType ? "bad_client_hello" : "bad_server_hello");
                    }
                }
                state.HandshakeRemaining = length;
                continue;
            }

            var n = Math.Min(state.HandshakeRemaining, data.Length);
            if (state.HandshakeBody is { } body)
            {
                data[..n].CopyTo(body.AsSpan(state.HandshakeBodyLength));
                state.HandshakeBodyLength += n;
            }
            state.HandshakeRemaining -= n;
            data = data[n..];
            if (state.HandshakeRemaining == 0 && state.HandshakeBody is { } complete)
            {
                state.HandshakeBody = null;
                OnHello(direction, state, complete, timestamp, sink);
            }
        }
    }

    private void OnHello(FlowDirection direction, TlsDirectionState state, byte[] body, DateTime timestamp, IFactSink sink)
    {
        state.Hellos++;
        if (state.Mode == TlsDirectionMode.AfterChangeCipherSpec)
        {
            state.Mode = TlsDirectionMode.Cleartext;
        }
        if (direction == FlowDirection.FromOriginator)
        {
            var hello = ClientHelloParser.TryParse(body, timestamp);
            if (hello is null)
            {
                sink.CountAnomaly(Tls, "bad_client_hello");
                return;
            }
            _clientHelloSeen = true;
            sink.Emit(hello);
            return;
        }

        var serverHello = ServerHelloParser.TryParse(body, timestamp);
        if (serverHello is null)
        {
            sink.CountAnomaly(Tls, "bad_server_hello");
            return;
        }
        if (serverHello.IsHelloRetryRequest)
        {
            _helloRetrySeen = true;
        }
        else
        {
            _serverHelloSeen = true;
            _negotiatedVersion = serverHello.NegotiatedVersion;
        }
        sink.Emit(serverHello);
    }
}
