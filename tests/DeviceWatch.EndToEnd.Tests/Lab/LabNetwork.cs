using System.Runtime.InteropServices;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// Three network namespaces made for one test — <c>dev</c> (10.213.1.2), <c>gw</c> (10.213.1.1 | 10.213.2.1,
/// forwarding) and <c>cloud</c> (10.213.2.2) — joined by two veth pairs with unique names. Dispose deletes the
/// namespaces, which removes the veths and everything inside. Nothing outside them is touched.
/// </summary>
internal sealed class LabNetwork : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly List<string> _namespaces = [];

    public LabNetwork()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        Dev = $"dwt-{id}-dev";
        Gw = $"dwt-{id}-gw";
        Cloud = $"dwt-{id}-cloud";
        GwLan = $"dw{id}g0";
        var devLan = $"dw{id}d0";
        var gwWan = $"dw{id}g1";
        var cloudWan = $"dw{id}c0";
        try
        {
            foreach (var ns in new[] { Dev, Gw, Cloud })
            {
                Ip("netns", "add", ns);
                _namespaces.Add(ns);
                Ip("-n", ns, "link", "set", "lo", "up");
            }

            Ip("-n", Dev, "link", "add", devLan, "type", "veth", "peer", "name", GwLan, "netns", Gw);
            Ip("-n", Gw, "link", "add", gwWan, "type", "veth", "peer", "name", cloudWan, "netns", Cloud);
            Ip("-n", Dev, "addr", "add", "10.213.1.2/24", "dev", devLan);
            Ip("-n", Gw, "addr", "add", "10.213.1.1/24", "dev", GwLan);
            Ip("-n", Gw, "addr", "add", "10.213.2.1/24", "dev", gwWan);
            Ip("-n", Cloud, "addr", "add", "10.213.2.2/24", "dev", cloudWan);
            Ip("-n", Dev, "link", "set", devLan, "up");
            Ip("-n", Gw, "link", "set", GwLan, "up");
            Ip("-n", Gw, "link", "set", gwWan, "up");
            Ip("-n", Cloud, "link", "set", cloudWan, "up");
            Ip("-n", Dev, "route", "add", "default", "via", "10.213.1.1");
            Ip("-n", Cloud, "route", "add", "default", "via", "10.213.2.1");
            Exec(Gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Dev { get; }

    public string Gw { get; }

    public string Cloud { get; }

    /// <summary>The gateway's LAN veth (where DeviceWatch captures).</summary>
    public string GwLan { get; }

    public const string CloudAddress = "10.213.2.2";

    /// <summary>Runs a command inside <paramref name="ns"/> and fails on a non-zero exit.</summary>
    public static string Exec(string ns, string tool, params string[] arguments)
    {
        var (code, stdout, stderr) = ExternalTool.Run("ip", ["netns", "exec", ns, tool, .. arguments], TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"{tool} {string.Join(' ', arguments)} in {ns} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Runs <paramref name="action"/> on a thread that has entered <paramref name="ns"/>: sockets it opens live there.</summary>
    public static void RunInside(string ns, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/var/run/netns", ns));
                if (SetNs((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns {ns} failed: errno {Marshal.GetLastPInvokeError()}");
                }

                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("inside " + ns + ": " + failure.Message, failure);
        }
    }

    public void Dispose()
    {
        foreach (var ns in _namespaces)
        {
            ExternalTool.Run("ip", ["netns", "del", ns], TimeSpan.FromSeconds(30));
        }

        _namespaces.Clear();
    }

    private static void Ip(params string[] arguments)
    {
        var (code, _, stderr) = ExternalTool.Run("ip", arguments, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"ip {string.Join(' ', arguments)} exited {code}: {stderr}");
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nsType);
}
