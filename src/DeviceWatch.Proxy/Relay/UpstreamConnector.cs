using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// Opens connections to real servers: TCP with a timeout (never to the proxy itself), and TLS with full validation
/// against the system store plus <see cref="ProxyOptions.UpstreamTrust"/>, SNI forwarded, ALPN as asked.
/// With extra CAs, the handshake's chain is built against them alone (a few certificates, cheap); a certificate
/// they do not vouch for is then checked against the system store once and the answer kept per certificate for
/// five minutes (at most 1,024 certificates). Host names are resolved once per <see cref="HostAddressCache.Lifetime"/>.
/// </summary>
internal sealed class UpstreamConnector(ProxyOptions options, Func<IPEndPoint, bool> isProxyItself)
{
    private readonly HostAddressCache _addresses = new();
    // The system store's answer per certificate (SHA-256 of its bytes, null when trusted): a server presents the
    // same certificate on every connection, so its chain is built once per lifetime rather than per handshake.
    private readonly ExpiringCache<string?> _trust = new(1024, TimeSpan.FromMinutes(5), StringComparer.Ordinal);
    private readonly X509ChainPolicy? _extraRootsPolicy = ExtraRootsPolicy(options.UpstreamTrust);

    private static X509ChainPolicy? ExtraRootsPolicy(X509Certificate2Collection roots)
    {
        if (roots.Count == 0)
        {
            return null;
        }

        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        foreach (var root in roots)
        {
            policy.CustomTrustStore.Add(root);
        }

        return policy;
    }

    public async Task<(Socket? Socket, UpstreamFailure? Failure)> ConnectTcpAsync(string host, int port, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ConnectTimeout);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await _addresses.ResolveAsync(host, timeout.Token).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            return (null, new UpstreamFailure(502, "unresolved", $"cannot resolve {host}: {ex.SocketErrorCode}"));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, new UpstreamFailure(504, "timeout", $"resolving {host} timed out"));
        }

        UpstreamFailure? last = new(502, "unresolved", $"{host} has no address");
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, port);
            if (isProxyItself(endpoint))
            {
                return (null, new UpstreamFailure(502, "loop", $"{host}:{port} is the proxy itself"));
            }

            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
                return (socket, null);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = new UpstreamFailure(502, "refused", $"cannot connect to {host}:{port} ({ex.SocketErrorCode})");
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                socket.Dispose();
                return (null, new UpstreamFailure(504, "timeout", $"connecting to {host}:{port} timed out"));
            }
        }

        return (null, last);
    }

    public async Task<(SslStream? Tls, UpstreamFailure? Failure)> ConnectTlsAsync(
        string host, int port, string? serverName, List<SslApplicationProtocol>? alpn, CancellationToken ct)
    {
        var (socket, failure) = await ConnectTcpAsync(host, port, ct).ConfigureAwait(false);
        if (socket is null)
        {
            return (null, failure);
        }

        string? validationProblem = null;
        // The handshake's reads continue on the thread pool (see PrefixedStream.OffloadReads), the relay's do not.
        var transport = new PrefixedStream(ReadOnlyMemory<byte>.Empty, new NetworkStream(socket, ownsSocket: true)) { OffloadReads = true };
        var tls = new UpstreamTlsStream(transport, socket.RemoteEndPoint as System.Net.IPEndPoint);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.ConnectTimeout);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = serverName ?? host,
                ApplicationProtocols = alpn,
                CertificateChainPolicy = _extraRootsPolicy?.Clone(),
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    validationProblem = Validate(certificate, chain, errors);
                    return validationProblem is null;
                },
            }, timeout.Token).ConfigureAwait(false);
            transport.OffloadReads = false;
            return (tls, null);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            if (validationProblem is not null)
            {
                return (null, new UpstreamFailure(502, "untrusted", $"upstream {host}:{port} certificate not trusted ({validationProblem})"));
            }

            return ex is OperationCanceledException
                ? (null, new UpstreamFailure(504, "timeout", $"TLS handshake with {host}:{port} timed out"))
                : (null, new UpstreamFailure(502, "tls-failed", $"TLS handshake with {host}:{port} failed ({ex.Message})"));
        }
    }

    private string? Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return null;
        }

        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || _extraRootsPolicy is null)
        {
            return errors.ToString();
        }

        // The lab's extra CAs do not vouch for it: the system store decides (once per certificate).
        var hash = certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
        if (_trust.TryGet(hash, out var known))
        {
            return known;
        }

        var problem = ValidateWithSystemRoots(certificate, presented, errors);
        _trust.Add(hash, problem);
        return problem;
    }

    private static string? ValidateWithSystemRoots(X509Certificate certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        if (chain.Build(leaf))
        {
            return null;
        }

        return errors + ": " + string.Join(", ", chain.ChainStatus.Select(s => s.Status));
    }
}
