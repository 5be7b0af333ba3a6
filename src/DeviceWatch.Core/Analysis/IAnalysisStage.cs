using DeviceWatch.Core.Records;

namespace DeviceWatch.Core.Analysis;

/// <summary>
/// The stage after dissection: receives payloads and finished flows from any source (capture replay,
/// live capture, proxy). Implementations must not assume a thread; callers deliver from one thread at a time.
/// </summary>
public interface IAnalysisStage
{
    /// <summary>A readable application message.</summary>
    void OnPayload(Payload payload);

    /// <summary>A flow has ended; <paramref name="flow"/> carries volume and whether its content was readable.</summary>
    void OnFlowEnded(ConnRecord flow);

    /// <summary>Input is exhausted; flush anything pending.</summary>
    void Complete();
}
