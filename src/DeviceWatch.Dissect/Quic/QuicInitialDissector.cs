using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Dissect.Quic;

/// <summary>
/// Reads the TLS ClientHello of a QUIC v1 (RFC 9000) or v2 (RFC 9369) connection from the client's Initial packets,
/// whose keys derive from the client's first Destination Connection ID (RFC 9001 §5.2): header protection and
/// AES-128-GCM packet protection are removed, CRYPTO frames are reassembled by offset across packets and datagrams
/// (up to <see cref="DissectorLimits.MaxTlsHandshake"/>), and one <see cref="TlsClientHello"/> is emitted, with a JA4
/// whose transport character is <c>q</c>. One instance per UDP flow; sans-IO. Server datagrams, non-Initial long
/// headers and short-header packets are ignored; malformed input is counted as a <c>quic</c> anomaly.
/// </summary>
public sealed class QuicInitialDissector
{
    /// <summary>Client datagrams without a decryptable Initial packet (in total) after which the ClientHello is given up.</summary>
    private const int MaxDatagramsWithoutInitial = 8;
    /// <summary>Decrypted client Initial packets after which an incomplete ClientHello is given up.</summary>
    private const int MaxInitialPackets = 64;
    /// <summary>Largest TLS handshake message length (a 24-bit field).</summary>
    private const int MaxHandshakeLength = 0xFFFFFF;
    private const byte ClientHelloType = 1;
    /// <summary>RFC 9000 §7.2: a client's first Destination Connection ID is at least 8 bytes.</summary>
    private const int MinClientConnectionIdLength = 8;

    private readonly DissectorLimits _limits;
    private QuicInitialKeys? _keys;
    private byte[]? _originalConnectionId;
    private QuicCryptoReassembler? _crypto;
    private long _largestPacketNumber = -1;
    private int _datagramsWithoutInitial;
    private int _initialPackets;
    private bool _done;

    /// <summary>Creates a dissector for one UDP flow.</summary>
    public QuicInitialDissector(DissectorLimits? limits = null) => _limits = limits ?? DissectorLimits.Default;

    /// <summary>False once the ClientHello was emitted or given up: callers may stop feeding datagrams.</summary>
    public bool WantsMoreData => !_done;

    /// <summary>
    /// Content-based check of one whole UDP datagram: <see cref="ProbeResult.Yes"/> when it starts with a long-header
    /// Initial packet of QUIC v1 (0x00000001) or v2 (0x6b3343cf) whose connection IDs, token and Length fit the
    /// datagram, with a Destination Connection ID of at least 8 bytes and room for a header protection sample;
    /// otherwise <see cref="ProbeResult.No"/> (a datagram is never partial).
    /// </summary>
    public static ProbeResult Probe(ReadOnlySpan<byte> datagram)
    {
        if (QuicLongHeader.TryRead(datagram, out var header) != QuicHeaderStatus.Parsed
            || !header.IsInitial
            || header.DestinationIdLength < MinClientConnectionIdLength
            || header.PacketEnd - header.PacketNumberOffset < 4 + QuicPacketProtection.SampleLength)
        {
            return ProbeResult.No;
        }
        return ProbeResult.Yes;
    }

    /// <summary>One UDP datagram of the flow (possibly several coalesced QUIC packets), in capture order.</summary>
    public void OnDatagram(FlowDirection direction, ReadOnlySpan<byte> datagram, DateTime timestamp, IFactSink sink)
    {
        if (_done || direction != FlowDirection.FromOriginator)
        {
            return;
        }

        // 1. Walk the coalesced packets (RFC 9000 §12.2); only long headers carry a Length, so a short header ends the walk.
        var decryptedInitial = false;
        var rest = datagram;
        ReadOnlySpan<byte> firstConnectionId = default;
        var first = true;
        while (!rest.IsEmpty && !_done)
        {
            var status = QuicLongHeader.TryRead(rest, out var header);
            if (status != QuicHeaderStatus.Parsed)
            {
                CountHeaderProblem(status, sink);
                break;
            }
            var connectionId = header.DestinationId(rest);
            if (first)
            {
                firstConnectionId = connectionId;
                first = false;
            }
            else if (!connectionId.SequenceEqual(firstConnectionId))
            {
                break; // §12.2: receivers SHOULD ignore coalesced packets of another connection ID
            }
            if (header.IsInitial)
            {
                decryptedInitial |= OnInitial(rest[..header.PacketEnd], header, timestamp, sink);
            }
            rest = rest[header.PacketEnd..];
        }

        // 2. Give up once the client has visibly moved on without a complete ClientHello.
        if (_done)
        {
            return;
        }
        if (!decryptedInitial)
        {
            _datagramsWithoutInitial++;
        }
        if (_datagramsWithoutInitial >= MaxDatagramsWithoutInitial || _initialPackets >= MaxInitialPackets)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, _initialPackets > 0 ? QuicAnomaly.IncompleteClientHello : QuicAnomaly.NoClientInitial);
            GiveUp();
        }
    }

    private void CountHeaderProblem(QuicHeaderStatus status, IFactSink sink)
    {
        switch (status)
        {
            case QuicHeaderStatus.Truncated:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.TruncatedPacket);
                break;
            case QuicHeaderStatus.Invalid:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.BadHeader);
                break;
            case QuicHeaderStatus.UnsupportedVersion when _keys is null:
                // Nothing of this flow can be read (a QUIC draft, gQUIC with long headers, or not QUIC at all).
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.UnsupportedVersion);
                GiveUp();
                break;
            default:
                break; // short header, trailing padding, version negotiation: nothing for us
        }
    }

    /// <summary>One client Initial packet: decrypt, read frames, and emit the ClientHello once complete. True when it decrypted.</summary>
    private bool OnInitial(ReadOnlySpan<byte> packet, QuicLongHeader header, DateTime timestamp, IFactSink sink)
    {
        // 1. Keys: from the first Initial's Destination Connection ID. After compatible version negotiation
        //    (RFC 9368) the same ID with the new version's salt; after a Retry, the new ID (RFC 9001 §5.2).
        var connectionId = header.DestinationId(packet);
        if (_keys is null)
        {
            _originalConnectionId = connectionId.ToArray();
            _keys = QuicInitialKeys.Derive(header.Version, connectionId, client: true);
        }
        else if (_keys.Version != header.Version)
        {
            _keys = QuicInitialKeys.Derive(header.Version, _keys.ConnectionId, client: true);
        }
        var status = QuicPacketProtection.TryDecrypt(packet, header.PacketNumberOffset, _keys, _largestPacketNumber, out var decrypted);
        if (status == QuicDecryptStatus.AuthenticationFailed
            && !connectionId.SequenceEqual(_keys.ConnectionId)
            && !connectionId.SequenceEqual(_originalConnectionId))
        {
            var retryKeys = QuicInitialKeys.Derive(header.Version, connectionId, client: true);
            status = QuicPacketProtection.TryDecrypt(packet, header.PacketNumberOffset, retryKeys, -1, out decrypted);
            if (status == QuicDecryptStatus.Decrypted)
            {
                // The client restarted its handshake: its CRYPTO stream starts again at offset 0.
                _keys = retryKeys;
                _largestPacketNumber = -1;
                _crypto = null;
            }
        }
        switch (status)
        {
            case QuicDecryptStatus.TooShort:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.ShortPacket);
                return false;
            case QuicDecryptStatus.AuthenticationFailed:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.DecryptFailed);
                return false;
            case QuicDecryptStatus.Unsupported:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.AesGcmUnsupported);
                GiveUp();
                return false;
            default:
                break;
        }

        // 2. Frames: CRYPTO data into the reassembler.
        var packetData = decrypted!;
        _initialPackets++;
        _largestPacketNumber = Math.Max(_largestPacketNumber, (long)packetData.PacketNumber);
        if ((packetData.FirstByte & 0x0c) != 0)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.ReservedBits);
            return true;
        }
        if (packetData.Payload.Length == 0)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.EmptyPacket);
            return true;
        }
        _crypto ??= new QuicCryptoReassembler(4 + Math.Clamp(_limits.MaxTlsHandshake, 0, MaxHandshakeLength));
        switch (QuicInitialFrameReader.Read(packetData.Payload, _crypto))
        {
            case QuicFrameStatus.Malformed:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.BadFrame);
                break;
            case QuicFrameStatus.UnexpectedFrame:
                sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.UnexpectedFrame);
                break;
            default:
                break;
        }

        // 3. The ClientHello: handshake type 1 with a 3-byte length, complete once the gap-free prefix covers it.
        TryEmitClientHello(_crypto, timestamp, sink);
        return true;
    }

    private void TryEmitClientHello(QuicCryptoReassembler crypto, DateTime timestamp, IFactSink sink)
    {
        if (crypto.Contiguous < 4)
        {
            return;
        }
        var prefix = crypto.Prefix;
        if (prefix[0] != ClientHelloType)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.NotClientHello);
            GiveUp();
            return;
        }
        var length = (prefix[1] << 16) | (prefix[2] << 8) | prefix[3];
        if (length > _limits.MaxTlsHandshake)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.HandshakeTooLarge);
            GiveUp();
            return;
        }
        crypto.Shrink(4 + length);
        if (crypto.Contiguous < 4 + length)
        {
            return;
        }
        var hello = ClientHelloParser.TryParse(crypto.Prefix.Slice(4, length), timestamp);
        GiveUp();
        if (hello is null)
        {
            sink.CountAnomaly(QuicAnomaly.Protocol, QuicAnomaly.BadClientHello);
            return;
        }
        sink.Emit(hello with { Ja4 = QuicJa4(hello.Ja4) });
    }

    /// <summary>JA4 over QUIC starts with <c>q</c> where TLS over TCP has <c>t</c> (FoxIO JA4 spec).</summary>
    private static string QuicJa4(string tcpJa4) => tcpJa4.Length > 0 && tcpJa4[0] == 't' ? "q" + tcpJa4[1..] : tcpJa4;

    private void GiveUp()
    {
        _done = true;
        _crypto = null;
    }
}
