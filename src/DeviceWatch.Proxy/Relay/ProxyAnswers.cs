using System.Text;

namespace DeviceWatch.Proxy.Relay;

/// <summary>Responses the proxy itself sends (errors and CONNECT), always closing the connection on errors.</summary>
internal static class ProxyAnswers
{
    public static ReadOnlyMemory<byte> ConnectEstablished { get; } = "HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray();

    public static byte[] Error(int status, string message)
    {
        var reason = status switch
        {
            400 => "Bad Request",
            403 => "Forbidden",
            405 => "Method Not Allowed",
            408 => "Request Timeout",
            431 => "Request Header Fields Too Large",
            502 => "Bad Gateway",
            504 => "Gateway Timeout",
            _ => "Error",
        };
        var body = Encoding.UTF8.GetBytes("DeviceWatch proxy: " + message + "\n");
        var head = $"HTTP/1.1 {status} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {body.Length}\r\nConnection: close\r\nX-DeviceWatch-Proxy: {status}\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    public static async Task TrySendAsync(Stream stream, int status, string message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await stream.WriteAsync(Error(status, message), timeout.Token).ConfigureAwait(false);
            await stream.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException or InvalidOperationException)
        {
            // The client is gone: nothing to tell it.
        }
    }
}
