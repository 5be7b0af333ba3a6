using System.Net;
using DeviceWatch.Dissect.Common;

namespace DeviceWatch.Dissect.Dhcp;

/// <summary>A parsed DHCP (BOOTP) message.</summary>
public sealed record DhcpMessage : DissectedFact
{
    /// <summary>1 = BOOTREQUEST, 2 = BOOTREPLY.</summary>
    public byte Op { get; init; }
    /// <summary>xid.</summary>
    public uint TransactionId { get; init; }
    /// <summary>chaddr as lower-case colon MAC (for htype 1, hlen 6), else hex.</summary>
    public required string ClientHardwareAddress { get; init; }
    /// <summary>Option 53 value (1 DISCOVER … 8 INFORM), null when absent (plain BOOTP).</summary>
    public int? MessageType { get; init; }
    /// <summary>Option 12.</summary>
    public string? Hostname { get; init; }
    /// <summary>Option 60.</summary>
    public string? VendorClass { get; init; }
    /// <summary>Option 50.</summary>
    public IPAddress? RequestedAddress { get; init; }
    /// <summary>yiaddr (0.0.0.0 → null).</summary>
    public IPAddress? YourAddress { get; init; }
    /// <summary>ciaddr (0.0.0.0 → null).</summary>
    public IPAddress? ClientAddress { get; init; }
    /// <summary>Option 54.</summary>
    public IPAddress? ServerIdentifier { get; init; }
    /// <summary>Option 61 client identifier, hex.</summary>
    public string? ClientIdentifier { get; init; }
    /// <summary>Option 55 parameter request list.</summary>
    public IReadOnlyList<byte> ParameterRequestList { get; init; } = [];
    /// <summary>Codes of the options in the order they appeared (pad and end excluded; overloaded file/sname fields included, in RFC 2131 order) — a client fingerprint.</summary>
    public IReadOnlyList<byte> OptionCodes { get; init; } = [];

    /// <summary>Name of <see cref="MessageType"/> (DISCOVER, OFFER, REQUEST, DECLINE, ACK, NAK, RELEASE, INFORM), or null.</summary>
    public string? MessageTypeName => MessageType switch
    {
        1 => "DISCOVER", 2 => "OFFER", 3 => "REQUEST", 4 => "DECLINE", 5 => "ACK", 6 => "NAK", 7 => "RELEASE", 8 => "INFORM",
        null => null,
        _ => "TYPE" + MessageType.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
