using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Mqtt;

/// <summary>
/// Incremental dissector of MQTT 3.1, 3.1.1 and 5.0 over one TCP connection: every control packet becomes an
/// <see cref="MqttPacket"/> fact. PUBLISH payloads are streamed: at most <see cref="DissectorLimits.MaxBodyCapture"/>
/// bytes are kept, the full length is counted. Passwords are never kept.
/// </summary>
public sealed class MqttStreamDissector : IStreamDissector
{
    private const string Mqtt = "mqtt";
    private const int InitialBodyBuffer = 4096;

    private readonly DissectorLimits _limits;
    private readonly MqttDirectionState _originator = new();
    private readonly MqttDirectionState _responder = new();
    private int _level;
    private bool _gaveUp;

    /// <summary>Creates a dissector with the given limits.</summary>
    public MqttStreamDissector(DissectorLimits? limits = null) => _limits = limits ?? DissectorLimits.Default;

    /// <inheritdoc />
    public string Protocol => Mqtt;

    /// <inheritdoc />
    public bool WantsMoreData => !_gaveUp && !(_originator.Dead && _responder.Dead);

    /// <summary>
    /// Content-based check of the first bytes an originator sent: a CONNECT (0x10) with a valid remaining length,
    /// protocol name "MQTT" (level 4 or 5) or "MQIsdp" (level 3).
    /// </summary>
    public static ProbeResult Probe(ReadOnlySpan<byte> firstBytesFromOriginator)
    {
        var b = firstBytesFromOriginator;
        if (b.IsEmpty)
        {
            return ProbeResult.NeedMore;
        }
        if (b[0] != 0x10)
        {
            return ProbeResult.No;
        }
        // Remaining length: 1-4 bytes.
        var remaining = 0;
        var i = 1;
        while (true)
        {
            if (i >= b.Length)
            {
                return ProbeResult.NeedMore;
            }
            remaining |= (b[i] & 0x7f) << (7 * (i - 1));
            if ((b[i] & 0x80) == 0)
            {
                i++;
                break;
            }
            if (i == 4)
            {
                return ProbeResult.No;
            }
            i++;
        }
        if (remaining < 10)
        {
            return ProbeResult.No;
        }
        var rest = b[i..];
        if (rest.Length < 2)
        {
            return rest.Length == 1 && rest[0] != 0 ? ProbeResult.No : ProbeResult.NeedMore;
        }
        var nameLength = (rest[0] << 8) | rest[1];
        ReadOnlySpan<byte> expected = nameLength switch
        {
            4 => "MQTT"u8,
            6 => "MQIsdp"u8,
            _ => default,
        };
        if (expected.IsEmpty || remaining < 2 + nameLength + 4)
        {
            return ProbeResult.No;
        }
        var name = rest[2..];
        var compared = Math.Min(name.Length, nameLength);
        if (!name[..compared].SequenceEqual(expected[..compared]))
        {
            return ProbeResult.No;
        }
        if (name.Length <= nameLength)
        {
            return ProbeResult.NeedMore;
        }
        var level = name[nameLength] & 0x7f;
        var sane = nameLength == 4 ? level is 3 or 4 or 5 : level == 3;
        return sane ? ProbeResult.Yes : ProbeResult.No;
    }

    /// <inheritdoc />
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        var state = StateOf(direction);
        while (!data.IsEmpty && !_gaveUp && !state.Dead)
        {
            if (!state.InPacket)
            {
                ReadFixedHeaderByte(direction, state, data[0], timestamp, sink);
                data = data[1..];
                continue;
            }
            var n = Math.Min(state.PacketRemaining, data.Length);
            ConsumeBody(state, data[..n], sink);
            data = data[n..];
            state.PacketRemaining -= n;
            if (state.PacketRemaining == 0)
            {
                CompletePacket(direction, state, timestamp, sink);
            }
        }
    }

    /// <inheritdoc />
    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
        var state = StateOf(direction);
        if (_gaveUp || state.Dead)
        {
            return;
        }
        sink.CountAnomaly(Mqtt, "gap");
        state.ResetPacket();
        state.Dead = true;
    }

    /// <inheritdoc />
    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        foreach (var state in new[] { _originator, _responder })
        {
            if (!_gaveUp && !state.Dead && (state.InPacket || state.HeaderBytes > 0))
            {
                sink.CountAnomaly(Mqtt, "truncated_packet");
            }
            state.ResetPacket();
            state.Dead = true;
        }
    }

    private MqttDirectionState StateOf(FlowDirection direction) =>
        direction == FlowDirection.FromOriginator ? _originator : _responder;

    private void GiveUp(IFactSink sink, string kind)
    {
        sink.CountAnomaly(Mqtt, kind);
        _gaveUp = true;
        _originator.ResetPacket();
        _responder.ResetPacket();
    }

    /// <summary>Fixed header (§2.1): type and flags, then the remaining length as a 1-4 byte Variable Byte Integer.</summary>
    private void ReadFixedHeaderByte(FlowDirection direction, MqttDirectionState state, byte b, DateTime timestamp, IFactSink sink)
    {
        if (state.HeaderBytes == 0)
        {
            if (b >> 4 == 0)
            {
                GiveUp(sink, "bad_packet_type");
                return;
            }
            state.FirstByte = b;
            state.HeaderBytes = 1;
            return;
        }
        var index = state.HeaderBytes - 1;
        state.RemainingLength |= (b & 0x7f) << (7 * index);
        state.HeaderBytes++;
        if ((b & 0x80) != 0)
        {
            if (index == 3)
            {
                GiveUp(sink, "bad_remaining_length");
            }
            return;
        }
        StartPacket(state, sink);
        if (!_gaveUp && state.InPacket && state.PacketRemaining == 0)
        {
            CompletePacket(direction, state, timestamp, sink);
        }
    }

    private void StartPacket(MqttDirectionState state, IFactSink sink)
    {
        var type = state.FirstByte >> 4;
        state.InPacket = true;
        state.PacketRemaining = state.RemainingLength;
        if (type == MqttPacketTypes.Publish)
        {
            if (((state.FirstByte >> 1) & 3) == 3 || state.RemainingLength < 2)
            {
                sink.CountAnomaly(Mqtt, "bad_publish");
                state.Skipping = true;
                return;
            }
            state.PrefixNeeded = 2;
            return;
        }
        if (state.RemainingLength > _limits.MaxMqttPacket)
        {
            GiveUp(sink, "packet_too_large");
            return;
        }
        state.Body = new byte[Math.Min(state.RemainingLength, InitialBodyBuffer)];
    }

    private void ConsumeBody(MqttDirectionState state, ReadOnlySpan<byte> data, IFactSink sink)
    {
        while (!data.IsEmpty && !state.Skipping)
        {
            if (state.Body is { } body)
            {
                if (state.BodyLength + data.Length > body.Length)
                {
                    // Grow towards the declared length (already checked against MaxMqttPacket).
                    var size = Math.Min(state.RemainingLength, Math.Max(body.Length * 2, state.BodyLength + data.Length));
                    Array.Resize(ref body, size);
                    state.Body = body;
                }
                data.CopyTo(body.AsSpan(state.BodyLength));
                state.BodyLength += data.Length;
                return;
            }
            if (state.Publish is null)
            {
                data = ConsumePublishHeader(state, data, sink);
                continue;
            }
            var cap = (int)Math.Min(state.PayloadLength, _limits.MaxBodyCapture);
            var keep = Math.Min(cap - state.CaptureLength, data.Length);
            var capture = state.Capture!;
            if (state.CaptureLength + keep > capture.Length)
            {
                // Grow with the bytes that actually arrived, never beyond the capture cap.
                Array.Resize(ref capture, Math.Min(cap, Math.Max(capture.Length * 2, state.CaptureLength + keep)));
                state.Capture = capture;
            }
            data[..keep].CopyTo(capture.AsSpan(state.CaptureLength));
            state.CaptureLength += keep;
            return;
        }
    }

    /// <summary>Collects just enough bytes to parse the PUBLISH variable header; returns the bytes not used.</summary>
    private ReadOnlySpan<byte> ConsumePublishHeader(MqttDirectionState state, ReadOnlySpan<byte> data, IFactSink sink)
    {
        var take = Math.Min(state.PrefixNeeded - state.PrefixLength, data.Length);
        if (state.Prefix is null || state.Prefix.Length < state.PrefixNeeded)
        {
            var prefix = state.Prefix;
            Array.Resize(ref prefix, state.PrefixNeeded);
            state.Prefix = prefix;
        }
        data[..take].CopyTo(state.Prefix.AsSpan(state.PrefixLength));
        state.PrefixLength += take;
        data = data[take..];
        if (state.PrefixLength < state.PrefixNeeded)
        {
            return data;
        }

        var qos = (state.FirstByte >> 1) & 3;
        var status = MqttPublishHeader.TryParse(state.Prefix.AsSpan(0, state.PrefixLength), qos, _level, _limits.MaxHeaderBytes, out var header, out var needed);
        if (status == MqttPublishHeader.Status.NeedMore && needed <= state.RemainingLength)
        {
            state.PrefixNeeded = needed;
            return data;
        }
        if (status != MqttPublishHeader.Status.Complete || header!.Length > state.RemainingLength)
        {
            sink.CountAnomaly(Mqtt, "bad_publish");
            state.Skipping = true;
            state.Prefix = null;
            state.Publish = null;
            return default;
        }
        state.Publish = header;
        state.PayloadLength = state.RemainingLength - header.Length;
        state.Capture = new byte[(int)Math.Min(Math.Min(state.PayloadLength, _limits.MaxBodyCapture), InitialBodyBuffer)];
        state.Prefix = null;
        return data;
    }

    private void CompletePacket(FlowDirection direction, MqttDirectionState state, DateTime timestamp, IFactSink sink)
    {
        var type = state.FirstByte >> 4;
        if (type == MqttPacketTypes.Publish)
        {
            if (state.Publish is { } header)
            {
                sink.Emit(new MqttPacket
                {
                    Timestamp = timestamp,
                    Direction = direction,
                    Type = "PUBLISH",
                    ProtocolLevel = _level,
                    Topic = header.Topic,
                    Qos = (state.FirstByte >> 1) & 3,
                    Retain = (state.FirstByte & 1) != 0,
                    PacketId = header.PacketId,
                    ContentType = header.ContentType,
                    UserProperties = header.UserProperties,
                    Payload = state.Capture.AsMemory(0, state.CaptureLength),
                    PayloadLength = state.PayloadLength,
                });
            }
            else if (!state.Skipping)
            {
                sink.CountAnomaly(Mqtt, "bad_publish"); // the packet ended inside its variable header
            }
        }
        else if (state.Body is { } body)
        {
            var packet = MqttPacketParser.TryParse(type, body.AsSpan(0, state.BodyLength), ref _level, direction, timestamp);
            if (packet is null)
            {
                sink.CountAnomaly(Mqtt, "bad_" + MqttPacketTypes.Name(type).ToLowerInvariant());
            }
            else
            {
                sink.Emit(packet);
            }
        }
        state.ResetPacket();
    }
}
