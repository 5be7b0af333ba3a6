namespace DeviceWatch.Synth.Bulk;

/// <summary>A recorded session (TCP connection or DNS exchange) to replay with new addresses, ports and numbers.</summary>
internal sealed class SessionTemplate(string service, uint serverAddress, PacketTemplate[] packets)
{
    /// <summary><c>http</c>, <c>tls</c> or <c>dns</c>.</summary>
    public string Service { get; } = service;

    /// <summary>Server IPv4 address, big-endian value.</summary>
    public uint ServerAddress { get; } = serverAddress;

    public PacketTemplate[] Packets { get; } = packets;
}
