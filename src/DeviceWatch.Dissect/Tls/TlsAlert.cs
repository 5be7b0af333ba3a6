using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Tls;

/// <summary>A cleartext TLS alert seen during the handshake (e.g. unknown_ca from a pinning client).</summary>
public sealed record TlsAlert : DissectedFact
{
    /// <summary>1 warning, 2 fatal.</summary>
    public byte Level { get; init; }
    /// <summary>Alert description code (48 = unknown_ca, 42 bad_certificate, 46 certificate_unknown…).</summary>
    public byte Description { get; init; }
}
