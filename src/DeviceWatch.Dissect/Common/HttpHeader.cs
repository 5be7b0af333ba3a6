namespace DeviceWatch.Dissect.Common;

/// <summary>One header field as it appeared on the wire.</summary>
public readonly record struct HttpHeader(string Name, string Value);
