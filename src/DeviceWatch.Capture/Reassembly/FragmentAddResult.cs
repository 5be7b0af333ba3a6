namespace DeviceWatch.Capture.Reassembly;

/// <summary>What happened to one fragment given to a <see cref="FragmentedDatagram"/>.</summary>
internal enum FragmentAddResult
{
    /// <summary>The fragment's new bytes were kept.</summary>
    Accepted,

    /// <summary>The fragment contradicts the datagram's known end (a second, different last fragment, or data beyond it).</summary>
    Inconsistent,

    /// <summary>The reassembled datagram would exceed the size limit.</summary>
    TooLarge,
}
