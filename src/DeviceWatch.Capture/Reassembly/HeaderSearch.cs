namespace DeviceWatch.Capture.Reassembly;

/// <summary>Outcome of looking for the Fragment header in an IPv6 packet.</summary>
internal enum HeaderSearch
{
    /// <summary>The Fragment header is present and complete.</summary>
    Found,

    /// <summary>The packet carries no Fragment header.</summary>
    NotFragmented,

    /// <summary>The extension headers run past the end of the packet.</summary>
    Malformed,
}
