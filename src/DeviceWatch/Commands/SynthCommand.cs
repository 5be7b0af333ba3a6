using System.CommandLine;
using System.Globalization;
using DeviceWatch.Synth.Bulk;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Cli.Commands;

/// <summary><c>devicewatch synth demo|bulk</c>: writes synthetic captures with real protocol bytes (demo, tests, benchmarks).</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var demoOut = new Option<string>("--out", "-o") { Description = "capture file to write", DefaultValueFactory = _ => "captures/demo-lab.pcapng" };
        var demo = new Command("demo", "Write the demo lab session (five devices, 2½ hours, idle and function-off phases) that make demo analyses.") { demoOut };
        demo.SetAction(parse => CommandRunner.Run(() =>
        {
            var path = parse.GetValue(demoOut)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var truth = DemoLab.Create().WriteFile(path);
            Console.WriteLine($"{path}: {truth.PacketCount.ToString(CultureInfo.InvariantCulture)} packets, {truth.Devices.Count} devices");
            return ExitCodes.Ok;
        }));

        var bulkOut = new Option<string>("--out", "-o") { Description = "capture file to write", Required = true };
        var packets = new Option<long?>("--packets") { Description = "stop after about this many packets" };
        var bytes = new Option<long?>("--bytes") { Description = "stop after about this many bytes" };
        var seed = new Option<int>("--seed") { Description = "random seed (same seed, same file)", DefaultValueFactory = _ => 1 };
        var pcapng = new Option<bool>("--pcapng") { Description = "write pcapng instead of pcap" };
        var bulk = new Command("bulk", "Write a large capture of many real TCP sessions (HTTP, TLS) and DNS lookups, with constant memory.") { bulkOut, packets, bytes, seed, pcapng };
        bulk.SetAction(parse => CommandRunner.Run(() =>
        {
            var targetPackets = parse.GetValue(packets);
            var targetBytes = parse.GetValue(bytes);
            if (targetPackets is null && targetBytes is null)
            {
                throw new UsageException("synth bulk: give --packets or --bytes");
            }

            var result = BulkCapture.Write(parse.GetValue(bulkOut)!, new BulkCaptureOptions
            {
                TargetPackets = targetPackets,
                TargetBytes = targetBytes,
                Seed = parse.GetValue(seed),
                Format = parse.GetValue(pcapng) ? CaptureFormat.PcapNg : CaptureFormat.Pcap,
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{parse.GetValue(bulkOut)}: {result.Packets} packets, {result.Bytes} bytes, {result.HttpSessions} HTTP, {result.TlsSessions} TLS sessions, {result.DnsLookups} DNS lookups"));
            return ExitCodes.Ok;
        }));

        return new Command("synth", "Write synthetic captures with real protocol bytes (the demo lab, benchmark captures).") { demo, bulk };
    }
}
