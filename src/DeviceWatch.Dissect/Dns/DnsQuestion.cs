namespace DeviceWatch.Dissect.Dns;

/// <summary>A DNS question: name (lower case, no trailing dot), type and class.</summary>
public sealed record DnsQuestion(string Name, ushort Type, ushort Class);
