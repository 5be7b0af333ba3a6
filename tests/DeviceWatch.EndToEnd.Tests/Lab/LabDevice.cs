namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>A simulated device of a <see cref="LabNetwork"/>: its own namespace, MAC and address on the gateway's LAN bridge.</summary>
internal sealed record LabDevice(string Name, string Namespace, string? Mac, string Address);
