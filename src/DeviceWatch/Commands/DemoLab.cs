using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Lab;
using DeviceWatch.Synth.Payloads;

namespace DeviceWatch.Cli.Commands;

/// <summary>
/// The demo lab behind <c>make demo</c>: five devices of the campaign's categories for 2½ hours, with an idle
/// hour (09:00–10:00) and half an hour with the watch's locate function off (10:00–10:30), matching
/// <c>profiles/devices/*.yaml</c>. Each device is built to show one kind of behaviour; the lock behaves well.
/// </summary>
internal static class DemoLab
{
    public static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>A tiny JPEG (SOI, APP0/JFIF, EOI) as base64: what a camera snapshot upload looks like to the detectors.</summary>
    private const string JpegSnapshot = "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==";

    public static LabScenario Create(int seed = 7) => new(new LabScenarioOptions
    {
        Seed = seed,
        Start = Start,
        Duration = TimeSpan.FromMinutes(150),
        Devices = Devices(),
    });

    private static IReadOnlyList<LabDevice> Devices() =>
    [
        new LabDevice
        {
            // Over-collects location: every minute, ~0.1 m precision, in cleartext, also while idle and with locate off.
            Id = "kids-watch-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:01"),
            HostName = "kidwatch-a1",
            VendorClass = "KidWatch-RTOS 2.3",
            JoinOffset = TimeSpan.FromSeconds(1),
            Location = new GeoPoint(39.908722, 116.397499),
            Activities =
            [
                new HttpActivity
                {
                    Host = "gps.kidwatch-cloud.example",
                    Interval = TimeSpan.FromSeconds(60),
                    PathTemplate = "/api/v1/location",
                    BodyTemplate = "{\"imei\":\"356938035643809\",\"lat\":{lat:6},\"lng\":{lon:6},\"acc\":5,\"ts\":{ts},\"seq\":{seq}}",
                    UserAgent = "KidWatch/2.3",
                },
                new HttpActivity
                {
                    Host = "health.kidwatch-cloud.example",
                    Interval = TimeSpan.FromSeconds(300),
                    StartOffset = TimeSpan.FromSeconds(20),
                    PathTemplate = "/api/v1/vitals",
                    BodyTemplate = "{\"device\":\"{device}\",\"heart_rate\":88,\"steps\":{seq},\"ts\":{ts}}",
                    UserAgent = "KidWatch/2.3",
                },
                new TlsActivity { Host = "api.kidwatch-cloud.example", Interval = TimeSpan.FromSeconds(600), StartOffset = TimeSpan.FromSeconds(8), Alpn = ["http/1.1"], UploadBytes = 900, DownloadBytes = 400 },
            ],
        },
        new LabDevice
        {
            // Sends Wi-Fi scans (a location it does not declare) over MQTT in cleartext.
            Id = "speaker-01",
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
                    Interval = TimeSpan.FromSeconds(300),
                    TopicTemplate = "speaker/{device}/telemetry",
                    PayloadTemplate = "{\"volume\":35,\"playing\":true,\"uptime\":{seq},\"wifi\":[{\"bssid\":\"a4:2b:b0:c1:d2:e3\",\"ssid\":\"HomeNet\",\"rssi\":-48},{\"bssid\":\"f0:9f:c2:11:22:33\",\"ssid\":\"Neighbour-5G\",\"rssi\":-71},{\"bssid\":\"00:1d:7e:44:55:66\",\"ssid\":\"CoffeeShop\",\"rssi\":-83}]}",
                    ClientIdTemplate = "spk-{mac}",
                    Username = "speaker",
                    Password = "s3cret",
                    Qos = 1,
                    SubscribeTopic = "speaker/{device}/cmd",
                },
                new TlsActivity { Host = "api.speaker-cloud.example", Interval = TimeSpan.FromSeconds(900), StartOffset = TimeSpan.FromSeconds(6), UploadBytes = 1500, DownloadBytes = 6000 },
            ],
        },
        new LabDevice
        {
            // Behaves well: a short encrypted check-in every 10 minutes to its own cloud.
            Id = "lock-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:03"),
            HostName = "smart-lock",
            VendorClass = "LockOS 1.3",
            JoinOffset = TimeSpan.FromSeconds(5),
            Activities =
            [
                new TlsActivity { Host = "hub.lock-cloud.example", Interval = TimeSpan.FromSeconds(600), Version = TlsVersions.Tls12, Alpn = [], UploadBytes = 200, DownloadBytes = 150 },
            ],
        },
        new LabDevice
        {
            // Uploads camera snapshots in cleartext to its cloud (cloud-sensitive media without notice).
            Id = "camera-01",
            Mac = MacAddress.Parse("02:00:5e:10:00:04"),
            HostName = "front-door-cam",
            VendorClass = "CamFW 4.1.7",
            JoinOffset = TimeSpan.FromSeconds(7),
            Activities =
            [
                new HttpActivity
                {
                    Host = "snap.camera-cloud.example",
                    Interval = TimeSpan.FromSeconds(600),
                    PathTemplate = "/v1/snapshot",
                    BodyTemplate = "{\"camera\":\"{device}\",\"ts\":{ts},\"snapshot\":\"" + JpegSnapshot + "\"}",
                    UserAgent = "CamFW/4.1.7",
                },
                new TlsActivity { Host = "upload.camera-cloud.example", Interval = TimeSpan.FromSeconds(300), Alpn = [], UploadBytes = 48_000, DownloadBytes = 300 },
            ],
        },
        new LabDevice
        {
            // A learning tablet whose analytics SDK sends the MAC and a coarse location to a third party.
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
                    Interval = TimeSpan.FromSeconds(600),
                    PathTemplate = "/v2/collect?sdk=4.2&seq={seq}",
                    BodyTemplate = "app=com.kids.games&device_id={mac}&event=screen_view&ts={ts_ms}&lat={lat:3}&lon={lon:3}",
                    ContentType = "application/x-www-form-urlencoded",
                    Gzip = true,
                    Chunked = true,
                    UserAgent = "Dalvik/2.1.0 (Linux; U; Android 13)",
                    ResponseStatus = 204,
                    ResponseBodyTemplate = "",
                },
                new TlsActivity { Host = "api.tablet-cloud.example", Interval = TimeSpan.FromSeconds(900), StartOffset = TimeSpan.FromSeconds(12), UploadBytes = 700, DownloadBytes = 30_000 },
            ],
        },
    ];
}
