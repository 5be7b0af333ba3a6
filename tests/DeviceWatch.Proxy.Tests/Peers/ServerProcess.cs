using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>A server process (nginx, mosquitto) started by a test and killed when disposed.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process) => _process = process;

    public static ServerProcess Start(string tool, IEnumerable<string> arguments, IEnumerable<int> ports, IPAddress? address = null)
    {
        address ??= IPAddress.Loopback;
        var info = new ProcessStartInfo(Tool.Path(tool)) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new ServerProcess(process);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var port in ports)
        {
            while (!CanConnect(address, port))
            {
                if (process.HasExited || DateTime.UtcNow > deadline)
                {
                    server.Dispose();
                    throw new InvalidOperationException($"{tool} did not start listening on {address}:{port}");
                }

                Thread.Sleep(25);
            }
        }

        return server;
    }

    private static bool CanConnect(IPAddress address, int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
