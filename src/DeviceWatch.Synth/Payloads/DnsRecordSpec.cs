using System.Net;

namespace DeviceWatch.Synth.Payloads;

/// <summary>One resource record to write in a DNS message; build it with the static factories.</summary>
public sealed record DnsRecordSpec
{
    /// <summary>Owner name (dotted, no trailing dot).</summary>
    public required string Name { get; init; }

    /// <summary>Record type.</summary>
    public required DnsRecordType Type { get; init; }

    /// <summary>Time to live in seconds.</summary>
    public uint Ttl { get; init; } = 300;

    /// <summary>mDNS cache-flush bit (top bit of the class).</summary>
    public bool CacheFlush { get; init; }

    /// <summary>Address of an A or AAAA record.</summary>
    public IPAddress? Address { get; init; }

    /// <summary>Target name of a CNAME, PTR or SRV record.</summary>
    public string? Target { get; init; }

    /// <summary>SRV port.</summary>
    public ushort Port { get; init; }

    /// <summary>SRV priority.</summary>
    public ushort Priority { get; init; }

    /// <summary>SRV weight.</summary>
    public ushort Weight { get; init; }

    /// <summary>TXT strings (each at most 255 bytes of UTF-8).</summary>
    public IReadOnlyList<string> Text { get; init; } = [];

    /// <summary>An A or AAAA record, by the address family.</summary>
    public static DnsRecordSpec Address4Or6(string name, IPAddress address, uint ttl = 300) => new()
    {
        Name = name,
        Type = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? DnsRecordType.Aaaa : DnsRecordType.A,
        Address = address,
        Ttl = ttl,
    };

    /// <summary>A CNAME record.</summary>
    public static DnsRecordSpec Cname(string name, string target, uint ttl = 300) =>
        new() { Name = name, Type = DnsRecordType.Cname, Target = target, Ttl = ttl };

    /// <summary>A PTR record.</summary>
    public static DnsRecordSpec Ptr(string name, string target, uint ttl = 4500) =>
        new() { Name = name, Type = DnsRecordType.Ptr, Target = target, Ttl = ttl };

    /// <summary>An SRV record.</summary>
    public static DnsRecordSpec Srv(string name, string target, ushort port, uint ttl = 120) =>
        new() { Name = name, Type = DnsRecordType.Srv, Target = target, Port = port, Ttl = ttl };

    /// <summary>A TXT record.</summary>
    public static DnsRecordSpec Txt(string name, IReadOnlyList<string> text, uint ttl = 4500) =>
        new() { Name = name, Type = DnsRecordType.Txt, Text = text, Ttl = ttl };
}
