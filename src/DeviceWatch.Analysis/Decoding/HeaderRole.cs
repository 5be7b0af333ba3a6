namespace DeviceWatch.Analysis.Decoding;

/// <summary>What a header name means to the decoder.</summary>
internal enum HeaderRole
{
    /// <summary>A header whose value is decoded and inspected.</summary>
    Inspected,
    /// <summary><c>Content-Type</c>: names the body's type; skipped for HTTP like a <see cref="Boring"/> header.</summary>
    ContentType,
    /// <summary><c>Cookie</c>: decoded as name=value pairs.</summary>
    Cookie,
    /// <summary>A protocol header that carries no personal data (<c>Host</c>, <c>Accept</c>, ...); skipped for HTTP.</summary>
    Boring,
}
