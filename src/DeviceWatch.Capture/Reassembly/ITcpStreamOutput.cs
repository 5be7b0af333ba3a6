namespace DeviceWatch.Capture.Reassembly;

/// <summary>Receives the in-order bytes of one TCP direction from a <see cref="TcpStreamReassembler"/>.</summary>
internal interface ITcpStreamOutput
{
    /// <summary>Contiguous stream bytes, in order, each byte delivered once.</summary>
    void OnData(ReadOnlySpan<byte> data);

    /// <summary><paramref name="missingBytes"/> bytes of sequence space were never seen and are skipped.</summary>
    void OnGap(long missingBytes);
}
