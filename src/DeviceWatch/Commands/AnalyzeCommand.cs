using System.CommandLine;

namespace DeviceWatch.Cli.Commands;

/// <summary><c>devicewatch analyze &lt;capture-file-or-folder&gt;... [--profiles DIR] [--out DIR] [--fail-on low|medium|high] [--show-values]</c>.</summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("captures")
        {
            Description = "pcap or pcapng files, or folders (every capture in a folder is read, in time order of its first packet)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "output folder for conn/dns/dhcp/tls/http/mqtt/observations .jsonl, devices.json, findings.json, report.html",
            DefaultValueFactory = _ => "./devicewatch-out",
        };
        var profiles = new Option<string?>("--profiles")
        {
            Description = "device profile folder (default: the repository's profiles/)",
        };
        var failOn = new Option<string?>("--fail-on")
        {
            Description = "exit with code 3 when a finding of this severity or higher exists",
        };
        failOn.AcceptOnlyFromAmong("low", "medium", "high");
        var showValues = new Option<bool>("--show-values")
        {
            Description = "write personal values unmasked (default: masked in every output)",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "no progress or summary on the console" };
        var maxFlows = new Option<int>("--max-flows")
        {
            Description = "most live flows kept at once; the least recently active is evicted and counted",
            DefaultValueFactory = _ => 200_000,
        };

        var fromSession = new Option<string?>("--from-session")
        {
            Description = "re-run the rules on a session.db from an earlier run (with --profiles) instead of reading captures",
        };
        var junit = new Option<string?>("--junit") { Description = "also write the findings as JUnit XML to FILE (one suite per device, a failure per finding at or above --fail-on)" };
        var summaryMd = new Option<string?>("--summary-md") { Description = "also write a short Markdown summary to FILE (for a CI job summary)" };
        var command = new Command("analyze", "Read capture files and write flows, protocol logs, personal-information observations, findings and a report.")
        {
            inputs, output, profiles, failOn, showValues, quiet, maxFlows, fromSession, junit, summaryMd,
        };
        command.SetAction(parse => CommandRunner.Run(() => AnalyzeRunner.Run(new AnalyzeOptions
        {
            Inputs = parse.GetValue(inputs) ?? [],
            OutputDirectory = parse.GetValue(output) ?? "./devicewatch-out",
            ProfilesDirectory = parse.GetValue(profiles),
            FailOn = parse.GetValue(failOn),
            ShowValues = parse.GetValue(showValues),
            FromSession = parse.GetValue(fromSession),
            Junit = parse.GetValue(junit),
            SummaryMarkdown = parse.GetValue(summaryMd),
            Quiet = parse.GetValue(quiet),
            MaxFlows = parse.GetValue(maxFlows) is var max and > 0 ? max : throw new UsageException("--max-flows must be positive"),
        })));
        return command;
    }
}
