using DeviceWatch.Cli.Commands;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary><c>lab up|down</c> inside the test's gateway namespace: adds the NAT/REDIRECT rules, then removes exactly them.</summary>
public sealed class LabGatewayTests
{
    [Fact]
    public void LabGateway_UpThenDown_AddsRedirectsAndRemovesExactlyThem()
    {
        using var lab = new LabNetwork();
        var wan = lab.GwWan;
        var state = Path.Combine(Path.GetTempPath(), $"dw-lab-{Guid.NewGuid():N}.state");
        LabNetwork.Exec(lab.Gw, "sysctl", "-q", "-w", "net.ipv4.ip_forward=0");
        LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-A", "POSTROUTING", "-o", "lo", "-j", "RETURN");
        var before = LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-S") + LabNetwork.Exec(lab.Gw, "iptables", "-S");
        var gateway = new LabGateway(lab.GwLan, wan, [80, 443, 8883], 8081, state);

        LabNetwork.RunInside(lab.Gw, () => gateway.Up(TextWriter.Null));
        var nat = LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-S");
        Assert.Contains($"-A PREROUTING -i {lab.GwLan} -p tcp -m tcp --dport 443 -m comment --comment \"devicewatch-lab:{lab.GwLan}\" -j REDIRECT --to-ports 8081", nat, StringComparison.Ordinal);
        Assert.Contains($"-A POSTROUTING -o {wan} -m comment --comment \"devicewatch-lab:{lab.GwLan}\" -j MASQUERADE", nat, StringComparison.Ordinal);
        Assert.Equal("1", LabNetwork.Exec(lab.Gw, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        var twice = Assert.Throws<InvalidOperationException>(() => LabNetwork.RunInside(lab.Gw, () => gateway.Up(TextWriter.Null)));
        Assert.IsType<UsageException>(twice.InnerException);

        LabNetwork.RunInside(lab.Gw, () => gateway.Down(TextWriter.Null));
        var after = LabNetwork.Exec(lab.Gw, "iptables", "-t", "nat", "-S") + LabNetwork.Exec(lab.Gw, "iptables", "-S");
        Assert.Equal(before, after);
        Assert.Equal("0", LabNetwork.Exec(lab.Gw, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        Assert.False(File.Exists(state));
    }
}
