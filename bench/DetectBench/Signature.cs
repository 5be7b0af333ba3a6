namespace DetectBench;

/// <summary>Random-looking 16-byte signatures from a fixed seed, so every run inspects the same bodies.</summary>
internal static class Signature
{
    private static readonly Random Random = new(7);

    public static byte[] NextBytes()
    {
        var bytes = new byte[16];
        Random.NextBytes(bytes);
        return bytes;
    }
}
