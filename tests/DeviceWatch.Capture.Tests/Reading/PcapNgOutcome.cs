using DeviceWatch.Capture.Reading;

namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>Every packet a <see cref="PcapNgReader"/> returned, and the damage it reported at the end, if any.</summary>
internal sealed record PcapNgOutcome(IReadOnlyList<PcapNgReadPacket> Packets, CaptureInputException? Error)
{
    /// <summary>Reads <paramref name="stream"/> to its end or to the first <see cref="CaptureInputException"/>; any other exception escapes.</summary>
    public static PcapNgOutcome Read(Stream stream, string path = "test.pcapng")
    {
        var packets = new List<PcapNgReadPacket>();
        using var reader = new PcapNgReader(stream, path);
        try
        {
            while (reader.TryReadNext())
            {
                packets.Add(new PcapNgReadPacket(
                    reader.LinkType,
                    reader.Timestamp,
                    reader.HasTimestamp,
                    reader.Data.ToArray(),
                    reader.OriginalLength,
                    reader.InterfaceId,
                    reader.SectionInterfaceId,
                    reader.Offset));
                Assert.Equal(packets.Count, reader.Packets);
            }

            // A clean end stays clean.
            Assert.False(reader.TryReadNext());
            return new PcapNgOutcome(packets, null);
        }
        catch (CaptureInputException ex)
        {
            return new PcapNgOutcome(packets, ex);
        }
    }

    public static PcapNgOutcome Read(byte[] file) => Read(new MemoryStream(file, writable: false));
}
