namespace DeviceWatch.Dissect.Http;

/// <summary>A finished body: wire length after de-chunking, kept (decoded) content, and whether it is cut short.</summary>
internal readonly record struct HttpBody(long Length, ReadOnlyMemory<byte> Content, bool Truncated, string? DecodedContentEncoding);
