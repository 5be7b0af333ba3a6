using DeviceWatch.Core.Records;

namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Accumulates the flows of one device to one host.</summary>
internal sealed class DestinationTally
{
    public long Flows { get; private set; }
    public long BytesUp { get; private set; }
    public long BytesDown { get; private set; }
    public bool AllEncrypted { get; private set; } = true;

    public void Add(ConnRecord flow, bool deviceIsResponder)
    {
        Flows++;
        BytesUp += deviceIsResponder ? flow.RespBytes : flow.OrigBytes;
        BytesDown += deviceIsResponder ? flow.OrigBytes : flow.RespBytes;
        AllEncrypted &= IsEncrypted(flow);
    }

    /// <summary>A flow is encrypted on the wire when it was TLS/QUIC/DTLS or unreadable.</summary>
    public static bool IsEncrypted(ConnRecord flow) =>
        flow.Encrypted || flow.Service is "tls" or "ssl" or "quic" or "dtls" or "https" or "mqtts";
}
