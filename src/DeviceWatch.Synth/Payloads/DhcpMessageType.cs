namespace DeviceWatch.Synth.Payloads;

/// <summary>DHCP message types (option 53).</summary>
public enum DhcpMessageType : byte
{
    /// <summary>Client looks for servers.</summary>
    Discover = 1,

    /// <summary>Server offers an address.</summary>
    Offer = 2,

    /// <summary>Client requests the offered address.</summary>
    Request = 3,

    /// <summary>Client declines an address.</summary>
    Decline = 4,

    /// <summary>Server confirms the lease.</summary>
    Ack = 5,

    /// <summary>Server refuses.</summary>
    Nak = 6,

    /// <summary>Client releases the lease.</summary>
    Release = 7,

    /// <summary>Client asks for configuration only.</summary>
    Inform = 8,
}
