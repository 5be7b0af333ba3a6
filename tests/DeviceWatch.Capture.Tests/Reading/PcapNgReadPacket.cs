using PacketDotNet;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>A copy of what <see cref="Capture.Reading.PcapNgReader"/> reported for one packet.</summary>
internal sealed record PcapNgReadPacket(
    LinkLayers LinkType,
    DateTime Timestamp,
    bool HasTimestamp,
    byte[] Data,
    int OriginalLength,
    int InterfaceId,
    int SectionInterfaceId,
    long Offset);
