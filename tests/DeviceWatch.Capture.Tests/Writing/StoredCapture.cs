namespace DeviceWatch.Capture.Tests.Writing;

/// <summary>A capture file as read back: format, interfaces (link type, snap length, resolution digits), frames.</summary>
internal sealed record StoredCapture(string Format, IReadOnlyList<(ushort LinkType, int SnapLength, int Resolution)> Interfaces, IReadOnlyList<StoredPacket> Packets);
