using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// A test CA made for one test (CertificateRequest) and a server certificate it signed for the cloud's host names
/// and address, written as PEM files: <see cref="CaFile"/> (what the lock and the proxy's upstream trust use),
/// <see cref="ServerCertificateFile"/> and <see cref="ServerKeyFile"/> (nginx, mosquitto).
/// </summary>
internal sealed class TestCloudCertificates
{
    public TestCloudCertificates(string folder, IReadOnlyList<string> hostNames, string address)
    {
        Directory.CreateDirectory(folder);
        var notBefore = DateTimeOffset.UtcNow.AddHours(-1);
        var notAfter = DateTimeOffset.UtcNow.AddDays(1);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=DeviceWatch test cloud CA, O=DeviceWatch tests", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(notBefore, notAfter);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={hostNames[0]}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            names.AddDnsName(name);
        }

        names.AddIpAddress(IPAddress.Parse(address));
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));

        CaFile = Path.Combine(folder, "test-ca.pem");
        ServerCertificateFile = Path.Combine(folder, "server.pem");
        ServerKeyFile = Path.Combine(folder, "server.key");
        File.WriteAllText(CaFile, ca.ExportCertificatePem());
        File.WriteAllText(ServerCertificateFile, server.ExportCertificatePem() + "\n" + ca.ExportCertificatePem());
        File.WriteAllText(ServerKeyFile, serverKey.ExportPkcs8PrivateKeyPem());
    }

    public string CaFile { get; }

    public string ServerCertificateFile { get; }

    public string ServerKeyFile { get; }
}
