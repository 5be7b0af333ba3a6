using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Dns;

/// <summary>
/// DNS over TCP (RFC 1035 §4.2.2, RFC 7766): length-prefixed messages in both directions, any number per
/// connection (pipelined queries and responses are independent). Emits a <see cref="DnsMessage"/> per message
/// with <see cref="DissectedFact.Direction"/> set. Anomalies (protocol <c>dns</c>): the parser's kinds, plus
/// <c>empty-message</c> (zero length prefix), <c>gap</c> (the direction is abandoned: framing is lost),
/// <c>not-dns</c> (three unparseable messages in a row; the direction is abandoned) and
/// <c>truncated-message</c> (the stream ended inside a message).
/// </summary>
public sealed class DnsTcpDissector : IStreamDissector
{
    private readonly DnsTcpFramer _fromOriginator = new(FlowDirection.FromOriginator);
    private readonly DnsTcpFramer _fromResponder = new(FlowDirection.FromResponder);
    private bool _ended;

    /// <summary>Creates a dissector with the given limits.</summary>
    /// <remarks>The two-byte length prefix already bounds a buffered message to 65,535 bytes per direction, below every limit.</remarks>
    public DnsTcpDissector(DissectorLimits? limits = null) => _ = limits ?? DissectorLimits.Default;

    /// <inheritdoc />
    public string Protocol => "dns";

    /// <inheritdoc />
    public bool WantsMoreData => !_ended && !(_fromOriginator.GaveUp && _fromResponder.GaveUp);

    /// <inheritdoc />
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
        if (!_ended)
        {
            Framer(direction).OnData(data, timestamp, sink);
        }
    }

    /// <inheritdoc />
    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
        var framer = Framer(direction);
        if (_ended || framer.GaveUp || missingBytes <= 0)
        {
            return;
        }

        // Without the bytes we cannot know where the next length prefix starts.
        sink.CountAnomaly(Protocol, "gap");
        framer.GiveUp();
    }

    /// <inheritdoc />
    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        if (_ended)
        {
            return;
        }

        _ended = true;
        foreach (var framer in new[] { _fromOriginator, _fromResponder })
        {
            if (!framer.GaveUp && framer.HasPartialMessage)
            {
                sink.CountAnomaly(Protocol, "truncated-message");
            }

            framer.GiveUp();
        }
    }

    private DnsTcpFramer Framer(FlowDirection direction) =>
        direction == FlowDirection.FromOriginator ? _fromOriginator : _fromResponder;
}
