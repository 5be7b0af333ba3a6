namespace DeviceWatch.Synth.Bulk;

/// <summary>One session instance in progress in a bulk capture lane.</summary>
internal struct BulkSession
{
    public SessionTemplate Template;
    public int Next;
    public long StartTicks;
    public uint ClientAddress;
    public ulong ClientMac;
    public ushort ClientPort;
    public uint ClientIsn;
    public uint ServerIsn;
    public ushort ClientIpId;
    public ushort ServerIpId;
    public ushort DnsId;
}
