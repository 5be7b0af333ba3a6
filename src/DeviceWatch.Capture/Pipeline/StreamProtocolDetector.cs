using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Dns;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>Chooses a stream dissector from the originator's first bytes (content first, port as a hint).</summary>
internal static class StreamProtocolDetector
{
    /// <summary>Bytes after which an undecided stream is declared unknown.</summary>
    public const int MaxProbeBytes = 64;

    /// <summary>Returns a dissector, null for an unknown protocol, or sets <paramref name="needMore"/>.</summary>
    public static IStreamDissector? Detect(ReadOnlySpan<byte> firstBytes, int responderPort, DissectorLimits limits, out bool needMore)
    {
        needMore = false;
        var tls = TlsHelloDissector.Probe(firstBytes);
        if (tls == ProbeResult.Yes)
        {
            return new TlsHelloDissector(limits);
        }

        var http = HttpStreamDissector.Probe(firstBytes);
        if (http == ProbeResult.Yes)
        {
            return new HttpStreamDissector(limits);
        }

        var mqtt = MqttStreamDissector.Probe(firstBytes);
        if (mqtt == ProbeResult.Yes)
        {
            return new MqttStreamDissector(limits);
        }

        if (responderPort is 53 or 5353 or 853 && firstBytes.Length >= 2)
        {
            return new DnsTcpDissector(limits);
        }

        if ((tls == ProbeResult.NeedMore || http == ProbeResult.NeedMore || mqtt == ProbeResult.NeedMore) && firstBytes.Length < MaxProbeBytes)
        {
            needMore = true;
        }

        return null;
    }
}
