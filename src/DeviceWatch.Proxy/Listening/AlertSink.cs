using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Proxy.Listening;

/// <summary>Catches the TLS alerts a client sends in the clear during its handshake (TLS 1.2 and earlier).</summary>
internal sealed class AlertSink(Action<TlsAlert> onAlert) : IFactSink
{
    public void Emit(DissectedFact fact)
    {
        if (fact is TlsAlert alert)
        {
            onAlert(alert);
        }
    }

    public void CountAnomaly(string protocol, string kind)
    {
    }
}
