using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// One direction of DNS over TCP (RFC 1035 §4.2.2, RFC 7766 §8): each message is preceded by a two-byte
/// big-endian length. Bytes may arrive split at any offset; a partial length or message is kept until complete.
/// </summary>
internal sealed class DnsTcpFramer
{
    /// <summary>After this many messages in a row that do not parse, the stream is taken not to be DNS.</summary>
    private const int MaxConsecutiveFailures = 3;

    private readonly FlowDirection _direction;
    private int _lengthPrefix;
    private int _lengthBytesSeen;
    private byte[]? _message;
    private int _messageFilled;
    private int _consecutiveFailures;

    public DnsTcpFramer(FlowDirection direction) => _direction = direction;

    /// <summary>True once this direction is abandoned (gap, end of stream, or not DNS).</summary>
    public bool GaveUp { get; private set; }

    /// <summary>True while a length prefix or message is incomplete.</summary>
    public bool HasPartialMessage => _lengthBytesSeen > 0 || _message is not null;

    /// <summary>Consumes stream bytes, emitting every message they complete.</summary>
    public void OnData(ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        while (!data.IsEmpty && !GaveUp)
        {
            if (_message is null)
            {
                // 1. Length prefix, possibly split across calls.
                _lengthPrefix = (_lengthPrefix << 8) | data[0];
                data = data[1..];
                if (++_lengthBytesSeen < 2)
                {
                    continue;
                }

                var length = _lengthPrefix & 0xFFFF;
                _lengthPrefix = 0;
                _lengthBytesSeen = 0;
                if (length == 0)
                {
                    sink.CountAnomaly("dns", "empty-message");
                    continue;
                }

                // 2. Fast path: the whole message is in this chunk, parse it in place.
                if (data.Length >= length)
                {
                    Deliver(data[..length], timestamp, sink);
                    data = data[length..];
                    continue;
                }

                // A message is at most 65,535 bytes by construction of the prefix.
                _message = new byte[length];
                _messageFilled = 0;
            }

            // 3. Slow path: accumulate until the message is complete.
            var take = Math.Min(data.Length, _message.Length - _messageFilled);
            data[..take].CopyTo(_message.AsSpan(_messageFilled));
            _messageFilled += take;
            data = data[take..];
            if (_messageFilled == _message.Length)
            {
                var complete = _message;
                _message = null;
                Deliver(complete, timestamp, sink);
            }
        }
    }

    /// <summary>Abandons this direction and drops anything partial.</summary>
    public void GiveUp()
    {
        GaveUp = true;
        _message = null;
        _lengthBytesSeen = 0;
        _lengthPrefix = 0;
    }

    private void Deliver(ReadOnlySpan<byte> frame, DateTime timestamp, IFactSink sink)
    {
        if (DnsMessageParser.TryParse(frame, timestamp, out var message, out var anomaly))
        {
            _consecutiveFailures = 0;
            sink.Emit(message with { Direction = _direction });
            if (anomaly is not null)
            {
                sink.CountAnomaly("dns", anomaly);
            }

            return;
        }

        sink.CountAnomaly("dns", anomaly ?? "unparseable");
        if (++_consecutiveFailures >= MaxConsecutiveFailures)
        {
            sink.CountAnomaly("dns", "not-dns");
            GiveUp();
        }
    }
}
