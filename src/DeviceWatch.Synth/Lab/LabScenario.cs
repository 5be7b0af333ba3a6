using System.Net;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Payloads;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Lab;

/// <summary>
/// A deterministic small-home lab session: devices join by DHCP, resolve names through the lab DNS server and
/// then talk to their clouds (HTTP, TLS, MQTT) on their own schedules. <see cref="Write"/> returns the ground truth
/// (devices, lookups, flows, requests, handshakes, publishes) for tests to compare analysis results with.
/// </summary>
/// <example>
/// <code>
/// var scenario = LabScenario.SmallHome(seed: 7);
/// var truth = scenario.WriteFile("lab.pcapng");
/// // truth.NamesContactedBy("kids-watch-01") == ["api.kidwatch-cloud.example", "gps.kidwatch-cloud.example"]
///
/// // Firmware 1.1 sends GPS twice as often:
/// var devices = LabScenario.SmallHomeDevices().Select(d => d.Id != "kids-watch-01" ? d : d with
/// {
///     Activities = d.Activities.Select(a => a.Host == "gps.kidwatch-cloud.example" ? a with { Interval = a.Interval / 2 } : a).ToArray(),
/// }).ToArray();
/// new LabScenario(LabScenario.SmallHomeOptions() with { Devices = devices }).WriteFile("lab-fw11.pcapng");
/// </code>
/// </example>
public sealed class LabScenario
{
    /// <summary>Validates <paramref name="options"/> and creates the scenario.</summary>
    /// <exception cref="ArgumentException">Duplicate device ids or MACs, a non-positive interval, a bad template.</exception>
    public LabScenario(LabScenarioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
    }

    /// <summary>The options the scenario is generated from.</summary>
    public LabScenarioOptions Options { get; }

    /// <summary>The small-home lab with its default devices (<see cref="SmallHomeDevices"/>).</summary>
    public static LabScenario SmallHome(int seed = 1, DateTime? start = null, TimeSpan? duration = null)
    {
        var options = SmallHomeOptions() with { Seed = seed };
        options = options with { Start = start ?? options.Start, Duration = duration ?? options.Duration };
        return new LabScenario(options);
    }

    /// <summary>Options of the small-home lab: 10 minutes from 2026-03-01T08:00:00Z, five devices, a few CNAMEs.</summary>
    public static LabScenarioOptions SmallHomeOptions() => new()
    {
        Devices = SmallHomeDevices(),
        DnsEntries = SmallHomeDnsEntries(),
    };

    /// <summary>
    /// The default devices: <c>kids-watch-01</c> (GPS JSON over plain HTTP every 30 s to
    /// <c>gps.kidwatch-cloud.example</c>, TLS to <c>api.kidwatch-cloud.example</c>), <c>smart-speaker-01</c>
    /// (MQTT 3.1.1 to <c>mqtt.speaker-cloud.example:1883</c>, TLS to <c>api.speaker-cloud.example</c>, mDNS),
    /// <c>camera-01</c> (TLS uploads to <c>upload.camcloud.example</c>), <c>door-lock-01</c> (TLS 1.2 only, to
    /// <c>lock.securehome.example</c>) and <c>tablet-01</c> (gzip form posts to the third-party
    /// <c>collect.adtrack-analytics.example</c>, TLS to <c>www.videotube.example</c>).
    /// </summary>
    public static IReadOnlyList<LabDevice> SmallHomeDevices() =>
    [
        new LabDevice
        {
            Id = "kids-watch-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:01"),
            HostName = "kidwatch-a1",
            VendorClass = "KidWatch-RTOS 2.3",
            JoinOffset = TimeSpan.FromSeconds(1),
            Location = new GeoPoint(48.137154, 11.576124),
            Activities =
            [
                new HttpActivity
                {
                    Host = "gps.kidwatch-cloud.example",
                    Interval = TimeSpan.FromSeconds(30),
                    Method = "POST",
                    PathTemplate = "/api/v1/location",
                    BodyTemplate = "{\"imei\":\"356938035643809\",\"lat\":{lat},\"lon\":{lon},\"acc\":5,\"ts\":{ts},\"seq\":{seq}}",
                    UserAgent = "KidWatch/2.3",
                },
                new TlsActivity
                {
                    Host = "api.kidwatch-cloud.example",
                    Interval = TimeSpan.FromSeconds(120),
                    StartOffset = TimeSpan.FromSeconds(8),
                    Alpn = ["http/1.1"],
                    UploadBytes = 900,
                    DownloadBytes = 400,
                },
            ],
        },
        new LabDevice
        {
            Id = "smart-speaker-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:02"),
            HostName = "living-room-speaker",
            VendorClass = "udhcp 1.30.1",
            JoinOffset = TimeSpan.FromSeconds(3),
            QueryAaaa = true,
            MdnsServiceType = "_googlecast._tcp.local",
            Activities =
            [
                new MqttActivity
                {
                    Host = "mqtt.speaker-cloud.example",
                    Interval = TimeSpan.FromSeconds(60),
                    TopicTemplate = "speaker/{device}/state",
                    PayloadTemplate = "{\"volume\":35,\"playing\":true,\"uptime\":{seq}}",
                    ClientIdTemplate = "spk-{mac}",
                    Username = "speaker",
                    Password = "s3cret",
                    Qos = 1,
                    SubscribeTopic = "speaker/{device}/cmd",
                    KeepAliveSeconds = 45,
                },
                new TlsActivity
                {
                    Host = "api.speaker-cloud.example",
                    Interval = TimeSpan.FromSeconds(300),
                    StartOffset = TimeSpan.FromSeconds(6),
                    UploadBytes = 1500,
                    DownloadBytes = 6000,
                },
            ],
        },
        new LabDevice
        {
            Id = "camera-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:03"),
            HostName = "front-door-cam",
            VendorClass = "CamFW 4.1.7",
            JoinOffset = TimeSpan.FromSeconds(5),
            Activities =
            [
                new TlsActivity
                {
                    Host = "upload.camcloud.example",
                    Interval = TimeSpan.FromSeconds(60),
                    Alpn = [],
                    UploadBytes = 48_000,
                    DownloadBytes = 300,
                },
            ],
        },
        new LabDevice
        {
            Id = "door-lock-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:04"),
            HostName = "smart-lock",
            VendorClass = "LockOS 1.3",
            JoinOffset = TimeSpan.FromSeconds(7),
            Activities =
            [
                new TlsActivity
                {
                    Host = "lock.securehome.example",
                    Port = 8443,
                    Interval = TimeSpan.FromSeconds(90),
                    Version = TlsVersions.Tls12,
                    Alpn = [],
                    UploadBytes = 200,
                    DownloadBytes = 150,
                },
            ],
        },
        new LabDevice
        {
            Id = "tablet-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:05"),
            HostName = "kids-tablet",
            VendorClass = "android-dhcp-13",
            JoinOffset = TimeSpan.FromSeconds(9),
            QueryAaaa = true,
            Activities =
            [
                new HttpActivity
                {
                    Host = "collect.adtrack-analytics.example",
                    Interval = TimeSpan.FromSeconds(45),
                    Method = "POST",
                    PathTemplate = "/v2/collect?sdk=4.2&seq={seq}",
                    BodyTemplate = "app=com.kids.games&device_id={mac}&event=screen_view&ts={ts_ms}&lat={lat:3}&lon={lon:3}",
                    ContentType = "application/x-www-form-urlencoded",
                    Gzip = true,
                    Chunked = true,
                    UserAgent = "Dalvik/2.1.0 (Linux; U; Android 13)",
                    ResponseStatus = 204,
                    ResponseBodyTemplate = "",
                },
                new TlsActivity
                {
                    Host = "www.videotube.example",
                    Interval = TimeSpan.FromSeconds(60),
                    StartOffset = TimeSpan.FromSeconds(12),
                    UploadBytes = 700,
                    DownloadBytes = 30_000,
                },
            ],
        },
    ];

    /// <summary>CNAMEs and IPv6 answers of the small-home lab (other names are auto-addressed).</summary>
    public static IReadOnlyList<LabDnsEntry> SmallHomeDnsEntries() =>
    [
        new LabDnsEntry
        {
            Name = "api.kidwatch-cloud.example",
            CnameChain = ["api-lb.kidwatch-cloud.example", "kidwatch.edge.cdn-provider.example"],
            Addresses = [IPAddress.Parse("198.51.100.20"), IPAddress.Parse("198.51.100.21")],
            Ttl = 60,
        },
        new LabDnsEntry
        {
            Name = "www.videotube.example",
            CnameChain = ["videotube.edge.cdn-provider.example"],
            Addresses = [IPAddress.Parse("203.0.113.200")],
            Ipv6Addresses = [IPAddress.Parse("2001:db8::c8")],
        },
        new LabDnsEntry
        {
            Name = "mqtt.speaker-cloud.example",
            Addresses = [IPAddress.Parse("192.0.2.183")],
            Ipv6Addresses = [IPAddress.Parse("2001:db8:1883::1")],
            Ttl = 3600,
        },
    ];

    /// <summary>Writes the scenario's frames to <paramref name="writer"/> in time order and returns the ground truth.</summary>
    public LabGroundTruth Write(IPacketWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new LabRun(Options).Run(writer);
    }

    /// <summary>Writes the scenario to a new capture file (Ethernet, microsecond timestamps).</summary>
    public LabGroundTruth WriteFile(string path, CaptureFormat format = CaptureFormat.PcapNg)
    {
        using var writer = CaptureFile.Create(path, format);
        return Write(writer);
    }

    private static void Validate(LabScenarioOptions options)
    {
        if (options.Duration <= TimeSpan.Zero)
        {
            throw new ArgumentException("Duration must be positive.", nameof(options));
        }

        if (options.Network.GatewayAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || options.Network.DnsServerAddress.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new ArgumentException("The lab network is IPv4.", nameof(options));
        }

        var duplicateId = options.Devices.GroupBy(d => d.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicateId is not null)
        {
            throw new ArgumentException($"Device id '{duplicateId.Key}' is used twice.", nameof(options));
        }

        var duplicateMac = options.Devices.GroupBy(d => d.Mac).FirstOrDefault(g => g.Count() > 1);
        if (duplicateMac is not null)
        {
            throw new ArgumentException($"MAC {duplicateMac.Key} is used twice.", nameof(options));
        }

        foreach (var device in options.Devices)
        {
            foreach (var activity in device.Activities)
            {
                var what = $"device '{device.Id}', activity for '{activity.Host}'";
                if (activity.Interval <= TimeSpan.Zero)
                {
                    throw new ArgumentException($"{what}: Interval must be positive.", nameof(options));
                }

                if (activity.StartOffset < TimeSpan.Zero || activity.Duration < TimeSpan.Zero)
                {
                    throw new ArgumentException($"{what}: StartOffset and Duration must not be negative.", nameof(options));
                }

                foreach (var template in Templates(activity))
                {
                    PayloadTemplate.Validate(template, what);
                }

                if (activity is MqttActivity { Qos: > 1 })
                {
                    throw new ArgumentException($"{what}: only QoS 0 and 1 are generated.", nameof(options));
                }
            }
        }

        foreach (var entry in options.DnsEntries)
        {
            if (entry.Addresses.Any(a => a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
                || entry.Ipv6Addresses.Any(a => a.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException($"DNS entry '{entry.Name}': Addresses must be IPv4 and Ipv6Addresses IPv6.", nameof(options));
            }
        }
    }

    private static IEnumerable<string> Templates(LabActivity activity) => activity switch
    {
        HttpActivity http => [http.PathTemplate, http.BodyTemplate ?? "", http.ResponseBodyTemplate],
        MqttActivity mqtt => [mqtt.TopicTemplate, mqtt.PayloadTemplate, mqtt.ClientIdTemplate, mqtt.SubscribeTopic ?? ""],
        _ => [],
    };
}
