namespace DeviceWatch.Analysis.Decoding;

/// <summary>The decoders a declared content type names (e.g. <c>application/vnd.x+json</c> → <see cref="Json"/>).</summary>
[Flags]
internal enum DeclaredDecoders
{
    /// <summary>The type names no decoder.</summary>
    None = 0,
    /// <summary>Contains <c>json</c>.</summary>
    Json = 1,
    /// <summary>Contains <c>xml</c>.</summary>
    Xml = 2,
    /// <summary>Contains <c>x-www-form-urlencoded</c>.</summary>
    Form = 4,
    /// <summary>Starts with <c>multipart/</c>.</summary>
    Multipart = 8,
    /// <summary>Contains <c>protobuf</c> or <c>x-proto</c>.</summary>
    Protobuf = 16,
    /// <summary>Contains <c>msgpack</c>.</summary>
    MessagePack = 32,
    /// <summary>Contains <c>cbor</c>.</summary>
    Cbor = 64,
    /// <summary>An <c>image/</c>, <c>audio/</c> or <c>video/</c> type.</summary>
    Media = 128,
}
