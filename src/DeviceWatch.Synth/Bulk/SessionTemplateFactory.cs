using System.Buffers.Binary;
using System.Net;
using System.Text;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Payloads;
using DeviceWatch.Synth.Tcp;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Bulk;

/// <summary>Records the session templates a bulk capture replays: HTTP exchanges, TLS sessions, DNS lookups.</summary>
internal static class SessionTemplateFactory
{
    public static readonly MacAddress GatewayMac = MacAddress.Parse("02:00:5e:00:00:01");
    private static readonly MacAddress DnsServerMac = MacAddress.Parse("02:00:5e:00:00:35");
    private static readonly IPAddress DnsServer = IPAddress.Parse("192.168.50.53");
    private static readonly NetworkEndpoint Client = new(MacAddress.Parse("02:10:00:00:00:01"), IPAddress.Parse("10.0.0.1"), 1024);

    private static readonly string[] HttpHosts =
        ["api.weather-service.example", "cdn.images.example", "telemetry.iot-vendor.example", "update.firmware.example"];

    private static readonly string[] TlsHosts =
        ["api.kidwatch-cloud.example", "upload.camcloud.example", "www.videotube.example", "lock.securehome.example",
         "api.speaker-cloud.example", "push.notify-service.example"];

    public static (SessionTemplate[] Http, SessionTemplate[] Tls, SessionTemplate[] Dns) Build(int seed)
    {
        var random = new Random(seed);
        var http = new List<SessionTemplate>();
        int[] responseSizes = [800, 4_000, 16_000, 64_000];
        for (var i = 0; i < responseSizes.Length; i++)
        {
            var host = HttpHosts[i % HttpHosts.Length];
            var request = HttpMessageBuilder.Request(new HttpRequestSpec { Host = host, Path = $"/v1/resource/{i}?client=bulk" });
            var response = HttpMessageBuilder.Response(new HttpResponseSpec
            {
                ContentType = "application/octet-stream",
                Body = RandomBytes(random, responseSizes[i]),
                Chunked = i == 2,
            });
            http.Add(Record("http", host, 80, random, s => s.Exchange(request, response)));
        }

        for (var i = 0; i < HttpHosts.Length; i++)
        {
            var host = HttpHosts[i];
            var json = $"{{\"device\":\"bulk-{i}\",\"readings\":[{string.Join(',', Enumerable.Range(0, 20 + 40 * i).Select(k => (k * 7 % 100).ToString(System.Globalization.CultureInfo.InvariantCulture)))}]}}";
            var request = HttpMessageBuilder.Request(new HttpRequestSpec
            {
                Method = "POST",
                Host = host,
                Path = "/v1/telemetry",
                ContentType = "application/json",
                Body = Encoding.UTF8.GetBytes(json),
                Gzip = i == 3,
            });
            var response = HttpMessageBuilder.Response(new HttpResponseSpec { Body = "{\"ok\":true}"u8.ToArray() });
            http.Add(Record("http", host, 80, random, s => s.Exchange(request, response)));
        }

        var tls = new List<SessionTemplate>();
        (int Up, int Down)[] sizes = [(600, 2_000), (1_500, 12_000), (800, 60_000), (40_000, 500), (300, 150_000), (2_000, 8_000)];
        for (var i = 0; i < sizes.Length; i++)
        {
            var host = TlsHosts[i];
            var version = i == 3 ? TlsVersions.Tls12 : TlsVersions.Tls13;
            var handshake = new TlsHandshakeBuilder(
                new TlsClientHelloSpec { ServerName = host, SupportedVersions = version == TlsVersions.Tls13 ? [TlsVersions.Tls13, TlsVersions.Tls12] : [] },
                new TlsServerHelloSpec { Version = version, Alpn = "h2" },
                random);
            var (up, down) = sizes[i];
            tls.Add(Record("tls", host, 443, random, s => s
                .ClientSends(handshake.ClientHello())
                .ServerSends(handshake.ServerFlight())
                .ClientSends(handshake.ClientFinishFlight())
                .ServerSends(handshake.ServerFinishFlight())
                .ClientSends(handshake.ApplicationData(up))
                .ServerSends(handshake.ApplicationData(down))));
        }

        var dns = HttpHosts.Concat(TlsHosts).Select(host =>
        {
            var query = DnsMessageBuilder.Query(0, host);
            var response = DnsMessageBuilder.Response(0, host, DnsRecordType.A, [DnsRecordSpec.Address4Or6(host, ServerAddress(host))]);
            var client = Client with { Port = 33000 };
            var server = new NetworkEndpoint(DnsServerMac, DnsServer, 53);
            var options = new FrameOptions { DontFragment = false };
            PacketTemplate[] packets =
            [
                new(FrameBuilder.Udp(client, server, query, options), true, 0),
                new(FrameBuilder.Udp(server, client, response, options), false, TimeSpan.FromMilliseconds(3).Ticks),
            ];
            return new SessionTemplate("dns", AddressValue(DnsServer), packets);
        }).ToArray();

        return ([.. http], [.. tls], dns);
    }

    private static SessionTemplate Record(string service, string host, ushort port, Random random, Action<TcpSessionBuilder> body)
    {
        var timeline = new PacketTimeline();
        var server = new NetworkEndpoint(GatewayMac, ServerAddress(host), port);
        var start = DateTime.UnixEpoch;
        var options = new TcpSessionOptions
        {
            ClientInitialSequence = 0,
            ServerInitialSequence = 0,
            RoundTripTime = TimeSpan.FromMilliseconds(10 + random.Next(0, 60)),
            Seed = random.Next(),
        };
        var session = new TcpSessionBuilder(timeline, Client, server, start, options).Open();
        body(session);
        session.Close();
        var packets = timeline.Ordered()
            .Select(p => new PacketTemplate(p.Frame, p.Frame.AsSpan(6, 6).SequenceEqual(Client.Mac.GetBytes()), (p.Timestamp - start).Ticks))
            .ToArray();
        return new SessionTemplate(service, AddressValue(server.Address), packets);
    }

    /// <summary>A stable documentation-range address per host name.</summary>
    private static IPAddress ServerAddress(string host)
    {
        var index = Array.IndexOf(HttpHosts, host) is var h and >= 0 ? h : HttpHosts.Length + Array.IndexOf(TlsHosts, host);
        return IPAddress.Parse("203.0.113." + (100 + index).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static uint AddressValue(IPAddress address) => BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
