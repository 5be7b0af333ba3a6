namespace DeviceWatch.Capture.Flows;

/// <summary>Deterministic Zeek-style flow ids (<c>C</c> + 17 base-62 characters): the same input gives the same ids.</summary>
internal sealed class FlowUidGenerator
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly ulong _seed;
    private ulong _counter;

    public FlowUidGenerator(ulong seed = 0x5DEECE66DUL) => _seed = seed;

    public string Next(DateTime firstPacket, ulong keyHash)
    {
        _counter++;
        var a = Mix(_seed ^ _counter);
        var b = Mix(a ^ (ulong)firstPacket.Ticks ^ keyHash);
        return string.Create(18, (a, b), static (span, state) =>
        {
            span[0] = 'C';
            var (x, y) = state;
            for (var i = 1; i < 10; i++)
            {
                span[i] = Alphabet[(int)(x % 62)];
                x /= 62;
            }

            for (var i = 10; i < 18; i++)
            {
                span[i] = Alphabet[(int)(y % 62)];
                y /= 62;
            }
        });
    }

    private static ulong Mix(ulong z)
    {
        // SplitMix64 finaliser.
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
