using DeviceWatch.Capture.Flows;
using DeviceWatch.Capture.Reassembly;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Connects one direction of a flow's reassembler to the engine's stream handling.</summary>
internal sealed class FlowStreamOutput : ITcpStreamOutput
{
    private readonly CaptureEngine _engine;
    private readonly Flow _flow;
    private readonly FlowDirection _direction;

    public FlowStreamOutput(CaptureEngine engine, Flow flow, FlowDirection direction)
    {
        _engine = engine;
        _flow = flow;
        _direction = direction;
    }

    public DateTime Timestamp { get; set; }

    public void OnData(ReadOnlySpan<byte> data) => _engine.OnStreamData(_flow, _direction, data, Timestamp);

    public void OnGap(long missingBytes) => _engine.OnStreamGap(_flow, _direction, missingBytes, Timestamp);
}
