using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Lab;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

/// <summary>
/// Writes the small-home lab once (pcapng) and decodes it once with tshark (checksums validated); the
/// <see cref="LabScenarioTsharkTests"/> compare the rows with the ground truth.
/// </summary>
public sealed class LabCaptureFixture : IDisposable
{
    public static readonly string[] FieldNames =
    [
        "frame.number", "_ws.expert.severity", "_ws.expert.message", "_ws.malformed",
        "dns.flags.response", "dns.qry.name", "dns.qry.type", "dns.cname", "dns.a", "dns.aaaa", "dns.id",
        "dhcp.option.dhcp", "dhcp.option.hostname", "dhcp.option.vendor_class_id", "dhcp.ip.your",
        "tls.handshake.type", "tls.handshake.extensions_server_name",
        "http.request.method", "http.host", "http.request.uri", "http.file_data",
        "mqtt.msgtype", "mqtt.topic", "mqtt.msg", "mqtt.clientid",
        "tcp.flags.syn", "tcp.flags.ack", "tcp.dstport", "mdns", "dns.ptr.domain_name",
    ];

    private readonly ScratchDirectory _scratch = new();

    public LabCaptureFixture()
    {
        Path = _scratch.File("lab.pcapng");
        Truth = LabScenario.SmallHome(seed: 11).WriteFile(Path, CaptureFormat.PcapNg);
        Rows = Tshark.Fields(Path, FieldNames, null, Tshark.ChecksumValidation)
            .Select(r => FieldNames.Select((name, i) => (name, value: r[i])).ToDictionary(p => p.name, p => p.value))
            .ToList();
    }

    public string Path { get; }

    public LabGroundTruth Truth { get; }

    /// <summary>Per frame: field name → value (several occurrences joined with <c>|</c>).</summary>
    public List<Dictionary<string, string>> Rows { get; }

    public IEnumerable<Dictionary<string, string>> Where(string field) => Rows.Where(r => r[field].Length > 0);

    public void Dispose() => _scratch.Dispose();
}
