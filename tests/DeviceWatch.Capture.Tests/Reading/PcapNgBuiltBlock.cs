namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>Where <see cref="PcapNgFileBuilder"/> put a block: type, byte offset, total length, byte order.</summary>
internal sealed record PcapNgBuiltBlock(uint Type, int Offset, int Length, bool IsPacket, bool BigEndian)
{
    public int End => Offset + Length;
}
