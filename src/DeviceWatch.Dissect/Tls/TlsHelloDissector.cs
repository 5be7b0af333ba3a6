using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>Incremental tls stream dissector (STUB: to be implemented).</summary>
public sealed class TlsHelloDissector : IStreamDissector
{
    private readonly DissectorLimits _limits;

    /// <summary>Creates a dissector with the given limits.</summary>
    public TlsHelloDissector(DissectorLimits? limits = null) => _limits = limits ?? DissectorLimits.Default;

    /// <inheritdoc />
    public string Protocol => "tls";

    /// <inheritdoc />
    public bool WantsMoreData => _limits is not null;

    /// <inheritdoc />
    public void OnData(FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp, IFactSink sink)
    {
    }

    /// <inheritdoc />
    public void OnGap(FlowDirection direction, long missingBytes, DateTime timestamp, IFactSink sink)
    {
    }

    /// <inheritdoc />
    public void OnEnd(DateTime timestamp, IFactSink sink)
    {
    }
}
