using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Tcp;

/// <summary>
/// Writes one TCP connection as it would be captured next to the client: three-way handshake, data in both
/// directions cut by MSS with correct sequence and acknowledgment numbers, optional retransmission and
/// out-of-order injection, then a FIN close or an RST. Every call advances <see cref="Now"/>; frames go to the
/// writer in non-decreasing time order.
/// </summary>
/// <example>
/// <code>
/// new TcpSessionBuilder(writer, client, server, start)
///     .Open()
///     .ClientSends(request)
///     .ServerSends(response)
///     .Close();
/// </code>
/// </example>
public sealed class TcpSessionBuilder
{
    private const ushort ClientSynWindow = 64240;
    private const ushort ServerSynWindow = 65160;

    private readonly IPacketWriter _writer;
    private readonly TcpSessionOptions _options;
    private readonly Random _random;
    private readonly byte[] _frame;
    private uint _clientNext;
    private uint _serverNext;
    private ushort _clientIpId;
    private ushort _serverIpId;
    private bool _opened;
    private bool _finished;

    /// <summary>Creates a builder for a connection from <paramref name="client"/> to <paramref name="server"/>.</summary>
    /// <param name="writer">Receives the frames.</param>
    /// <param name="client">Client endpoint (its MAC is the client's own).</param>
    /// <param name="server">Server endpoint (for a remote server, the MAC is the gateway's).</param>
    /// <param name="start">Time of the SYN.</param>
    /// <param name="options">Timing, sizes and impairments; <see cref="TcpSessionOptions.Default"/> when null.</param>
    public TcpSessionBuilder(IPacketWriter writer, NetworkEndpoint client, NetworkEndpoint server, DateTime start, TcpSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _options = options ?? TcpSessionOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.FlightSegments, 1);
        if ((long)_options.FlightSegments * _options.MaximumSegmentSize > (long)_options.Window << _options.WindowScale)
        {
            throw new ArgumentException("A flight of FlightSegments full segments must fit the scaled window.", nameof(options));
        }

        Client = client;
        Server = server;
        Now = start;
        _random = new Random(_options.Seed);
        ClientInitialSequence = _options.ClientInitialSequence ?? (uint)_random.NextInt64(0, 1L << 32);
        ServerInitialSequence = _options.ServerInitialSequence ?? (uint)_random.NextInt64(0, 1L << 32);
        _clientIpId = (ushort)_random.Next(0, 65536);
        _serverIpId = (ushort)_random.Next(0, 65536);
        _clientNext = ClientInitialSequence;
        _serverNext = ServerInitialSequence;
        _frame = new byte[18 + 40 + 60 + _options.MaximumSegmentSize];
    }

    /// <summary>Client endpoint.</summary>
    public NetworkEndpoint Client { get; }

    /// <summary>Server endpoint.</summary>
    public NetworkEndpoint Server { get; }

    /// <summary>Time the next frame will be stamped with.</summary>
    public DateTime Now { get; private set; }

    /// <summary>Client initial sequence number.</summary>
    public uint ClientInitialSequence { get; }

    /// <summary>Server initial sequence number.</summary>
    public uint ServerInitialSequence { get; }

    /// <summary>Frames written by the client.</summary>
    public int ClientPackets { get; private set; }

    /// <summary>Frames written by the server.</summary>
    public int ServerPackets { get; private set; }

    /// <summary>Distinct payload bytes the client sent (retransmissions not counted).</summary>
    public long ClientPayloadBytes { get; private set; }

    /// <summary>Distinct payload bytes the server sent (retransmissions not counted).</summary>
    public long ServerPayloadBytes { get; private set; }

    /// <summary>Writes SYN, SYN-ACK and ACK.</summary>
    public TcpSessionBuilder Open()
    {
        if (_opened)
        {
            throw new InvalidOperationException("The session is already open.");
        }

        _opened = true;
        var options = TcpHeader.SynOptions(_options.MaximumSegmentSize, _options.WindowScale);
        Emit(TcpDirection.ClientToServer, new TcpHeader(_clientNext, 0, TcpFlags.Syn, ClientSynWindow, options), []);
        _clientNext++;
        Now += _options.RoundTripTime;
        Emit(TcpDirection.ServerToClient, new TcpHeader(_serverNext, _clientNext, TcpFlags.Syn | TcpFlags.Ack, ServerSynWindow, options), []);
        _serverNext++;
        Now += _options.ClientDelay;
        Emit(TcpDirection.ClientToServer, new TcpHeader(_clientNext, _serverNext, TcpFlags.Ack, _options.Window), []);
        Now += _options.SegmentGap;
        return this;
    }

    /// <summary>The client sends <paramref name="data"/>; the server acknowledges each flight.</summary>
    public TcpSessionBuilder ClientSends(ReadOnlySpan<byte> data, TcpFault fault = TcpFault.None) =>
        Send(TcpDirection.ClientToServer, data, fault);

    /// <summary>The server sends <paramref name="data"/>; the client acknowledges each flight.</summary>
    public TcpSessionBuilder ServerSends(ReadOnlySpan<byte> data, TcpFault fault = TcpFault.None) =>
        Send(TcpDirection.ServerToClient, data, fault);

    /// <summary>A request from the client followed by the server's response.</summary>
    public TcpSessionBuilder Exchange(ReadOnlySpan<byte> request, ReadOnlySpan<byte> response) =>
        ClientSends(request).ServerSends(response);

    /// <summary>
    /// Sends <paramref name="data"/> in MSS-sized segments, <see cref="TcpSessionOptions.FlightSegments"/> per
    /// flight, each flight followed by the receiver's cumulative ACK. <paramref name="fault"/> applies to the
    /// first flight; later flights draw faults from the option probabilities.
    /// </summary>
    public TcpSessionBuilder Send(TcpDirection from, ReadOnlySpan<byte> data, TcpFault fault = TcpFault.None)
    {
        EnsureOpen();
        if (data.IsEmpty)
        {
            return this;
        }

        var mss = _options.MaximumSegmentSize;
        var segmentCount = (data.Length + mss - 1) / mss;
        var start = from == TcpDirection.ClientToServer ? _clientNext : _serverNext;
        Span<int> order = stackalloc int[_options.FlightSegments];
        for (var flightStart = 0; flightStart < segmentCount; flightStart += _options.FlightSegments)
        {
            var flightLength = Math.Min(_options.FlightSegments, segmentCount - flightStart);
            var flightFault = flightStart == 0 ? fault : TcpFault.None;
            if (flightFault == TcpFault.None && _options.RetransmissionProbability > 0 && _random.NextDouble() < _options.RetransmissionProbability)
            {
                flightFault = TcpFault.Retransmission;
            }

            if (flightFault == TcpFault.None && _options.OutOfOrderProbability > 0 && flightLength >= 2 && _random.NextDouble() < _options.OutOfOrderProbability)
            {
                flightFault = TcpFault.OutOfOrder;
            }

            for (var i = 0; i < flightLength; i++)
            {
                order[i] = flightStart + i;
            }

            if (flightFault == TcpFault.OutOfOrder && flightLength >= 2)
            {
                (order[0], order[1]) = (order[1], order[0]);
            }

            for (var i = 0; i < flightLength; i++)
            {
                if (i > 0)
                {
                    Now += _options.SegmentGap;
                }

                EmitSegment(from, data, start, order[i], segmentCount);
            }

            if (flightFault == TcpFault.Retransmission)
            {
                Now += RetransmissionTimeout;
                EmitSegment(from, data, start, flightStart, segmentCount);
            }

            var acked = start + (uint)Math.Min(data.Length, (flightStart + flightLength) * mss);
            Now += AnswerDelay(from);
            var receiver = Opposite(from);
            Emit(receiver, new TcpHeader(NextOf(receiver), acked, TcpFlags.Ack, _options.Window), []);
            Now += AnswerDelay(receiver);
        }

        if (from == TcpDirection.ClientToServer)
        {
            _clientNext = start + (uint)data.Length;
            ClientPayloadBytes += data.Length;
        }
        else
        {
            _serverNext = start + (uint)data.Length;
            ServerPayloadBytes += data.Length;
        }

        return this;
    }

    /// <summary>Moves the clock forward by <paramref name="delay"/> (idle time on the connection).</summary>
    public TcpSessionBuilder Wait(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Now += delay;
        return this;
    }

    /// <summary>Moves the clock to <paramref name="time"/> when that is later than <see cref="Now"/>.</summary>
    public TcpSessionBuilder WaitUntil(DateTime time)
    {
        if (time > Now)
        {
            Now = time;
        }

        return this;
    }

    /// <summary>Closes gracefully: FIN-ACK from <paramref name="initiator"/>, FIN-ACK back, final ACK.</summary>
    public TcpSessionBuilder Close(TcpDirection initiator = TcpDirection.ClientToServer)
    {
        EnsureOpen();
        var peer = Opposite(initiator);
        Emit(initiator, new TcpHeader(NextOf(initiator), NextOf(peer), TcpFlags.Fin | TcpFlags.Ack, _options.Window), []);
        Advance(initiator);
        Now += AnswerDelay(initiator);
        Emit(peer, new TcpHeader(NextOf(peer), NextOf(initiator), TcpFlags.Fin | TcpFlags.Ack, _options.Window), []);
        Advance(peer);
        Now += AnswerDelay(peer);
        Emit(initiator, new TcpHeader(NextOf(initiator), NextOf(peer), TcpFlags.Ack, _options.Window), []);
        _finished = true;
        return this;
    }

    /// <summary>Aborts: one RST-ACK from <paramref name="from"/>.</summary>
    public TcpSessionBuilder Reset(TcpDirection from = TcpDirection.ClientToServer)
    {
        EnsureOpen();
        Emit(from, new TcpHeader(NextOf(from), NextOf(Opposite(from)), TcpFlags.Rst | TcpFlags.Ack, 0), []);
        _finished = true;
        return this;
    }

    private TimeSpan RetransmissionTimeout =>
        TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(200).Ticks, 3 * (_options.RoundTripTime + _options.ClientDelay).Ticks));

    private static TcpDirection Opposite(TcpDirection direction) =>
        direction == TcpDirection.ClientToServer ? TcpDirection.ServerToClient : TcpDirection.ClientToServer;

    private TimeSpan AnswerDelay(TcpDirection sentBy) =>
        sentBy == TcpDirection.ClientToServer ? _options.RoundTripTime : _options.ClientDelay;

    private uint NextOf(TcpDirection side) => side == TcpDirection.ClientToServer ? _clientNext : _serverNext;

    private void Advance(TcpDirection side)
    {
        if (side == TcpDirection.ClientToServer)
        {
            _clientNext++;
        }
        else
        {
            _serverNext++;
        }
    }

    private void EnsureOpen()
    {
        if (!_opened || _finished)
        {
            throw new InvalidOperationException(_finished ? "The session is closed." : "Call Open() first.");
        }
    }

    private void EmitSegment(TcpDirection from, ReadOnlySpan<byte> data, uint start, int index, int segmentCount)
    {
        var mss = _options.MaximumSegmentSize;
        var offset = index * mss;
        var length = Math.Min(mss, data.Length - offset);
        var flags = index == segmentCount - 1 ? TcpFlags.Psh | TcpFlags.Ack : TcpFlags.Ack;
        Emit(from, new TcpHeader(start + (uint)offset, NextOf(Opposite(from)), flags, _options.Window), data.Slice(offset, length));
    }

    private void Emit(TcpDirection from, TcpHeader header, ReadOnlySpan<byte> payload)
    {
        FrameOptions frame;
        int length;
        if (from == TcpDirection.ClientToServer)
        {
            frame = _options.Frame with { IpIdentification = _clientIpId++ };
            length = FrameBuilder.WriteTcp(_frame, Client, Server, header, payload, frame);
            ClientPackets++;
        }
        else
        {
            frame = _options.Frame with { IpIdentification = _serverIpId++, TimeToLive = _options.ServerTimeToLive };
            length = FrameBuilder.WriteTcp(_frame, Server, Client, header, payload, frame);
            ServerPackets++;
        }

        _writer.Write(Now, _frame.AsSpan(0, length));
    }
}
