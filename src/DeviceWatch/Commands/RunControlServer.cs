using System.Net.Sockets;
using System.Text;
using DeviceWatch.Analysis.Profiles;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// The local control endpoint of a running session: a Unix socket (mode 0600, never a network port). One request per
/// connection, one line: <c>tag&#9;DEVICE&#9;STATE&#9;F1,F2</c>; the answer is <c>ok</c> or <c>error: why</c>.
/// </summary>
internal sealed class RunControlServer : IAsyncDisposable
{
    public const string DefaultSocketPath = "/run/devicewatch/control.sock";
    private const int MaxRequestBytes = 4096;
    private readonly string _path;
    private readonly Func<string, PhaseState, IReadOnlyList<string>, Task<string?>> _tag;
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _loop;

    public RunControlServer(string path, Func<string, PhaseState, IReadOnlyList<string>, Task<string?>> tag)
    {
        _path = path;
        _tag = tag;
    }

    public void Start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        if (File.Exists(_path))
        {
            // A socket left by a session that died: refuse if something still answers on it.
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                probe.Connect(new UnixDomainSocketEndPoint(_path));
                throw new UsageException($"Control: another session is running on {_path}");
            }
            catch (SocketException)
            {
                File.Delete(_path);
            }
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(_path));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _listener.Listen(16);
        _loop = Task.Run(AcceptLoop);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Gone already.
        }

        _stop.Dispose();
    }

    /// <summary>Sends one request to the session at <paramref name="path"/> and returns its answer line.</summary>
    public static async Task<string> SendAsync(string path, string request, TimeSpan timeout)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        using var cts = new CancellationTokenSource(timeout);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cts.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes(request + "\n"), SocketFlags.None, cts.Token);
        socket.Shutdown(SocketShutdown.Send);
        return (await ReadLineAsync(socket, cts.Token)).Trim();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(Socket client)
    {
        using (client)
        {
            try
            {
                using var cts = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                cts.CancelAfter(TimeSpan.FromSeconds(10));
                var line = await ReadLineAsync(client, cts.Token);
                var answer = await Handle(line);
                await client.SendAsync(Encoding.UTF8.GetBytes(answer + "\n"), SocketFlags.None, cts.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away or the session is stopping.
            }
        }
    }

    private async Task<string> Handle(string line)
    {
        var parts = line.TrimEnd('\r', '\n').Split('\t');
        if (parts.Length < 3 || parts[0] != "tag")
        {
            return "error: unknown request (expected tag DEVICE STATE [FUNCTIONS])";
        }

        if (!PhaseStates.TryParse(parts[2], out var state))
        {
            return $"error: '{parts[2]}' is not idle, active or function-off";
        }

        var functions = parts.Length > 3 ? parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var error = await _tag(parts[1], state, functions);
        return error is null ? "ok" : "error: " + error;
    }

    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellation)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, cancellation);
            if (read == 0)
            {
                break;
            }

            length += read;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
            {
                break;
            }
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }
}
