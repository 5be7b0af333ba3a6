using System.Security.Authentication;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Proxy.Listening;

/// <summary>Names why a client aborted its TLS handshake with the proxy (the pinning evidence).</summary>
internal static class HandshakeFailure
{
    public static string Reason(Exception ex, TlsAlert? alert, bool timedOut)
    {
        if (timedOut)
        {
            return "timeout";
        }

        if (alert is not null)
        {
            return "alert:" + AlertName(alert.Description);
        }

        var text = "";
        for (var e = ex; e is not null; e = e.InnerException)
        {
            text += " " + e.Message.ToLowerInvariant();
        }

        foreach (var (needle, name) in KnownAlerts)
        {
            if (text.Contains(needle, StringComparison.Ordinal))
            {
                return "alert:" + name;
            }
        }

        if (text.Contains("eof", StringComparison.Ordinal) || text.Contains("0 bytes", StringComparison.Ordinal) || ex is IOException && ex is not AuthenticationException)
        {
            return "closed";
        }

        return "handshake-failed";
    }

    private static readonly (string Needle, string Name)[] KnownAlerts =
    [
        ("unknown ca", "unknown_ca"),
        ("bad certificate", "bad_certificate"),
        ("certificate unknown", "certificate_unknown"),
        ("unsupported certificate", "unsupported_certificate"),
        ("certificate expired", "certificate_expired"),
        ("handshake failure", "handshake_failure"),
        ("decrypt error", "decrypt_error"),
        ("access denied", "access_denied"),
        ("no application protocol", "no_application_protocol"),
        ("protocol version", "protocol_version"),
    ];

    public static string AlertName(byte description) => description switch
    {
        0 => "close_notify",
        10 => "unexpected_message",
        40 => "handshake_failure",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        70 => "protocol_version",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        112 => "unrecognized_name",
        120 => "no_application_protocol",
        _ => description.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
