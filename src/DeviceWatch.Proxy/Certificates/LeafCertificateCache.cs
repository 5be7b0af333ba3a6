using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.Proxy.Certificates;

/// <summary>
/// Leaf certificates minted by the lab CA per server name, kept as <see cref="SslStreamCertificateContext"/> in a
/// bounded least-recently-used cache. Concurrent requests for one name share one mint (the cache holds the task).
/// Leaves use one shared ECDSA P-256 key, or one shared RSA-2048 key for clients without ECDSA signatures.
/// </summary>
internal sealed class LeafCertificateCache : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly ECDsa _caKey;
    private readonly X509SignatureGenerator _signer;
    private readonly X509Certificate2Collection _chain;
    private readonly int _capacity;
    private readonly ECDsa _ecdsaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Lazy<RSA> _rsaKey = new(() => RSA.Create(2048));
    private readonly Dictionary<(string Name, bool Rsa), LinkedListNode<((string Name, bool Rsa) Key, Task<SslStreamCertificateContext> Context)>> _byName = new();
    private readonly LinkedList<((string Name, bool Rsa) Key, Task<SslStreamCertificateContext> Context)> _recency = new();
    private readonly Lock _lock = new();
    private long _minted;

    public LeafCertificateCache(CertificateAuthority ca, int capacity)
    {
        _ca = ca.Certificate;
        _caKey = ca.Certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("the CA has no ECDSA private key", nameof(ca));
        _signer = X509SignatureGenerator.CreateForECDsa(_caKey);
        _chain = [X509CertificateLoader.LoadCertificate(ca.ExportDer())];
        _capacity = Math.Max(1, capacity);
    }

    /// <summary>Leaves minted so far (cache misses).</summary>
    public long Minted => Interlocked.Read(ref _minted);

    /// <summary>Entries currently cached.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _byName.Count;
            }
        }
    }

    /// <summary>The context for <paramref name="name"/>; <paramref name="extraNames"/> join the SANs when this call mints.</summary>
    public Task<SslStreamCertificateContext> GetAsync(string name, bool rsa, IReadOnlyList<string>? extraNames = null)
    {
        var key = (name.ToLowerInvariant(), rsa);
        lock (_lock)
        {
            if (_byName.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value.Context;
            }

            var task = Task.Run(() => Mint(key.Item1, rsa, extraNames ?? []));
            var entry = new LinkedListNode<((string Name, bool Rsa) Key, Task<SslStreamCertificateContext> Context)>((key, task));
            _byName[key] = entry;
            _recency.AddFirst(entry);
            while (_byName.Count > _capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _byName.Remove(oldest.Value.Key);
            }

            _ = task.ContinueWith(t => Forget(entry), TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
            return task;
        }
    }

    private void Forget(LinkedListNode<((string Name, bool Rsa) Key, Task<SslStreamCertificateContext> Context)> entry)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(entry.Value.Key, out var current) && ReferenceEquals(current, entry))
            {
                _byName.Remove(entry.Value.Key);
                _recency.Remove(entry);
            }
        }
    }

    private SslStreamCertificateContext Mint(string name, bool rsa, IReadOnlyList<string> extraNames)
    {
        Interlocked.Increment(ref _minted);
        var san = new SubjectAlternativeNameBuilder();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var candidate in extraNames.Prepend(name).Take(32))
        {
            if (!seen.Add(candidate))
            {
                continue;
            }

            if (IPAddress.TryParse(candidate, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(candidate);
            }
        }

        var subject = new X500DistinguishedName("CN=" + (name.Length <= 64 ? name : name[..64]).Replace(",", "", StringComparison.Ordinal) + ", O=DeviceWatch");
        CertificateRequest request = rsa
            ? new CertificateRequest(subject, _rsaKey.Value, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(subject, _ecdsaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            rsa ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_ca, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var now = DateTimeOffset.UtcNow;
        var notAfter = now.AddDays(90) < _ca.NotAfter ? now.AddDays(90) : new DateTimeOffset(_ca.NotAfter.ToUniversalTime());
        using var issued = request.Create(_ca.SubjectName, _signer, now.AddDays(-1), notAfter, serial);
        var withKey = rsa ? issued.CopyWithPrivateKey(_rsaKey.Value) : issued.CopyWithPrivateKey(_ecdsaKey);
        return SslStreamCertificateContext.Create(withKey, _chain, offline: true);
    }

    public void Dispose()
    {
        _ecdsaKey.Dispose();
        _caKey.Dispose();
        if (_rsaKey.IsValueCreated)
        {
            _rsaKey.Value.Dispose();
        }
    }
}
