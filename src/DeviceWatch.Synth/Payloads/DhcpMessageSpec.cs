using System.Net;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Payloads;

/// <summary>
/// The fields and options of one DHCP message. Null options are left out. Client messages (DISCOVER, REQUEST,
/// DECLINE, RELEASE, INFORM) are BOOTREQUESTs, the others BOOTREPLYs.
/// </summary>
public sealed record DhcpMessageSpec
{
    /// <summary>Option 53.</summary>
    public required DhcpMessageType MessageType { get; init; }

    /// <summary>Transaction id (xid), the same for a whole exchange.</summary>
    public required uint TransactionId { get; init; }

    /// <summary>Client hardware address (chaddr).</summary>
    public required MacAddress ClientMac { get; init; }

    /// <summary>Seconds since the client began (secs).</summary>
    public ushort Seconds { get; init; }

    /// <summary>Broadcast flag.</summary>
    public bool Broadcast { get; init; }

    /// <summary>ciaddr.</summary>
    public IPAddress ClientAddress { get; init; } = IPAddress.Any;

    /// <summary>yiaddr: the address offered or assigned.</summary>
    public IPAddress YourAddress { get; init; } = IPAddress.Any;

    /// <summary>siaddr.</summary>
    public IPAddress ServerAddress { get; init; } = IPAddress.Any;

    /// <summary>Option 12, the client's host name.</summary>
    public string? HostName { get; init; }

    /// <summary>Option 60, vendor class identifier.</summary>
    public string? VendorClass { get; init; }

    /// <summary>Option 50, requested IP address.</summary>
    public IPAddress? RequestedAddress { get; init; }

    /// <summary>Option 54, server identifier.</summary>
    public IPAddress? ServerIdentifier { get; init; }

    /// <summary>Option 61 value; when null and <see cref="IncludeClientIdentifier"/>, type 1 + the MAC.</summary>
    public byte[]? ClientIdentifier { get; init; }

    /// <summary>Whether to send option 61.</summary>
    public bool IncludeClientIdentifier { get; init; } = true;

    /// <summary>Option 55, parameter request list.</summary>
    public IReadOnlyList<byte>? ParameterRequestList { get; init; }

    /// <summary>Option 51, lease time in seconds.</summary>
    public uint? LeaseSeconds { get; init; }

    /// <summary>Option 1, subnet mask.</summary>
    public IPAddress? SubnetMask { get; init; }

    /// <summary>Option 3, router.</summary>
    public IPAddress? Router { get; init; }

    /// <summary>Option 6, DNS servers.</summary>
    public IReadOnlyList<IPAddress>? DnsServers { get; init; }

    /// <summary>Option 15, domain name.</summary>
    public string? DomainName { get; init; }
}
