using System.Net;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Synth.Lab;

/// <summary>One DHCP message.</summary>
/// <param name="Time">Time sent.</param>
/// <param name="DeviceId">Device the exchange is about.</param>
/// <param name="MessageType">DHCP message type.</param>
/// <param name="HostName">Option 12 (client messages), or null.</param>
/// <param name="VendorClass">Option 60 (client messages), or null.</param>
/// <param name="RequestedAddress">Option 50, or null.</param>
/// <param name="AssignedAddress">yiaddr of OFFER/ACK, or null.</param>
public sealed record LabDhcpMessage(
    DateTime Time,
    string DeviceId,
    DhcpMessageType MessageType,
    string? HostName,
    string? VendorClass,
    IPAddress? RequestedAddress,
    IPAddress? AssignedAddress);
