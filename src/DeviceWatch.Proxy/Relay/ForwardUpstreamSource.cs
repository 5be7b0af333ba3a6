using System.Net.Sockets;

namespace DeviceWatch.Proxy.Relay;

/// <summary>
/// The upstream of a plain HTTP proxy request (absolute-form target, else the Host header): one kept-alive
/// connection, reused while requests go to the same host and port.
/// </summary>
internal sealed class ForwardUpstreamSource(UpstreamConnector connector, Action<string, int> onDestination) : IUpstreamSource
{
    private UpstreamLink? _current;

    public async ValueTask<(UpstreamLink? Link, UpstreamFailure? Failure)> OpenAsync(HttpHead request, CancellationToken cancellationToken)
    {
        if (!TryDestination(request, out var host, out var port))
        {
            return (null, new UpstreamFailure(400, "no-destination", "request names no host (absolute-form target or Host header)"));
        }

        if (_current is { Reusable: true } current && current.Port == port && string.Equals(current.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            return (current, null);
        }

        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
            _current = null;
        }

        var (socket, failure) = await connector.ConnectTcpAsync(host, port, cancellationToken).ConfigureAwait(false);
        if (socket is null)
        {
            return (null, failure);
        }

        onDestination(host, port);
        _current = new UpstreamLink(new NetworkStream(socket, ownsSocket: true), host, port);
        return (_current, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Host and port of an absolute-form <c>http://</c> target, else of the Host header (port 80).</summary>
    internal static bool TryDestination(HttpHead request, out string host, out int port)
    {
        host = "";
        port = 80;
        if (request.Target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            && Uri.TryCreate(request.Target, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            host = uri.IdnHost;
            port = uri.Port;
            return true;
        }

        if (request.Target.StartsWith('/') && request.Header("Host") is { Length: > 0 } authority)
        {
            return Authority.TryParse(authority, 80, out host, out port);
        }

        return false;
    }
}
