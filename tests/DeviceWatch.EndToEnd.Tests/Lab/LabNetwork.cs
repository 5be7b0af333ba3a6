using System.Globalization;
using System.Runtime.InteropServices;
using DeviceWatch.EndToEnd.Tests.Infrastructure;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// Network namespaces made for one test: one per simulated device (10.213.1.2, .3, …), <c>gw</c> (a LAN bridge
/// 10.213.1.1 joining the devices' veths | WAN veth 10.213.2.1, forwarding) and <c>cloud</c> (10.213.2.2). Every
/// name carries a random id. Dispose deletes the namespaces, which removes the veths, the bridge, the rules and
/// everything inside, and the namespaces' <c>/etc/netns/NS</c> host files. Nothing outside them is touched.
/// </summary>
internal sealed class LabNetwork : IDisposable
{
    public const string CloudAddress = "10.213.2.2";
    public const string GatewayAddress = "10.213.1.1";
    public const string LanNetwork = "10.213.1.0/24";
    private const int CloneNewNet = 0x40000000;
    private readonly List<string> _namespaces = [];

    /// <summary>One device, <c>dev</c>, with a kernel-chosen MAC.</summary>
    public LabNetwork()
        : this(("dev", null))
    {
    }

    /// <summary>One namespace per device (name, MAC or null for a random one).</summary>
    public LabNetwork(params (string Name, string? Mac)[] devices)
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        Gw = $"dwt-{id}-gw";
        Cloud = $"dwt-{id}-cloud";
        GwLan = $"dw{id}lan";
        GwWan = $"dw{id}wan";
        var cloudWan = $"dw{id}c0";
        try
        {
            foreach (var ns in new[] { Gw, Cloud })
            {
                Add(ns);
            }

            // 1. The gateway: LAN bridge, WAN veth to the cloud.
            Ip("-n", Gw, "link", "add", GwLan, "type", "bridge", "forward_delay", "0");
            Ip("-n", Gw, "addr", "add", GatewayAddress + "/24", "dev", GwLan);
            Ip("-n", Gw, "link", "set", GwLan, "up");
            Ip("-n", Gw, "link", "add", GwWan, "type", "veth", "peer", "name", cloudWan, "netns", Cloud);
            Ip("-n", Gw, "addr", "add", "10.213.2.1/24", "dev", GwWan);
            Ip("-n", Cloud, "addr", "add", CloudAddress + "/24", "dev", cloudWan);
            Ip("-n", Gw, "link", "set", GwWan, "up");
            Ip("-n", Cloud, "link", "set", cloudWan, "up");
            Ip("-n", Cloud, "route", "add", "default", "via", "10.213.2.1");

            // 2. The devices, each on a veth whose gateway end is a port of the bridge.
            var list = new List<LabDevice>();
            foreach (var (name, mac) in devices)
            {
                var index = list.Count;
                var device = new LabDevice(name, $"dwt-{id}-{name}", mac, string.Create(CultureInfo.InvariantCulture, $"10.213.1.{2 + index}"));
                Add(device.Namespace);
                var inside = $"dw{id}d{index}";
                var port = $"dw{id}p{index}";
                Ip("-n", device.Namespace, "link", "add", inside, "type", "veth", "peer", "name", port, "netns", Gw);
                if (mac is not null)
                {
                    Ip("-n", device.Namespace, "link", "set", inside, "address", mac);
                }

                Ip("-n", device.Namespace, "addr", "add", device.Address + "/24", "dev", inside);
                Ip("-n", device.Namespace, "link", "set", inside, "up");
                Ip("-n", Gw, "link", "set", port, "master", GwLan);
                Ip("-n", Gw, "link", "set", port, "up");
                Ip("-n", device.Namespace, "route", "add", "default", "via", GatewayAddress);
                list.Add(device);
            }

            Devices = list;
            Exec(Gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");

            // 3. With br_netfilter loaded (Docker loads it) iptables would see frames inside the bridge, before the
            // bridge device does, so the capture on the bridge would see redirected packets after NAT. The setting is
            // per namespace (Linux 5.3+): off here, iptables runs at the IP layer as on a routed gateway.
            if (File.Exists("/proc/sys/net/bridge/bridge-nf-call-iptables"))
            {
                Exec(Gw, "sysctl", "-q", "-w", "net.bridge.bridge-nf-call-iptables=0", "net.bridge.bridge-nf-call-ip6tables=0");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The simulated devices in the order given.</summary>
    public IReadOnlyList<LabDevice> Devices { get; } = [];

    /// <summary>The first device's namespace.</summary>
    public string Dev => Devices[0].Namespace;

    public string Gw { get; }

    public string Cloud { get; }

    /// <summary>The gateway's LAN bridge (where DeviceWatch captures and the REDIRECT rules match).</summary>
    public string GwLan { get; }

    /// <summary>The gateway's veth towards the cloud.</summary>
    public string GwWan { get; }

    /// <summary>Makes <paramref name="names"/> resolve to the cloud address inside every device namespace (<c>/etc/netns/NS/hosts</c>, used by <c>ip netns exec</c>).</summary>
    public void ResolveToCloud(params string[] names)
    {
        foreach (var device in Devices)
        {
            var folder = Path.Combine("/etc/netns", device.Namespace);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "hosts"), $"127.0.0.1 localhost\n{CloudAddress} {string.Join(' ', names)}\n");
        }
    }

    /// <summary>Runs a command inside <paramref name="ns"/> and fails on a non-zero exit.</summary>
    public static string Exec(string ns, string tool, params string[] arguments)
    {
        var (code, stdout, stderr) = Try(ns, tool, arguments);
        Assert.True(code == 0, $"{tool} {string.Join(' ', arguments)} in {ns} exited {code}: {stderr}");
        return stdout;
    }

    /// <summary>Runs a command inside <paramref name="ns"/>.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Try(string ns, string tool, params string[] arguments) =>
        ExternalTool.Run("ip", ["netns", "exec", ns, tool, .. arguments], TimeSpan.FromSeconds(30));

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
            var hosts = Path.Combine("/etc/netns", ns);
            if (Directory.Exists(hosts))
            {
                Directory.Delete(hosts, recursive: true);
            }
        }

        _namespaces.Clear();
        try
        {
            if (Directory.Exists("/etc/netns") && !Directory.EnumerateFileSystemEntries("/etc/netns").Any())
            {
                Directory.Delete("/etc/netns");
            }
        }
        catch (IOException)
        {
            // another lab created its folder meanwhile
        }
    }

    private void Add(string ns)
    {
        Ip("netns", "add", ns);
        _namespaces.Add(ns);
        Ip("-n", ns, "link", "set", "lo", "up");
    }

    private static void Ip(params string[] arguments)
    {
        var (code, _, stderr) = ExternalTool.Run("ip", arguments, TimeSpan.FromSeconds(30));
        Assert.True(code == 0, $"ip {string.Join(' ', arguments)} exited {code}: {stderr}");
    }

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nsType);
}
