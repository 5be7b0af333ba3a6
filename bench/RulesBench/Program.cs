// Aggregation + rules throughput on a synthetic 24-hour, 10-device session.
// Usage: dotnet run -c Release --project bench/RulesBench [-- PROFILE_DIR]
using System.Diagnostics;
using System.Globalization;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

var profileDir = args.Length > 0 ? args[0] : FindProfiles();
var loaded = ProfileLoader.Load(profileDir);
if (!loaded.IsValid)
{
    Console.Error.WriteLine(string.Join(Environment.NewLine, loaded.Errors));
    return 2;
}

var start = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
var devices = Enumerable.Range(1, 10).Select(i => new DeviceRecord
{
    Mac = $"02:00:5e:10:00:{i:x2}",
    Ips = [$"192.168.50.{10 + i}"],
    FirstSeen = start,
    LastSeen = start.AddDays(1),
}).ToArray();

// per device: GPS every 10 s, heart rate every 30 s, an opaque upload every 5 s, an id every 10 min
(string DataType, int EverySeconds, string Host, string Transport)[] streams =
[
    (DataTypes.LocationGps, 10, "gps.{0}-cloud.example", Transports.Cleartext),
    (DataTypes.HealthHeartRate, 30, "api.{0}-cloud.example", Transports.TlsIntercepted),
    (DataTypes.Opaque, 5, "upload.{0}-cloud.example", Transports.Encrypted),
    (DataTypes.IdImei, 600, "sdk.tracker.example", Transports.TlsIntercepted),
];
var observations = new List<Observation>();
var random = new Random(42);
foreach (var device in devices)
{
    var vendor = device.Mac[^2..];
    foreach (var (dataType, every, host, transport) in streams)
    {
        for (var t = random.Next(every); t < 86_400; t += every)
        {
            observations.Add(new Observation
            {
                Ts = start.AddSeconds(t + random.NextDouble()),
                Uid = $"C{device.Mac[^2..]}{t / 60:D5}",
                Device = device.Mac,
                Destination = string.Format(CultureInfo.InvariantCulture, host, vendor),
                DataType = dataType,
                Field = "body:$.v",
                PrecisionM = dataType == DataTypes.LocationGps ? 3 + random.NextDouble() * 20 : null,
                Transport = transport,
                Value = "356938035643809",
            });
        }
    }
}

observations.Sort((a, b) => a.Ts.CompareTo(b.Ts));
Console.WriteLine($"{observations.Count:N0} observations, {devices.Length} devices, 24 h; profiles from {profileDir}");
for (var round = 1; round <= 3; round++)
{
    var clock = Stopwatch.StartNew();
    var session = new AnalysisSession(loaded.Profiles!);
    foreach (var device in devices)
    {
        session.AddDevice(device);
    }

    foreach (var observation in observations)
    {
        session.AddObservation(observation);
    }

    var document = session.Complete(["synthetic.pcapng"]);
    var aggregate = clock.Elapsed;
    var json = FindingsJson.Serialize(document);
    var total = clock.Elapsed;
    Console.WriteLine(
        $"round {round}: aggregation + rules {aggregate.TotalMilliseconds:F0} ms = {observations.Count / aggregate.TotalSeconds:N0} observations/s; " +
        $"with findings.json {total.TotalMilliseconds:F0} ms; {document.AllFindings.Count()} findings, {json.Length:N0} bytes");
}

return 0;

static string FindProfiles()
{
    var dir = Directory.GetCurrentDirectory();
    while (!Directory.Exists(Path.Combine(dir, "profiles", "categories")))
    {
        dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("profiles/ not found; pass PROFILE_DIR");
    }

    return Path.Combine(dir, "profiles");
}
