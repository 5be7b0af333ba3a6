using System.Net;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Synth.Lab;

/// <summary>A device as it appears in the capture.</summary>
/// <param name="Id">Device id.</param>
/// <param name="Mac">MAC address.</param>
/// <param name="Address">Leased IPv4 address.</param>
/// <param name="HostName">DHCP host name.</param>
/// <param name="VendorClass">DHCP vendor class, or null.</param>
public sealed record LabDeviceTruth(string Id, MacAddress Mac, IPAddress Address, string HostName, string? VendorClass);
