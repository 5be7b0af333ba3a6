using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DeviceWatch.Analysis.Observations;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Proxy;
using DeviceWatch.Reports;
using DeviceWatch.Store.Jsonl;
using DeviceWatch.Store.Session;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// <c>devicewatch proxy --listen ADDR:PORT [--transparent] [--clients CIDR,...] [--upstream-ca FILE] [--state DIR]
/// [--profiles DIR] [--out DIR] [--har FILE]</c>: intercepts until SIGINT/SIGTERM, then writes the same output
/// folder as <c>analyze</c> for what it saw.
/// </summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "address:port to listen on", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var transparent = new Option<bool>("--transparent") { Description = "connections arrive by NAT redirect (iptables REDIRECT); the destination is the original one, else SNI/Host" };
        var clients = new Option<string?>("--clients") { Description = "client networks served, CIDR,... (default: loopback); anything else is refused and logged" };
        var upstreamCa = new Option<string[]>("--upstream-ca") { Description = "PEM file of a CA to trust for upstream servers (lab test servers); repeatable", Arity = ArgumentArity.ZeroOrMore };
        var state = new Option<string?>("--state") { Description = "state folder holding the lab CA (default ~/.devicewatch)" };
        var profiles = new Option<string?>("--profiles") { Description = "device profile folder (default: the repository's profiles/)" };
        var output = new Option<string>("--out", "-o") { Description = "output folder (written when the proxy stops)", DefaultValueFactory = _ => "./devicewatch-out" };
        var har = new Option<string?>("--har") { Description = "also write every relayed HTTP exchange to FILE as HAR 1.2 (headers and bodies up to the capture cap; values are NOT masked, even without --show-values: keep the file in the lab)" };
        var showValues = new Option<bool>("--show-values") { Description = "write personal values unmasked" };
        var pinning = new Option<int>("--pinning-threshold") { Description = "failed interceptions of a host by a device before it is passed through", DefaultValueFactory = _ => 3 };
        var noSniName = new Option<string?>("--default-server-name") { Description = "certificate name for clients without SNI (default devicewatch.lab)" };
        var sniPort = new Option<int>("--sni-port") { Description = "upstream port when the destination is known only from the SNI", DefaultValueFactory = _ => 443 };
        var failOn = new Option<string?>("--fail-on") { Description = "exit with code 3 when a finding of this severity or higher exists" };
        failOn.AcceptOnlyFromAmong("low", "medium", "high");
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no log lines on the console" };
        var command = new Command("proxy", "Intercept devices' HTTP(S) and TLS traffic (explicit or transparent) and analyse it like a capture.")
        {
            listen, transparent, clients, upstreamCa, state, profiles, output, har, showValues, pinning, noSniName, sniPort, failOn, quiet,
        };
        command.SetAction((parse, _) => Task.FromResult(CommandRunner.Run(() => Run(
            parse.GetValue(listen)!,
            parse.GetValue(transparent),
            parse.GetValue(clients),
            parse.GetValue(upstreamCa) ?? [],
            parse.GetValue(state),
            parse.GetValue(profiles),
            parse.GetValue(output) ?? "./devicewatch-out",
            parse.GetValue(har),
            parse.GetValue(showValues),
            parse.GetValue(pinning),
            parse.GetValue(noSniName),
            parse.GetValue(sniPort),
            parse.GetValue(failOn),
            parse.GetValue(quiet)))));
        return command;
    }

    private static int Run(
        string listen, bool transparent, string? clients, string[] upstreamCa, string? state, string? profilesDir, string outDir,
        string? har, bool showValues, int pinningThreshold, string? defaultServerName, int sniPort, string? failOnText, bool quiet)
    {
        // 1. Everything is validated before anything is bound or written.
        Severity? failOn = failOnText is null ? null
            : Severities.TryParse(failOnText, out var severity) ? severity : throw new UsageException($"--fail-on: '{failOnText}' is not low, medium or high");
        if (!IPEndPoint.TryParse(listen, out var endpoint) || endpoint.Port == 0 && !listen.EndsWith(":0", StringComparison.Ordinal))
        {
            throw new UsageException($"--listen: '{listen}' is not ADDRESS:PORT (e.g. 0.0.0.0:8080 or [::]:8080)");
        }

        var networks = ParseNetworks(clients);
        var trust = new X509Certificate2Collection();
        foreach (var file in upstreamCa)
        {
            try
            {
                trust.ImportFromPemFile(file);
            }
            catch (Exception ex) when (ex is CryptographicException or FileNotFoundException or DirectoryNotFoundException)
            {
                throw new UsageException($"--upstream-ca {file}: not a readable PEM certificate file ({ex.Message})");
            }
        }

        if (pinningThreshold < 0 || sniPort is < 1 or > 65535)
        {
            throw new UsageException("--pinning-threshold must be 0 or more and --sni-port a port number");
        }

        var profiles = ProfileDirectory.Load(profilesDir);
        using var authority = CaCommand.LoadAuthority(state);
        Directory.CreateDirectory(outDir);
        using var harWriter = har is null ? null : OpenHar(har);

        // 2. The pipeline as in analyze: proxy → recorder (logs, store) and observation stage → analysis session.
        var analysis = new AnalysisSession(profiles, new AnalysisOptions { ShowValues = showValues });
        var interceptions = new List<StoredTlsInterception>();
        FindingsDocument document;
        ProxyStatistics statistics;
        using (var recorder = new SessionRecorder(outDir, analysis, showValues))
        {
            string DeviceIdOf(string ip) => profiles.Match(null, [ip], null)?.Id ?? ip;
            var contexts = new InspectionContexts(profiles, DeviceIdOf);
            var stage = new ObservationStage(contexts.For, recorder.OnObservation);
            var options = new ProxyOptions
            {
                Listen = endpoint,
                Transparent = transparent,
                Clients = networks,
                UpstreamTrust = trust,
                PinningFailureThreshold = pinningThreshold,
                DefaultServerName = defaultServerName ?? "devicewatch.lab",
                SniFallbackPort = sniPort,
                DeviceIdOf = DeviceIdOf,
            };
            var sinks = new ProxySinks
            {
                Records = recorder,
                Analysis = stage,
                Interceptions = e =>
                {
                    analysis.AddTlsInterception(new TlsInterceptionEvent(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason));
                    interceptions.Add(new StoredTlsInterception(e.Device, e.Host, e.Ts, e.Uid, e.Completed, e.FailureReason));
                },
                Log = quiet ? null : line => Console.Error.WriteLine("devicewatch proxy: " + line),
                Exchanges = harWriter is null ? null : harWriter.Write,
            };

            var server = new ProxyServer(options, authority, sinks);
            try
            {
                server.Start();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new UsageException($"--listen {listen}: cannot listen ({ex.SocketErrorCode})");
            }

            var bound = server.LocalEndPoint.ToString();
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); }))
            using (PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); }))
            {
                Console.Error.WriteLine($"devicewatch proxy: listening on {bound} ({(transparent ? "transparent" : "explicit")} mode), serving {string.Join(", ", networks)}; CA {authority.Certificate.Subject} (export with `devicewatch ca export`); Ctrl-C to stop");
                stop.Task.GetAwaiter().GetResult();
            }

            // 3. Stop: every connection ends, every record is delivered (on the recorder thread), then outputs are written.
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            harWriter?.Dispose();
            statistics = server.Statistics;
            stage.Complete();
            var devices = server.Devices;
            JsonlRecordWriter.WriteDevices(outDir, devices);
            var captures = new[] { $"proxy {bound}" };
            document = analysis.Complete(captures);
            var findingsJson = FindingsJson.Serialize(document);
            ReportFolder.Write(outDir, findingsJson);
            recorder.Store.SaveCaptures(captures);
            recorder.Store.SaveTlsInterceptions(interceptions);
            recorder.Flush();
            recorder.Store.SaveFindings(findingsJson);
        }

        var culture = CultureInfo.InvariantCulture;
        Console.Error.WriteLine(string.Create(culture, $"devicewatch proxy: {statistics.Accepted} connections ({statistics.Refused} refused), {statistics.Exchanges} HTTP exchanges, {statistics.Intercepted} TLS intercepted, {statistics.HandshakeFailures} refused by the device, {statistics.PassedThrough} passed through, {statistics.UpstreamFailures} upstream failures, {statistics.RecordsDropped} records dropped") + (statistics.DissectorFailures > 0 ? string.Create(culture, $", {statistics.DissectorFailures} connections no longer dissected after a dissector failure (see the log)") : ""));
        Console.Error.WriteLine($"devicewatch proxy: findings: {document.AllFindings.Count()}; output: {Path.GetFullPath(outDir)}");
        if (harWriter is not null)
        {
            Console.Error.WriteLine($"devicewatch proxy: HAR: {harWriter.Entries} entries in {Path.GetFullPath(har!)} (unmasked values)");
        }
        return failOn is { } threshold && FindingGate.ShouldFail(document, threshold) ? ExitCodes.FindingsAtOrAboveThreshold : ExitCodes.Ok;
    }

    private static DeviceWatch.Proxy.Har.HarWriter OpenHar(string path)
    {
        try
        {
            var version = typeof(ProxyCommand).Assembly.GetName().Version;
            return new DeviceWatch.Proxy.Har.HarWriter(path, "DeviceWatch", version is null ? "0.1.0" : $"{version.Major}.{version.Minor}.{version.Build}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"--har {path}: cannot create the file ({ex.Message})");
        }
    }

    private static IReadOnlyList<IPNetwork> ParseNetworks(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];
        }

        var networks = new List<IPNetwork>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new UsageException($"--clients: '{part}' is not a CIDR network (e.g. 192.168.50.0/24)");
            }
        }

        return networks;
    }
}
