using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Proxy.Listening;

/// <summary>Reads a client's TLS ClientHello before the handshake (for SNI, ALPN, signature algorithms, JA3/JA4).</summary>
internal sealed class ClientHelloReader : IFactSink
{
    private TlsClientHello? _hello;
    private TlsAlert? _alert;

    private ClientHelloReader()
    {
    }

    /// <summary>
    /// Reads bytes (after <paramref name="already"/>) until the ClientHello is parsed; returns it (null when the
    /// bytes are not a usable ClientHello) and every byte read, to be replayed to the TLS server.
    /// </summary>
    public static async Task<(TlsClientHello? Hello, byte[] Bytes)> ReadAsync(Stream stream, byte[] already, int maxBytes, CancellationToken ct)
    {
        var sink = new ClientHelloReader();
        var dissector = new TlsHelloDissector();
        var bytes = new List<byte>(already);
        var now = DateTime.UtcNow;
        dissector.OnData(FlowDirection.FromOriginator, already, now, sink);
        var buffer = new byte[4096];
        while (sink._hello is null && sink._alert is null && dissector.WantsMoreData && bytes.Count < maxBytes)
        {
            var n = await stream.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            bytes.AddRange(buffer.AsSpan(0, n));
            dissector.OnData(FlowDirection.FromOriginator, buffer.AsSpan(0, n), DateTime.UtcNow, sink);
        }

        return (sink._hello, bytes.ToArray());
    }

    void IFactSink.Emit(DissectedFact fact)
    {
        switch (fact)
        {
            case TlsClientHello hello:
                _hello ??= hello;
                break;
            case TlsAlert alert:
                _alert ??= alert;
                break;
        }
    }

    void IFactSink.CountAnomaly(string protocol, string kind)
    {
    }
}
