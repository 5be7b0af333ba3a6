using System.Net;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Lab;

/// <summary>The lab LAN: gateway (router and DHCP server), DNS server and the DHCP pool.</summary>
public sealed record LabNetwork
{
    /// <summary>Gateway MAC; every frame to or from the Internet carries it.</summary>
    public MacAddress GatewayMac { get; init; } = MacAddress.Parse("02:00:5e:00:00:01");

    /// <summary>Gateway address; also the DHCP server.</summary>
    public IPAddress GatewayAddress { get; init; } = IPAddress.Parse("192.168.50.1");

    /// <summary>DNS server MAC.</summary>
    public MacAddress DnsServerMac { get; init; } = MacAddress.Parse("02:00:5e:00:00:35");

    /// <summary>DNS server address (on the LAN).</summary>
    public IPAddress DnsServerAddress { get; init; } = IPAddress.Parse("192.168.50.53");

    /// <summary>Subnet mask handed out by DHCP.</summary>
    public IPAddress SubnetMask { get; init; } = IPAddress.Parse("255.255.255.0");

    /// <summary>First address the DHCP server leases; later devices get the following ones.</summary>
    public IPAddress FirstLeaseAddress { get; init; } = IPAddress.Parse("192.168.50.100");

    /// <summary>DHCP lease time.</summary>
    public uint LeaseSeconds { get; init; } = 86400;

    /// <summary>DHCP option 15 domain name.</summary>
    public string DomainName { get; init; } = "home.arpa";
}
