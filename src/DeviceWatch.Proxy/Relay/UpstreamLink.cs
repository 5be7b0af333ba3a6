using System.IO.Pipelines;

namespace DeviceWatch.Proxy.Relay;

/// <summary>One open connection to an upstream server (plain TCP or TLS), read through a pipe.</summary>
internal sealed class UpstreamLink : IAsyncDisposable
{
    public UpstreamLink(Stream stream, string host, int port)
    {
        Stream = stream;
        Host = host;
        Port = port;
        Reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: ReadBufferSize, minimumReadSize: ReadBufferSize / 4, leaveOpen: true));
        Writer = new CoalescingWriteStream(stream);
    }

    /// <summary>Pipe segment size for reads: a whole TLS record (16 KB) is decrypted in one read.</summary>
    public const int ReadBufferSize = 16 * 1024;

    public Stream Stream { get; }

    /// <summary>Writes to <see cref="Stream"/>, gathered until flushed (a head and its body leave together).</summary>
    public CoalescingWriteStream Writer { get; }

    /// <summary>The server's IP address (of the TCP connection under TLS), or null when unknown.</summary>
    public string? RemoteIp => Stream switch
    {
        UpstreamTlsStream tls => tls.RemoteIp,
        System.Net.Sockets.NetworkStream { Socket.RemoteEndPoint: System.Net.IPEndPoint remote } => Plain(remote.Address),
        _ => null,
    };

    public static string Plain(System.Net.IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    public PipeReader Reader { get; }
    public string Host { get; }
    public int Port { get; }

    /// <summary>False once a message said the connection closes (or it failed); the next request reconnects.</summary>
    public bool Reusable { get; set; } = true;

    public async ValueTask DisposeAsync()
    {
        await Reader.CompleteAsync().ConfigureAwait(false);
        await Writer.DisposeAsync().ConfigureAwait(false);
        await Stream.DisposeAsync().ConfigureAwait(false);
    }
}
