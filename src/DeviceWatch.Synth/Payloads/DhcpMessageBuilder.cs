using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace DeviceWatch.Synth.Payloads;

/// <summary>Builds DHCP (RFC 2131/2132) messages as UDP payloads, padded to the 300-byte BOOTP minimum.</summary>
public static class DhcpMessageBuilder
{
    /// <summary>The DHCP magic cookie 99.130.83.99.</summary>
    public const uint MagicCookie = 0x63825363;

    /// <summary>Writes <paramref name="message"/> in wire format.</summary>
    public static byte[] Build(DhcpMessageSpec message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = new List<byte>(400);
        var fixedPart = new byte[240];
        var isRequest = message.MessageType is DhcpMessageType.Discover or DhcpMessageType.Request or DhcpMessageType.Decline
            or DhcpMessageType.Release or DhcpMessageType.Inform;
        fixedPart[0] = isRequest ? (byte)1 : (byte)2;
        fixedPart[1] = 1; // Ethernet
        fixedPart[2] = 6;
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(4), message.TransactionId);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(8), message.Seconds);
        BinaryPrimitives.WriteUInt16BigEndian(fixedPart.AsSpan(10), message.Broadcast ? (ushort)0x8000 : (ushort)0);
        WriteAddress(fixedPart.AsSpan(12), message.ClientAddress);
        WriteAddress(fixedPart.AsSpan(16), message.YourAddress);
        WriteAddress(fixedPart.AsSpan(20), message.ServerAddress);
        message.ClientMac.WriteTo(fixedPart.AsSpan(28));
        BinaryPrimitives.WriteUInt32BigEndian(fixedPart.AsSpan(236), MagicCookie);
        bytes.AddRange(fixedPart);

        AddOption(bytes, 53, [(byte)message.MessageType]);
        if (message.IncludeClientIdentifier)
        {
            AddOption(bytes, 61, message.ClientIdentifier ?? [1, .. message.ClientMac.GetBytes()]);
        }

        if (message.RequestedAddress is not null)
        {
            AddOption(bytes, 50, message.RequestedAddress.GetAddressBytes());
        }

        if (message.ServerIdentifier is not null)
        {
            AddOption(bytes, 54, message.ServerIdentifier.GetAddressBytes());
        }

        if (message.LeaseSeconds is { } lease)
        {
            AddOption(bytes, 51, [(byte)(lease >> 24), (byte)(lease >> 16), (byte)(lease >> 8), (byte)lease]);
        }

        if (message.SubnetMask is not null)
        {
            AddOption(bytes, 1, message.SubnetMask.GetAddressBytes());
        }

        if (message.Router is not null)
        {
            AddOption(bytes, 3, message.Router.GetAddressBytes());
        }

        if (message.DnsServers is { Count: > 0 } servers)
        {
            AddOption(bytes, 6, servers.SelectMany(s => s.GetAddressBytes()).ToArray());
        }

        if (message.DomainName is not null)
        {
            AddOption(bytes, 15, Encoding.ASCII.GetBytes(message.DomainName));
        }

        if (message.HostName is not null)
        {
            AddOption(bytes, 12, Encoding.ASCII.GetBytes(message.HostName));
        }

        if (message.VendorClass is not null)
        {
            AddOption(bytes, 60, Encoding.ASCII.GetBytes(message.VendorClass));
        }

        if (message.ParameterRequestList is { Count: > 0 } parameters)
        {
            AddOption(bytes, 55, [.. parameters]);
        }

        bytes.Add(255);
        while (bytes.Count < 300)
        {
            bytes.Add(0);
        }

        return [.. bytes];
    }

    private static void WriteAddress(Span<byte> destination, IPAddress address)
    {
        if (!address.TryWriteBytes(destination, out var written) || written != 4)
        {
            throw new ArgumentException("DHCP addresses must be IPv4.", nameof(address));
        }
    }

    private static void AddOption(List<byte> bytes, byte code, byte[] value)
    {
        if (value.Length > 255)
        {
            throw new ArgumentException($"DHCP option {code} is longer than 255 bytes.", nameof(value));
        }

        bytes.Add(code);
        bytes.Add((byte)value.Length);
        bytes.AddRange(value);
    }
}
