using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.Proxy.Certificates;

/// <summary>The DNS names and IP addresses a server certificate is valid for (its SAN extension).</summary>
internal static class SubjectNames
{
    public static IReadOnlyList<string> Of(X509Certificate certificate)
    {
        using var full = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var names = new List<string>();
        foreach (var extension in full.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(a => a.ToString()));
            }
        }

        return names;
    }
}
