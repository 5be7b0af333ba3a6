using DeviceWatch.Core.Analysis;

namespace DeviceWatch.Analysis.Aggregation;

/// <summary>Compact transport codes; a higher code is the weaker protection.</summary>
internal static class TransportCodes
{
    public const byte Encrypted = 0;
    public const byte Intercepted = 1;
    public const byte Cleartext = 2;

    public static byte Encode(string transport) => transport switch
    {
        Transports.Cleartext => Cleartext,
        Transports.TlsIntercepted => Intercepted,
        _ => Encrypted,
    };

    public static string Name(byte code) => code switch
    {
        Cleartext => Transports.Cleartext,
        Intercepted => Transports.TlsIntercepted,
        _ => Transports.Encrypted,
    };
}
