using System.Globalization;

namespace DeviceWatch.Dissect.Dns;

/// <summary>Mnemonics of DNS RR types (IANA "Resource Record (RR) TYPEs" registry).</summary>
public static class DnsTypeNames
{
    /// <summary>The mnemonic of <paramref name="type"/> (A, NS, CNAME, …), else "TYPE&lt;n&gt;" (RFC 3597 §5).</summary>
    public static string ToName(ushort type) => type switch
    {
        1 => "A",
        2 => "NS",
        5 => "CNAME",
        6 => "SOA",
        12 => "PTR",
        13 => "HINFO",
        15 => "MX",
        16 => "TXT",
        28 => "AAAA",
        33 => "SRV",
        35 => "NAPTR",
        39 => "DNAME",
        41 => "OPT",
        43 => "DS",
        44 => "SSHFP",
        46 => "RRSIG",
        47 => "NSEC",
        48 => "DNSKEY",
        50 => "NSEC3",
        52 => "TLSA",
        64 => "SVCB",
        65 => "HTTPS",
        251 => "IXFR",
        252 => "AXFR",
        255 => "ANY",
        257 => "CAA",
        _ => "TYPE" + type.ToString(CultureInfo.InvariantCulture),
    };
}
