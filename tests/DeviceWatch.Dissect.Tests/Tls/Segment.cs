namespace DeviceWatch.Dissect.Tests.Tls;

/// <summary>One captured TCP segment's payload: which side sent it, as hex.</summary>
internal sealed record Segment(bool FromOriginator, string Hex)
{
    private byte[]? _bytes;

    public byte[] Bytes => _bytes ??= Convert.FromHexString(Hex);
}
