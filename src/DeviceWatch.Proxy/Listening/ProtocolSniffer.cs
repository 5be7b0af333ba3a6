using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Proxy.Listening;

/// <summary>Protocol detection by a connection's first bytes, with the dissectors' probes.</summary>
internal static class ProtocolSniffer
{
    public static SniffedProtocol Classify(ReadOnlySpan<byte> first)
    {
        var tls = TlsHelloDissector.Probe(first);
        var http = HttpStreamDissector.Probe(first);
        var mqtt = MqttStreamDissector.Probe(first);
        if (tls == ProbeResult.Yes)
        {
            return SniffedProtocol.Tls;
        }

        if (http == ProbeResult.Yes)
        {
            return SniffedProtocol.Http;
        }

        if (mqtt == ProbeResult.Yes)
        {
            return SniffedProtocol.Mqtt;
        }

        return tls == ProbeResult.NeedMore || http == ProbeResult.NeedMore || mqtt == ProbeResult.NeedMore
            ? SniffedProtocol.NeedMore
            : SniffedProtocol.Unknown;
    }

    /// <summary>Reads until the first bytes are classified (or <paramref name="maxBytes"/>, or the stream ends).</summary>
    public static async Task<(SniffedProtocol Protocol, byte[] Peeked)> PeekAsync(Stream stream, int maxBytes, CancellationToken ct)
    {
        var buffer = new byte[maxBytes];
        var length = 0;
        while (length < maxBytes)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(length), ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            length += n;
            var protocol = Classify(buffer.AsSpan(0, length));
            if (protocol != SniffedProtocol.NeedMore)
            {
                return (protocol, buffer[..length]);
            }
        }

        return (length == 0 ? SniffedProtocol.NeedMore : SniffedProtocol.Unknown, buffer[..length]);
    }
}
