using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace DeviceWatch.Proxy.Certificates;

/// <summary>
/// The lab root CA of the proxy: an ECDSA P-256 certificate created on first use in the state folder
/// (<c>ca.pem</c>, and <c>ca.key</c> with file mode 0600), loaded from there afterwards.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>File name of the CA certificate (PEM) in the state folder.</summary>
    public const string CertificateFileName = "ca.pem";
    /// <summary>File name of the CA private key (PKCS#8 PEM, mode 0600) in the state folder.</summary>
    public const string KeyFileName = "ca.key";

    private CertificateAuthority(X509Certificate2 certificate, bool created)
    {
        Certificate = certificate;
        Created = created;
    }

    /// <summary>The CA certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when this call created the CA (first run).</summary>
    public bool Created { get; }

    /// <summary>Loads the CA from <paramref name="stateDirectory"/>, creating it (and the folder) when absent.</summary>
    /// <exception cref="InvalidDataException">The files exist but are not a usable certificate and key.</exception>
    public static CertificateAuthority LoadOrCreate(string stateDirectory)
    {
        var certPath = Path.Combine(stateDirectory, CertificateFileName);
        var keyPath = Path.Combine(stateDirectory, KeyFileName);
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            try
            {
                return new CertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath), created: false);
            }
            catch (CryptographicException ex)
            {
                throw new InvalidDataException($"{certPath}, {keyPath}: not a usable CA certificate and key ({ex.Message})", ex);
            }
        }

        if (File.Exists(certPath) != File.Exists(keyPath))
        {
            throw new InvalidDataException($"{stateDirectory}: holds only one of {CertificateFileName} and {KeyFileName}; remove it or restore the other");
        }

        var directory = Directory.CreateDirectory(stateDirectory);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(
            new X500DistinguishedName("CN=DeviceWatch Lab CA, O=DeviceWatch"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // 1. The key first, created with mode 0600 before any byte is written.
        var keyPem = key.ExportPkcs8PrivateKeyPem();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(keyPath, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(keyPem));
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // 2. Then the certificate (public).
        File.WriteAllText(certPath, created.ExportCertificatePem());
        return new CertificateAuthority(X509Certificate2.CreateFromPemFile(certPath, keyPath), created: true);
    }

    /// <summary>The CA certificate as PEM text.</summary>
    public string ExportPem() => Certificate.ExportCertificatePem() + "\n";

    /// <summary>The CA certificate as DER bytes.</summary>
    public byte[] ExportDer() => Certificate.Export(X509ContentType.Cert);

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
