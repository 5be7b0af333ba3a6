using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// The analysis stage as the live capture sees it when the transparent proxy runs: connections to the redirected
/// ports reach the proxy, which reads them (decrypted where it can) and reports their payloads and flows itself, so
/// the capture leaves them out of the analysis instead of counting every exchange twice. The capture files still
/// hold every frame (replaying them with <c>analyze</c> reads what the wire showed).
/// </summary>
internal sealed class RunCaptureStage(IAnalysisStage inner, IReadOnlySet<int> redirectedPorts) : IAnalysisStage
{
    /// <summary>Payloads and flows left to the proxy.</summary>
    public long LeftToProxy { get; private set; }

    public void OnPayload(Payload payload)
    {
        if (redirectedPorts.Contains(payload.DestinationPort))
        {
            LeftToProxy++;
            return;
        }

        inner.OnPayload(payload);
    }

    public void OnFlowEnded(ConnRecord flow)
    {
        if (flow.Proto == "tcp" && redirectedPorts.Contains(flow.RespP))
        {
            LeftToProxy++;
            return;
        }

        inner.OnFlowEnded(flow);
    }

    public void Complete() => inner.Complete();
}
