using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// The real CLI, <c>devicewatch run --config FILE</c>, as a process inside a namespace (<c>ip netns exec</c> execs it,
/// so the process id is the daemon's). <see cref="Terminate"/> sends SIGTERM like systemd stop; <see cref="Kill"/>
/// sends SIGKILL. Its standard error is collected in <see cref="Log"/>.
/// </summary>
internal sealed class RunDaemonProcess : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly ManualResetEventSlim _started = new();

    public RunDaemonProcess(string ns, string configFile, params string[] overrides)
    {
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", ns, "dotnet", DeviceWatchCli.Dll, "run", "--config", configFile }.Concat(overrides))
        {
            info.ArgumentList.Add(a);
        }

        _process = new Process { StartInfo = info };
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Waits for the session's start line; fails with the log when the daemon exits or takes too long.</summary>
    public void WaitStarted(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!_started.Wait(100))
        {
            Assert.False(_process.HasExited, "devicewatch run exited at start: " + Log);
            Assert.True(DateTime.UtcNow < deadline, "devicewatch run did not start: " + Log);
        }
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code.</summary>
    public int Terminate(TimeSpan timeout)
    {
        Assert.Equal(0, Signal(_process.Id, SigTerm));
        Assert.True(_process.WaitForExit(timeout), "devicewatch run did not stop after SIGTERM: " + Log);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the daemon gets no chance to flush or close anything.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
        _started.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.StartsWith("devicewatch run: session ", StringComparison.Ordinal))
        {
            _started.Set();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Signal(int pid, int signal);
}
