using System.Runtime.CompilerServices;
using DeviceWatch.Analysis.Profiles;
using DeviceWatch.Analysis.Rules;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;

namespace DeviceWatch.Reports.Tests;

/// <summary>
/// A small hand-built lab (08:00–11:00 UTC): a children's watch that over-collects, a smart lock that behaves
/// well and must get no findings, and a device without a profile that sends its MAC in cleartext.
/// </summary>
internal static class SmallLab
{
    public static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    public const string WatchMac = "02:00:5e:10:00:01";
    public const string LockMac = "02:00:5e:10:00:03";
    public const string SensorMac = "02:00:5e:10:00:09";
    public static readonly string[] Captures = ["lab-part1.pcapng", "lab-part2.pcapng"];

    public static string GoldenDir([CallerFilePath] string path = "") => Path.Combine(Path.GetDirectoryName(path)!, "Golden");

    public static ProfileSet Profiles(string folder = "profiles")
    {
        var result = ProfileLoader.Load(Path.Combine(GoldenDir(), folder));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Profiles!;
    }

    public static IReadOnlyList<DeviceRecord> Devices { get; } =
    [
        new() { Mac = WatchMac, Id = "kids-watch-01", Ips = ["192.168.50.11"], Hostname = "kidwatch", FirstSeen = T0, LastSeen = T0.AddHours(3) },
        new() { Mac = LockMac, Id = "lock-01", Ips = ["192.168.50.13"], Hostname = "lock", FirstSeen = T0, LastSeen = T0.AddHours(3) },
        new() { Mac = SensorMac, Ips = ["192.168.50.19"], Hostname = "iot-sensor", VendorClass = "iot-vendor 1.0", FirstSeen = T0.AddMinutes(1), LastSeen = T0.AddHours(2) },
    ];

    public static IEnumerable<Observation> Observations()
    {
        // watch: GPS every 2 minutes for 3 hours, cleartext, 5 m precision (through idle and locate-off phases)
        for (var i = 0; i < 90; i++)
        {
            yield return Obs(i * 2, "kids-watch-01", "gps.kidwatch-cloud.example", DataTypes.LocationGps, $"CW{i:D4}", "body:$.lat", 5 + i % 3, Transports.Cleartext, "22.543096");
        }

        // watch: IMSI to an analytics SDK, four times
        for (var i = 0; i < 4; i++)
        {
            yield return Obs(15 + i * 40, "kids-watch-01", "sdk.tracker.example", DataTypes.IdImsi, $"CT{i:D4}", "url:?imsi", null, Transports.TlsIntercepted, "460001234567890");
        }

        // watch: opaque uploads every 10 minutes
        for (var i = 0; i < 18; i++)
        {
            yield return Obs(i * 10 + 3, "kids-watch-01", "upload.kidwatch-cloud.example", DataTypes.Opaque, $"CO{i:D4}", "tls:application_data", null, Transports.Encrypted, null);
        }

        // lock: the owner's phone number in an unlock notification every 30 minutes, over TLS
        for (var i = 0; i < 6; i++)
        {
            yield return Obs(i * 30 + 7, LockMac, "api.lock-cloud.example", DataTypes.ContactPhone, $"CL{i:D4}", "body:$.notify.phone", null, Transports.TlsIntercepted, "13800138000");
        }

        // unprofiled sensor: its MAC in cleartext to its vendor (first party inferred) and to a third party
        for (var i = 0; i < 5; i++)
        {
            yield return Obs(i * 20 + 1, SensorMac, "collect.iot-vendor.example", DataTypes.IdMac, $"CS{i:D4}", "url:?mac", null, Transports.Cleartext, SensorMac);
        }

        yield return Obs(61, SensorMac, "metrics.other.example", DataTypes.IdMac, "CX0001", "body:$.dev", null, Transports.Cleartext, SensorMac);
    }

    public static IEnumerable<ConnRecord> Flows()
    {
        yield return Flow("CW0000", WatchMac, "192.168.50.11", "gps.kidwatch-cloud.example", "http", 5400, 900, false);
        yield return Flow("CT0000", WatchMac, "192.168.50.11", "sdk.tracker.example", "tls", 800, 4000, false);
        yield return Flow("CO0000", WatchMac, "192.168.50.11", "upload.kidwatch-cloud.example", "tls", 90000, 2000, true);
        yield return Flow("CL0000", LockMac, "192.168.50.13", "api.lock-cloud.example", "tls", 1200, 3000, false);
        yield return Flow("CL0001", LockMac, "192.168.50.13", "api.lock-cloud.example", "tls", 1100, 2900, false);
        yield return Flow("CS0000", SensorMac, "192.168.50.19", "collect.iot-vendor.example", "http", 400, 100, false);
        yield return Flow("CS0001", SensorMac, "192.168.50.19", "collect.iot-vendor.example", "http", 400, 100, false);
        yield return Flow("CX0001", SensorMac, "192.168.50.19", "metrics.other.example", "http", 300, 50, false);
    }

    public static IEnumerable<TlsInterceptionEvent> Tls()
    {
        yield return new TlsInterceptionEvent("kids-watch-01", "sdk.tracker.example", T0.AddMinutes(15), "CT0000", true, null);
        yield return new TlsInterceptionEvent(WatchMac, "upload.kidwatch-cloud.example", T0.AddMinutes(3), "CO0000", false, "client alert bad_certificate");
    }

    public static FindingsDocument Run(ProfileSet profiles) =>
        AnalysisSession.Run(profiles, Observations(), Flows(), Devices, Tls(), Captures);

    private static Observation Obs(double minutes, string device, string destination, string dataType, string uid, string field, double? precision, string transport, string? value) =>
        new()
        {
            Ts = T0.AddMinutes(minutes).AddTicks(1234),
            Uid = uid,
            Device = device,
            Destination = destination,
            DataType = dataType,
            Field = field,
            PrecisionM = precision,
            Transport = transport,
            Value = value,
        };

    private static ConnRecord Flow(string uid, string mac, string ip, string host, string service, long up, long down, bool encrypted) =>
        new()
        {
            Uid = uid,
            Ts = T0.AddMinutes(1),
            Proto = "tcp",
            OrigH = ip,
            OrigP = 40000,
            RespH = "203.0.113.10",
            RespP = service == "http" ? 80 : 443,
            Device = mac,
            DeviceMac = mac,
            Service = service,
            Duration = 30,
            OrigBytes = up,
            RespBytes = down,
            State = "SF",
            ServerName = host,
            Encrypted = encrypted,
        };
}
