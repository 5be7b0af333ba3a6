using System.Buffers;
using System.Buffers.Binary;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Proxy.WebSockets;

/// <summary>
/// Incremental RFC 6455 §5.2 frame parser for one direction: frame heads are gathered across reads, payloads are
/// unmasked (§5.3) into the current message up to the capture limit and only counted beyond it; fragments
/// (§5.4) are joined; control frames may arrive between fragments. A frame that breaks the framing rules is
/// counted and ends parsing of this direction (the relay is not affected).
/// </summary>
internal sealed class WebSocketFrameReader(FlowDirection direction, int maxCapture)
{
    private const string Protocol = "websocket";
    private readonly byte[] _head = new byte[14];
    private readonly byte[] _mask = new byte[4];
    private int _headLength;
    private bool _inPayload;
    private long _payloadRemaining;
    private long _maskOffset;
    private byte _opcode;
    private bool _fin;
    private bool _masked;
    private bool _inMessage;
    private bool _skippingMessage;
    private bool _messageText;
    private bool _messageCompressed;
    private long _messageLength;
    private ArrayBufferWriter<byte>? _capture;

    /// <summary>True after a framing error: nothing more is parsed in this direction.</summary>
    public bool Broken { get; private set; }

    public void OnData(ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        while (!data.IsEmpty && !Broken)
        {
            if (!_inPayload)
            {
                // 1. The frame head: 2 bytes, then the extended length and the masking key they announce.
                var need = _headLength < 2 ? 2 : HeadSize();
                var take = Math.Min(need - _headLength, data.Length);
                data[..take].CopyTo(_head.AsSpan(_headLength));
                _headLength += take;
                data = data[take..];
                if (_headLength < need || (need == 2 && HeadSize() > 2))
                {
                    continue;
                }

                StartFrame(sink);
                if (!Broken && _payloadRemaining == 0)
                {
                    EndFrame(timestamp, sink);
                }

                continue;
            }

            // 2. Payload bytes of the current frame.
            var length = (int)Math.Min(_payloadRemaining, data.Length);
            Consume(data[..length]);
            data = data[length..];
            _payloadRemaining -= length;
            if (_payloadRemaining == 0)
            {
                EndFrame(timestamp, sink);
            }
        }
    }

    public void OnEnd(IFactSink sink)
    {
        if (!Broken && (_inMessage || _inPayload || _headLength > 0))
        {
            sink.CountAnomaly(Protocol, "truncated-frame");
        }
    }

    private int HeadSize()
    {
        var length7 = _head[1] & 0x7F;
        var extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + extended + ((_head[1] & 0x80) != 0 ? 4 : 0);
    }

    private void StartFrame(IFactSink sink)
    {
        _fin = (_head[0] & 0x80) != 0;
        _opcode = (byte)(_head[0] & 0x0F);
        _masked = (_head[1] & 0x80) != 0;
        var length7 = _head[1] & 0x7F;
        var at = 2;
        long length = length7;
        if (length7 == 126)
        {
            length = BinaryPrimitives.ReadUInt16BigEndian(_head.AsSpan(2));
            at = 4;
        }
        else if (length7 == 127)
        {
            var wide = BinaryPrimitives.ReadUInt64BigEndian(_head.AsSpan(2));
            if (wide > long.MaxValue)
            {
                Fail(sink, "bad-length");
                return;
            }

            length = (long)wide;
            at = 10;
        }

        if (_masked)
        {
            _head.AsSpan(at, 4).CopyTo(_mask);
        }

        _headLength = 0;
        _payloadRemaining = length;
        _maskOffset = 0;
        _inPayload = length > 0;
        switch (_opcode)
        {
            case >= 8 when _opcode <= 10:
                // §5.5: control frames are not fragmented and carry at most 125 bytes.
                if (!_fin || length > 125)
                {
                    Fail(sink, "bad-control-frame");
                }

                break;
            case 1 or 2:
                if (_inMessage)
                {
                    sink.CountAnomaly(Protocol, "interleaved-message");
                }

                _inMessage = true;
                _skippingMessage = false;
                _messageText = _opcode == 1;
                _messageCompressed = (_head[0] & 0x40) != 0;
                _messageLength = 0;
                _capture?.ResetWrittenCount();
                break;
            case 0:
                if (!_inMessage)
                {
                    // A continuation with no message started: its payload is skipped.
                    sink.CountAnomaly(Protocol, "orphan-continuation");
                    _skippingMessage = true;
                }

                break;
            default:
                Fail(sink, "bad-opcode");
                break;
        }
    }

    private void Consume(ReadOnlySpan<byte> payload)
    {
        if (_opcode >= 8 || _skippingMessage)
        {
            _maskOffset += payload.Length;
            return;
        }

        _messageLength += payload.Length;
        var room = maxCapture - (_capture?.WrittenCount ?? 0);
        if (room > 0)
        {
            var keep = payload[..Math.Min(room, payload.Length)];
            _capture ??= new ArrayBufferWriter<byte>(Math.Min(maxCapture, 4096));
            var target = _capture.GetSpan(keep.Length)[..keep.Length];
            keep.CopyTo(target);
            if (_masked)
            {
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] ^= _mask[(int)((_maskOffset + i) & 3)];
                }
            }

            _capture.Advance(keep.Length);
        }

        _maskOffset += payload.Length;
    }

    private void EndFrame(DateTime timestamp, IFactSink sink)
    {
        _inPayload = false;
        if (_opcode >= 8)
        {
            sink.Emit(new WebSocketControlFrame { Timestamp = timestamp, Direction = direction, Opcode = _opcode });
            return;
        }

        if (!_fin)
        {
            return;
        }

        if (_skippingMessage)
        {
            _skippingMessage = false;
            return;
        }

        var captured = _capture is null ? ReadOnlyMemory<byte>.Empty : _capture.WrittenMemory.ToArray();
        sink.Emit(new WebSocketMessage
        {
            Timestamp = timestamp,
            Direction = direction,
            Text = _messageText,
            Body = captured,
            Length = _messageLength,
            Truncated = captured.Length < _messageLength,
            Compressed = _messageCompressed,
        });
        _inMessage = false;
        _messageLength = 0;
        _capture?.ResetWrittenCount();
    }

    /// <summary>Stops parsing this direction, counting <paramref name="kind"/>.</summary>
    public void Stop(IFactSink sink, string kind) => Fail(sink, kind);

    private void Fail(IFactSink sink, string kind)
    {
        sink.CountAnomaly(Protocol, kind);
        Broken = true;
    }
}
