using DeviceWatch.Analysis.Rules;
using DeviceWatch.Reports.Diff;
using DeviceWatch.Reports.Model;

namespace DeviceWatch.Reports.Tests.Diff;

/// <summary>Small hand-built findings documents for diff tests, and the small lab read back through findings.json.</summary>
internal static class DiffSamples
{
    public static ReportDocument SmallLab(string profiles = "profiles") =>
        ReportDocumentReader.Read(FindingsJson.Serialize(Tests.SmallLab.Run(Tests.SmallLab.Profiles(profiles))));

    public static DiffDocument Compute(ReportDocument before, ReportDocument after, double tolerance = DiffOptions.DefaultTolerance) =>
        FindingsDiff.Compute(before, Side("before/findings.json"), after, Side("after/findings.json"), new DiffOptions { Tolerance = tolerance });

    public static DiffSide Side(string source) => new() { Source = source, Generator = "DeviceWatch 0.1.0", Captures = ["lab.pcapng"] };

    public static ReportDevice Tracker(
        IReadOnlyList<ReportDestination>? destinations = null,
        IReadOnlyList<ReportObservation>? observations = null,
        IReadOnlyList<ReportFinding>? findings = null,
        string id = "tracker-01",
        string mac = "02:00:5e:20:00:01") => new()
        {
            Id = id,
            Mac = mac,
            Category = "gps-tracker",
            Profile = "devices/tracker-01.yaml",
            Destinations = destinations ?? [Destination("gps.tracker-cloud.example", "first")],
            Observations = observations ?? [Gps()],
            Findings = findings ?? [],
        };

    public static ReportDocument Doc(params ReportDevice[] devices) => new() { Generator = "DeviceWatch 0.1.0", Captures = ["lab.pcapng"], Devices = devices };

    public static ReportDestination Destination(string host, string party) => new() { Host = host, Party = party, Flows = 10, BytesUp = 1000, BytesDown = 100 };

    public static ReportObservation Gps(long perHour = 30, double? precision = 11.1, double span = 5400, string destination = "gps.tracker-cloud.example") => new()
    {
        DataType = "location.gps",
        Destination = destination,
        Count = perHour * 2,
        PerHourMax = perHour,
        FinestPrecisionM = precision,
        LongestSpanS = span,
        Transport = "cleartext",
        Party = "first",
    };

    public static ReportObservation Observation(string dataType, string destination, string party = "first") => new()
    {
        DataType = dataType,
        Destination = destination,
        Count = 5,
        PerHourMax = 5,
        LongestSpanS = 600,
        Transport = "cleartext",
        Party = party,
    };

    public static ReportFinding Finding(string rule, string? dataType, string? destination, string severity = "high") => new()
    {
        Rule = rule,
        DataType = dataType,
        Destination = destination,
        Severity = severity,
        Message = $"{rule} {dataType} {destination}",
    };
}
