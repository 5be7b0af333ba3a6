namespace DeviceWatch.Capture.Tests.Reading;

/// <summary>
/// One packet as tshark 4.0 reported it (a "packet" row of PcapNgGolden.tsv): frame.len, frame.cap_len,
/// frame.time_epoch (null for a Simple Packet Block), frame.interface_id (within the section), LINKTYPE number, MD5.
/// </summary>
internal sealed record PcapNgExpectedPacket(int Length, int CapturedLength, string? TimeEpoch, int SectionInterfaceId, int LinkType, string Md5);
