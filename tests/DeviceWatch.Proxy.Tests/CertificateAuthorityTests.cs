using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using DeviceWatch.Proxy.Certificates;

namespace DeviceWatch.Proxy.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class CertificateAuthorityTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "dw-ca-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void LoadOrCreate_FirstRun_EcdsaCaWithPrivateKeyFile0600()
    {
        using var ca = CertificateAuthority.LoadOrCreate(_state);
        Assert.True(ca.Created);
        Assert.NotNull(ca.Certificate.GetECDsaPrivateKey());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_state, CertificateAuthority.KeyFileName)));
        var constraints = ca.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
    }

    [Fact]
    public void LoadOrCreate_SecondRun_SameCertificate()
    {
        string first;
        using (var ca = CertificateAuthority.LoadOrCreate(_state))
        {
            first = ca.Certificate.Thumbprint;
        }

        using var again = CertificateAuthority.LoadOrCreate(_state);
        Assert.False(again.Created);
        Assert.Equal(first, again.Certificate.Thumbprint);
    }

    [Fact]
    public void Export_PemAndDer_SameCertificateWithoutKey()
    {
        using var ca = CertificateAuthority.LoadOrCreate(_state);
        var pem = ca.ExportPem();
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
        using var fromPem = X509Certificate2.CreateFromPem(pem);
        using var fromDer = X509CertificateLoader.LoadCertificate(ca.ExportDer());
        Assert.Equal(ca.Certificate.Thumbprint, fromPem.Thumbprint);
        Assert.Equal(ca.Certificate.Thumbprint, fromDer.Thumbprint);
        Assert.False(fromDer.HasPrivateKey);
    }

    [Fact]
    public void LoadOrCreate_KeyFileMissing_InvalidData()
    {
        using (CertificateAuthority.LoadOrCreate(_state))
        {
        }

        File.Delete(Path.Combine(_state, CertificateAuthority.KeyFileName));
        Assert.Throws<InvalidDataException>(() => CertificateAuthority.LoadOrCreate(_state));
    }

    [Fact]
    public async Task LeafCache_ConcurrentRequestsForOneHost_OneMintChainingToTheCa()
    {
        using var ca = CertificateAuthority.LoadOrCreate(_state);
        using var cache = new LeafCertificateCache(ca, capacity: 4);
        var contexts = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => cache.GetAsync("api.example.test", rsa: false, ["alt.example.test"])));
        Assert.Equal(1, cache.Minted);
        Assert.All(contexts, c => Assert.Same(contexts[0], c));
        var leaf = contexts[0].TargetCertificate;
        var names = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames().ToArray();
        Assert.Equal(["api.example.test", "alt.example.test"], names);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf));
    }

    [Fact]
    public async Task LeafCache_MoreHostsThanCapacity_BoundedAndRsaOnRequest()
    {
        using var ca = CertificateAuthority.LoadOrCreate(_state);
        using var cache = new LeafCertificateCache(ca, capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            await cache.GetAsync($"h{i}.example.test", rsa: false);
        }

        Assert.Equal(3, cache.Count);
        var rsa = await cache.GetAsync("h9.example.test", rsa: true);
        Assert.NotNull(rsa.TargetCertificate.GetRSAPublicKey());
        await cache.GetAsync("h9.example.test", rsa: false); // still cached (most recent)
        Assert.Equal(11, cache.Minted);
    }

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}
