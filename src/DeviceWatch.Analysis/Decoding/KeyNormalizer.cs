namespace DeviceWatch.Analysis.Decoding;

/// <summary>Normalizes field names for matching: lower case, ASCII separators removed, other letters kept.</summary>
internal static class KeyNormalizer
{
    public static string Normalize(string key)
    {
        var clean = true;
        foreach (var c in key)
        {
            if (c is >= 'A' and <= 'Z' || c is '_' or '-' or ' ' or '.' or '@')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return key;
        }

        return string.Create(CountKept(key), key, static (span, k) =>
        {
            var j = 0;
            foreach (var c in k)
            {
                if (c is '_' or '-' or ' ' or '.' or '@')
                {
                    continue;
                }

                span[j++] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            }
        });
    }

    private static int CountKept(string key)
    {
        var n = 0;
        foreach (var c in key)
        {
            if (c is not ('_' or '-' or ' ' or '.' or '@'))
            {
                n++;
            }
        }

        return n;
    }
}
