namespace DeviceWatch.Core.Records;

/// <summary>One DHCP message, written to <c>dhcp.jsonl</c>.</summary>
public sealed record DhcpRecord
{
    /// <summary>Time of the message.</summary>
    public required DateTime Ts { get; init; }
    /// <summary>Flow identifier.</summary>
    public string? Uid { get; init; }
    /// <summary>Device id (the client hardware address unless a profile matched).</summary>
    public string? Device { get; init; }
    /// <summary>DHCP message type name (DISCOVER, OFFER, REQUEST, ACK, NAK, RELEASE, INFORM, DECLINE).</summary>
    public string? MsgType { get; init; }
    /// <summary>Option 12 host name.</summary>
    public string? Hostname { get; init; }
    /// <summary>Option 60 vendor class identifier.</summary>
    public string? VendorClass { get; init; }
    /// <summary>Option 50 requested address.</summary>
    public string? RequestedAddr { get; init; }
    /// <summary>yiaddr of an OFFER/ACK.</summary>
    public string? AssignedAddr { get; init; }
    /// <summary>The client hardware address (chaddr).</summary>
    public string? ClientMac { get; init; }
    /// <summary>Transaction id.</summary>
    public long TransId { get; init; }
}
