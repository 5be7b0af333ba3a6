namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>A file with every block kind, three sections of alternating byte order and mixed link types.</summary>
internal static class PcapNgSampleFile
{
    public static PcapNgFileBuilder Build(bool bigEndianFirst) => new PcapNgFileBuilder()
        .Section(bigEndianFirst)
        .NameResolution()
        .Interface(1, 128, resolution: 9)
        .Interface(101, 0)
        .Enhanced(0, 1_500_000_000_000_000_000, PcapNgReaderTests.Bytes(60, 1), originalLength: 1514)
        .Custom(copied: true, PcapNgReaderTests.Bytes(5, 2))
        .Enhanced(1, 1_500_000_000_000_000, PcapNgReaderTests.Bytes(21, 3))
        .Simple(PcapNgReaderTests.Bytes(42, 4))
        .Statistics(1_500_000_000_000_000)
        .Section(!bigEndianFirst)
        .Interface(0, 0, resolution: 0x80 | 20, offsetSeconds: 3600)
        .Obsolete(0, 1UL << 40, PcapNgReaderTests.Bytes(17, 5))
        .Custom(copied: false, [])
        .Other(PcapNgFileBuilder.DecryptionSecretsType, PcapNgReaderTests.Bytes(12, 6))
        .Section(bigEndianFirst)
        .Interface(228, 64)
        .Simple(PcapNgReaderTests.Bytes(80, 7), originalLength: 80)
        .Enhanced(0, 1_500_000_000_000_000, PcapNgReaderTests.Bytes(3, 8), withOptions: false);
}
