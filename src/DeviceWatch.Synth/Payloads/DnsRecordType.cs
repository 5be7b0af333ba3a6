namespace DeviceWatch.Synth.Payloads;

/// <summary>DNS resource record types the builder writes.</summary>
public enum DnsRecordType : ushort
{
    /// <summary>IPv4 address.</summary>
    A = 1,

    /// <summary>Canonical name.</summary>
    Cname = 5,

    /// <summary>Domain name pointer (DNS-SD service instances, reverse lookups).</summary>
    Ptr = 12,

    /// <summary>Text strings.</summary>
    Txt = 16,

    /// <summary>IPv6 address.</summary>
    Aaaa = 28,

    /// <summary>Service location.</summary>
    Srv = 33,
}
