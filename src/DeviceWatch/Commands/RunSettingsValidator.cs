using System.Net;

namespace DeviceWatch.Cli.Commands;

/// <summary>Checks a <see cref="RunSettings"/> before anything is opened; every problem is listed with its key.</summary>
internal static class RunSettingsValidator
{
    public static IReadOnlyList<string> Validate(RunSettings settings)
    {
        var errors = new List<string>();
        var capture = settings.Capture;
        if (capture.Interfaces.Count == 0 && !settings.Proxy.Enabled)
        {
            errors.Add("Capture:Interfaces: give at least one interface (or enable the proxy)");
        }

        if (capture.Interfaces.Any(string.IsNullOrWhiteSpace) || capture.Interfaces.Distinct(StringComparer.Ordinal).Count() != capture.Interfaces.Count)
        {
            errors.Add("Capture:Interfaces: names must be non-empty and distinct");
        }

        if (capture.BufferSizeMb is < 1 or > 2048)
        {
            errors.Add($"Capture:BufferSizeMb: {capture.BufferSizeMb} is not between 1 and 2048");
        }

        if (capture.SnapLength is < 64 or > 262144)
        {
            errors.Add($"Capture:SnapLength: {capture.SnapLength} is not between 64 and 262144");
        }

        if (capture.QueueCapacity is < 16 or > 4_000_000)
        {
            errors.Add($"Capture:QueueCapacity: {capture.QueueCapacity} is not between 16 and 4000000");
        }

        if (capture.RotateMb < 0 || capture.RotateSeconds < 0 || capture.FlushSeconds < 1)
        {
            errors.Add("Capture:RotateMb and Capture:RotateSeconds must be 0 or more, Capture:FlushSeconds 1 or more");
        }

        if (settings.SummaryIntervalSeconds < 0)
        {
            errors.Add("SummaryIntervalSeconds must be 0 or more");
        }

        if (settings.FindingsRefreshSeconds < 0)
        {
            errors.Add("FindingsRefreshSeconds must be 0 or more");
        }

        if (string.IsNullOrWhiteSpace(settings.Output))
        {
            errors.Add("Output: give an output folder");
        }

        if (string.IsNullOrWhiteSpace(settings.Control))
        {
            errors.Add("Control: give a Unix socket path for the control endpoint");
        }

        var proxy = settings.Proxy;
        if (proxy.Enabled)
        {
            if (!IPEndPoint.TryParse(proxy.Listen, out var endpoint) || endpoint.Port == 0)
            {
                errors.Add($"Proxy:Listen: '{proxy.Listen}' is not ADDRESS:PORT");
            }

            foreach (var client in proxy.Clients.Where(c => !IPNetwork.TryParse(c, out _)))
            {
                errors.Add($"Proxy:Clients: '{client}' is not a CIDR network");
            }

            foreach (var file in proxy.UpstreamCa.Where(f => !File.Exists(f)))
            {
                errors.Add($"Proxy:UpstreamCa: '{file}' not found");
            }

            foreach (var port in proxy.RedirectedPorts.Where(p => p is < 1 or > 65535))
            {
                errors.Add($"Proxy:RedirectedPorts: {port} is not a port number");
            }

            if (proxy.PinningThreshold < 0)
            {
                errors.Add("Proxy:PinningThreshold must be 0 or more");
            }
        }

        return errors;
    }
}
