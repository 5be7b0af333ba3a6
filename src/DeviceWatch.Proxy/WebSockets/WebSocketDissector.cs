using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Proxy.WebSockets;

/// <summary>The frames of both directions of a WebSocket connection (after the 101 answer to an upgrade).</summary>
internal sealed class WebSocketDissector(int maxCapture) : IStreamDissector
{
    private readonly WebSocketFrameReader _fromClient = new(FlowDirection.FromOriginator, maxCapture);
    private readonly WebSocketFrameReader _fromServer = new(FlowDirection.FromResponder, maxCapture);

    public string Protocol => "websocket";

    public bool WantsMoreData => !_fromClient.Broken || !_fromServer.Broken;

    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink) =>
        Reader(direction).OnData(data, timestamp, sink);

    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
        // Frames cannot be found again after a gap: stop this direction.
        Reader(direction).Stop(sink, "gap");
    }

    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
        _fromClient.OnEnd(sink);
        _fromServer.OnEnd(sink);
    }

    private WebSocketFrameReader Reader(FlowDirection direction) => direction == FlowDirection.FromOriginator ? _fromClient : _fromServer;
}
