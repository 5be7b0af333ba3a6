namespace DeviceWatch.Cli.Commands;

/// <summary>The <c>Proxy</c> section of the run configuration (the transparent proxy behind <c>lab up</c>'s REDIRECT rules).</summary>
internal sealed class RunProxySettings
{
    /// <summary>Run the proxy in the session.</summary>
    public bool Enabled { get; set; }

    /// <summary>ADDRESS:PORT to listen on.</summary>
    public string Listen { get; set; } = "0.0.0.0:8081";

    /// <summary>Connections arrive by NAT redirect.</summary>
    public bool Transparent { get; set; } = true;

    /// <summary>Client networks served (CIDR list); empty for loopback only.</summary>
    public List<string> Clients { get; set; } = [];

    /// <summary>PEM files of CAs to trust for upstream servers.</summary>
    public List<string> UpstreamCa { get; set; } = [];

    /// <summary>State folder holding the lab CA (default ~/.devicewatch).</summary>
    public string? State { get; set; }

    /// <summary>
    /// Device ports that <c>lab up</c> redirects to the proxy (its <c>--ports</c>). With a transparent proxy the live
    /// capture leaves connections to these ports to the proxy's analysis, so no exchange is counted twice.
    /// </summary>
    public List<int> RedirectedPorts { get; set; } = [80, 443, 8883];

    /// <summary>Failed interceptions of a host by a device before it is passed through.</summary>
    public int PinningThreshold { get; set; } = 3;
}
