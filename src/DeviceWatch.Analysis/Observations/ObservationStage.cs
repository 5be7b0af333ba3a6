using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Observations;

/// <summary>
/// The <see cref="IAnalysisStage"/> that turns payloads into observations with a <see cref="PayloadInspector"/>
/// and unreadable flows into <c>opaque</c> observations, handing each to <c>emit</c>.
/// </summary>
public sealed class ObservationStage : IAnalysisStage
{
    private readonly Func<string, DeviceInspectionContext> _contextFor;
    private readonly Action<Observation> _emit;
    private readonly HashSet<string> _flowsWithPayloads = new(StringComparer.Ordinal);

    /// <summary>Creates the stage.</summary>
    /// <param name="contextFor">Context of a device, by device key (payload <c>DeviceKey</c>; for flows the device MAC, else its id, else the originator address).</param>
    /// <param name="emit">Receives every observation.</param>
    /// <param name="inspector">Inspector to use (a default one when null).</param>
    public ObservationStage(Func<string, DeviceInspectionContext> contextFor, Action<Observation> emit, PayloadInspector? inspector = null)
    {
        _contextFor = contextFor ?? throw new ArgumentNullException(nameof(contextFor));
        _emit = emit ?? throw new ArgumentNullException(nameof(emit));
        Inspector = inspector ?? new PayloadInspector();
    }

    /// <summary>The inspector (for its counters).</summary>
    public PayloadInspector Inspector { get; }

    /// <summary>Observations emitted so far.</summary>
    public long ObservationsEmitted { get; private set; }

    /// <inheritdoc />
    public void OnPayload(Payload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        _flowsWithPayloads.Add(payload.FlowUid);
        var context = _contextFor(payload.DeviceKey);
        foreach (var observation in Inspector.Inspect(payload, context))
        {
            ObservationsEmitted++;
            _emit(observation);
        }
    }

    /// <inheritdoc />
    public void OnFlowEnded(ConnRecord flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var read = _flowsWithPayloads.Remove(flow.Uid);
        var key = flow.DeviceMac ?? flow.Device ?? flow.OrigH;
        var observation = OpaqueObservationFactory.TryCreate(flow, _contextFor(key), read);
        if (observation is not null)
        {
            ObservationsEmitted++;
            _emit(observation);
        }
    }

    /// <inheritdoc />
    public void Complete()
    {
        _flowsWithPayloads.Clear();
    }
}
