namespace DeviceWatch.Core.Analysis;

/// <summary>The <c>transport</c> values used in observations and findings.</summary>
public static class Transports
{
    /// <summary>Sent without TLS, read from the wire.</summary>
    public const string Cleartext = "cleartext";
    /// <summary>Sent inside TLS, read by the DeviceWatch proxy.</summary>
    public const string TlsIntercepted = "tls-intercepted";
    /// <summary>Sent inside TLS that was not intercepted: seen only as metadata.</summary>
    public const string Encrypted = "encrypted";
}
