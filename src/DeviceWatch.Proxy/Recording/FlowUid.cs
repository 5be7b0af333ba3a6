using System.Security.Cryptography;

namespace DeviceWatch.Proxy.Recording;

/// <summary>Flow ids of proxied connections: <c>P</c> + 17 random base-62 characters (Zeek-style length).</summary>
internal static class FlowUid
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Next() => string.Create(18, 0, static (span, _) =>
    {
        span[0] = 'P';
        for (var i = 1; i < span.Length; i++)
        {
            span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }
    });
}
