namespace DeviceWatch.Capture.Tests.Writing;

/// <summary>A frame as read back from a capture file.</summary>
internal sealed record StoredPacket(int InterfaceId, long UnixUnits, int Resolution, byte[] Data, int OriginalLength);
