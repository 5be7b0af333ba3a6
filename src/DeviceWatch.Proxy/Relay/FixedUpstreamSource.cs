using System.Net.Security;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// The upstream of an intercepted TLS connection or a CONNECT tunnel: always the same server, connected once
/// (eagerly, before the client handshake) and reconnected when the server closed a keep-alive connection.
/// </summary>
internal sealed class FixedUpstreamSource(
    UpstreamConnector connector, string host, int port, string? serverName, bool tls, UpstreamLink? first, UpstreamFailure? firstFailure)
    : IUpstreamSource
{
    private UpstreamLink? _current = first;
    private UpstreamFailure? _failure = firstFailure;

    public async ValueTask<(UpstreamLink? Link, UpstreamFailure? Failure)> OpenAsync(HttpHead request, CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            return (null, _failure);
        }

        if (_current is { Reusable: true })
        {
            return (_current, null);
        }

        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }

        if (tls)
        {
            var (stream, failure) = await connector.ConnectTlsAsync(host, port, serverName, [SslApplicationProtocol.Http11], cancellationToken).ConfigureAwait(false);
            _current = stream is null ? null : new UpstreamLink(stream, host, port);
            return (_current, failure);
        }
        else
        {
            var (socket, failure) = await connector.ConnectTcpAsync(host, port, cancellationToken).ConfigureAwait(false);
            _current = socket is null ? null : new UpstreamLink(new System.Net.Sockets.NetworkStream(socket, ownsSocket: true), host, port);
            return (_current, failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
        }
    }
}
