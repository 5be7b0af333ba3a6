using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using System.Text;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>
/// A minimal RFC 6455 echo server on 127.0.0.1: answers the upgrade (§4.2.2), then sends every data frame back
/// unmasked with the same opcode and FIN bit, answers ping with pong and close with close.
/// </summary>
internal sealed class WebSocketEchoServer : IAsyncDisposable
{
    private const string Guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private readonly X509Certificate2? _certificate;

    /// <summary>Starts listening; with <paramref name="certificate"/>, TLS (wss) first.</summary>
    public WebSocketEchoServer(X509Certificate2? certificate = null)
    {
        _certificate = certificate;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Request heads received (to check what the proxy forwarded).</summary>
    public List<string> Heads { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accept.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Stream stream = client.GetStream();
            try
            {
                if (_certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = _certificate });
                    stream = tls;
                }

                var head = await ReadHeadAsync(stream);
                lock (Heads)
                {
                    Heads.Add(head);
                }

                var key = head.Split("\r\n").Select(l => l.Split(':', 2)).First(p => p[0].Equals("Sec-WebSocket-Key", StringComparison.OrdinalIgnoreCase))[1].Trim();
                var accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + Guid)));
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"));
                var header = new byte[14];
                while (true)
                {
                    await stream.ReadExactlyAsync(header.AsMemory(0, 2));
                    var opcode = header[0] & 0x0F;
                    long length = header[1] & 0x7F;
                    if (length == 126)
                    {
                        await stream.ReadExactlyAsync(header.AsMemory(2, 2));
                        length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
                    }
                    else if (length == 127)
                    {
                        await stream.ReadExactlyAsync(header.AsMemory(2, 8));
                        length = (long)BinaryPrimitives.ReadUInt64BigEndian(header.AsSpan(2));
                    }

                    var mask = new byte[4];
                    if ((header[1] & 0x80) != 0)
                    {
                        await stream.ReadExactlyAsync(mask);
                    }

                    var payload = new byte[length];
                    await stream.ReadExactlyAsync(payload);
                    for (var i = 0; i < payload.Length; i++)
                    {
                        payload[i] ^= mask[i & 3];
                    }

                    var answerOpcode = opcode == 9 ? 10 : opcode;
                    await stream.WriteAsync(Frame((byte)((header[0] & 0x80) | answerOpcode), payload));
                    if (opcode == 8)
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or EndOfStreamException or SocketException or InvalidOperationException or AuthenticationException)
            {
                // The client went away.
            }
            finally
            {
                await stream.DisposeAsync();
            }
        }
    }

    /// <summary>An unmasked frame (server to client) with <paramref name="first"/> as its first byte.</summary>
    public static byte[] Frame(byte first, ReadOnlySpan<byte> payload, byte[]? mask = null)
    {
        var head = new List<byte> { first };
        var maskBit = mask is null ? 0 : 0x80;
        if (payload.Length < 126)
        {
            head.Add((byte)(maskBit | payload.Length));
        }
        else if (payload.Length <= ushort.MaxValue)
        {
            head.Add((byte)(maskBit | 126));
            head.Add((byte)(payload.Length >> 8));
            head.Add((byte)payload.Length);
        }
        else
        {
            head.Add((byte)(maskBit | 127));
            var wide = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(wide, (ulong)payload.Length);
            head.AddRange(wide);
        }

        var body = payload.ToArray();
        if (mask is not null)
        {
            head.AddRange(mask);
            for (var i = 0; i < body.Length; i++)
            {
                body[i] ^= mask[i & 3];
            }
        }

        return [.. head, .. body];
    }

    private static async Task<string> ReadHeadAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (bytes.Count < 16 * 1024)
        {
            await stream.ReadExactlyAsync(one);
            bytes.Add(one[0]);
            if (bytes.Count >= 4 && bytes[^1] == '\n' && bytes[^2] == '\r' && bytes[^3] == '\n' && bytes[^4] == '\r')
            {
                return Encoding.ASCII.GetString(bytes.ToArray());
            }
        }

        throw new InvalidOperationException("request head too large");
    }
}
