using System.Net;
using System.Text;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Payloads;
using DeviceWatch.Synth.Tcp;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Lab;

/// <summary>
/// Generates one <see cref="LabScenario"/>: every device joins (DHCP, optional mDNS), then its activity ticks
/// run in time order, resolving names through the lab DNS server (cached for the TTL). Frames collect in a
/// <see cref="PacketTimeline"/> so sessions interleave by time; ground truth is recorded alongside.
/// </summary>
internal sealed class LabRun
{
    private static readonly IPAddress MdnsGroup = IPAddress.Parse("224.0.0.251");
    private static readonly TimeSpan DnsDelay = TimeSpan.FromMilliseconds(4);

    private readonly LabScenarioOptions _options;
    private readonly LabNetwork _network;
    private readonly Random _random;
    private readonly PacketTimeline _timeline = new();
    private readonly Dictionary<string, LabDnsEntry> _zone;
    private readonly List<LabDeviceTruth> _devices = [];
    private readonly List<LabDhcpMessage> _dhcp = [];
    private readonly List<LabDnsLookup> _lookups = [];
    private readonly List<LabFlow> _flows = [];
    private readonly List<LabHttpRequest> _http = [];
    private readonly List<LabTlsHello> _tls = [];
    private readonly List<LabMqttPublish> _mqtt = [];
    private ushort _serverIpId;

    public LabRun(LabScenarioOptions options)
    {
        _options = options;
        _network = options.Network;
        _random = new Random(options.Seed);
        _serverIpId = (ushort)_random.Next(0, 65536);
        _zone = BuildZone(options);
    }

    private DateTime End => _options.Start + _options.Duration;

    public LabGroundTruth Run(IPacketWriter writer)
    {
        // 1. Leases in device order, 2. each device's traffic, 3. write frames in time order.
        var states = AssignAddresses();
        foreach (var state in states)
        {
            Join(state);
            RunActivities(state);
        }

        var ordered = _timeline.Ordered();
        foreach (var packet in ordered)
        {
            writer.Write(packet.Timestamp, packet.Frame);
        }

        return new LabGroundTruth
        {
            Start = ordered.Count > 0 ? ordered[0].Timestamp : _options.Start,
            End = ordered.Count > 0 ? ordered[^1].Timestamp : _options.Start,
            PacketCount = ordered.Count,
            Devices = _devices,
            DhcpMessages = [.. _dhcp.OrderBy(m => m.Time)],
            DnsLookups = [.. _lookups.OrderBy(l => l.Time)],
            Flows = [.. _flows.OrderBy(f => f.Start)],
            HttpRequests = [.. _http.OrderBy(h => h.Time)],
            TlsHellos = [.. _tls.OrderBy(t => t.Time)],
            MqttPublishes = [.. _mqtt.OrderBy(m => m.Time)],
        };
    }

    private static Dictionary<string, LabDnsEntry> BuildZone(LabScenarioOptions options)
    {
        var zone = new Dictionary<string, LabDnsEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in options.DnsEntries)
        {
            zone[entry.Name] = entry;
        }

        foreach (var activity in options.Devices.SelectMany(d => d.Activities))
        {
            zone.TryAdd(activity.Host, new LabDnsEntry { Name = activity.Host });
        }

        // Auto-assign documentation addresses in name order so the result does not depend on device order.
        var index = 0;
        foreach (var name in zone.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray())
        {
            if (zone[name].Addresses.Count > 0)
            {
                continue;
            }

            string[] prefixes = ["203.0.113.", "198.51.100.", "192.0.2."];
            if (index >= prefixes.Length * 250)
            {
                throw new ArgumentException("Too many auto-addressed DNS names (at most 750).", nameof(options));
            }

            var address = IPAddress.Parse(prefixes[index / 250] + (index % 250 + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
            zone[name] = zone[name] with { Addresses = [address] };
            index++;
        }

        return zone;
    }

    private List<DeviceState> AssignAddresses()
    {
        var taken = new HashSet<IPAddress>(_options.Devices.Where(d => d.Address is not null).Select(d => d.Address!));
        var next = _network.FirstLeaseAddress.GetAddressBytes();
        var states = new List<DeviceState>();
        foreach (var device in _options.Devices)
        {
            var address = device.Address;
            if (address is null)
            {
                do
                {
                    address = new IPAddress(next);
                    next = Increment(next);
                }
                while (taken.Contains(address));
            }

            states.Add(new DeviceState(device, address, 40000 + _random.Next(0, 15000), (ushort)_random.Next(0, 65536)));
            _devices.Add(new LabDeviceTruth(device.Id, device.Mac, address, device.HostName, device.VendorClass));
        }

        return states;
    }

    private static byte[] Increment(byte[] address)
    {
        var copy = (byte[])address.Clone();
        for (var i = 3; i >= 0 && ++copy[i] == 0; i--)
        {
        }

        return copy;
    }

    private void Join(DeviceState state)
    {
        var device = state.Device;
        var t = _options.Start + device.JoinOffset;
        var xid = (uint)_random.NextInt64(0, 1L << 32);
        var client = new NetworkEndpoint(device.Mac, IPAddress.Any, 68);
        var broadcastToServer = new NetworkEndpoint(MacAddress.Broadcast, IPAddress.Broadcast, 67);
        var server = new NetworkEndpoint(_network.GatewayMac, _network.GatewayAddress, 67);
        var broadcastToClient = new NetworkEndpoint(MacAddress.Broadcast, IPAddress.Broadcast, 68);
        byte[] requested = [1, 3, 6, 12, 15, 28, 42, 51, 54, 58, 59, 119];
        var discover = new DhcpMessageSpec
        {
            MessageType = DhcpMessageType.Discover,
            TransactionId = xid,
            ClientMac = device.Mac,
            Broadcast = true,
            HostName = device.HostName,
            VendorClass = device.VendorClass,
            ParameterRequestList = requested,
        };
        var offer = new DhcpMessageSpec
        {
            MessageType = DhcpMessageType.Offer,
            TransactionId = xid,
            ClientMac = device.Mac,
            Broadcast = true,
            YourAddress = state.Address,
            ServerAddress = _network.GatewayAddress,
            ServerIdentifier = _network.GatewayAddress,
            LeaseSeconds = _network.LeaseSeconds,
            SubnetMask = _network.SubnetMask,
            Router = _network.GatewayAddress,
            DnsServers = [_network.DnsServerAddress],
            DomainName = _network.DomainName,
            IncludeClientIdentifier = false,
        };
        var request = discover with
        {
            MessageType = DhcpMessageType.Request,
            Seconds = 1,
            RequestedAddress = state.Address,
            ServerIdentifier = _network.GatewayAddress,
        };
        var ack = offer with { MessageType = DhcpMessageType.Ack };

        (DhcpMessageSpec Message, bool FromClient, TimeSpan At)[] exchange =
        [
            (discover, true, TimeSpan.Zero),
            (offer, false, TimeSpan.FromMilliseconds(3)),
            (request, true, TimeSpan.FromMilliseconds(1010)),
            (ack, false, TimeSpan.FromMilliseconds(1013)),
        ];
        foreach (var (message, fromClient, at) in exchange)
        {
            var payload = DhcpMessageBuilder.Build(message);
            if (fromClient)
            {
                SendUdp(client, broadcastToServer, payload, t + at, state.NextIpId(), ttl: 64);
            }
            else
            {
                SendUdp(server, broadcastToClient, payload, t + at, _serverIpId++, ttl: 64);
            }

            _dhcp.Add(new LabDhcpMessage(
                t + at,
                device.Id,
                message.MessageType,
                fromClient ? message.HostName : null,
                fromClient ? message.VendorClass : null,
                message.RequestedAddress,
                fromClient ? null : message.YourAddress));
        }

        _flows.Add(new LabFlow(t, t + exchange[^1].At, device.Id, "udp", "dhcp", IPAddress.Any, 68, IPAddress.Broadcast, 67, null,
            2 * DhcpMessageBuilder.Build(discover).Length, 2 * DhcpMessageBuilder.Build(offer).Length, 2, 2));

        if (device.MdnsServiceType is { } serviceType)
        {
            var hostName = device.HostName + ".local";
            var announcement = DnsMessageBuilder.MdnsAnnouncement(hostName, state.Address, serviceType, device.HostName, 8009,
                ["id=" + device.Id, "md=" + (device.VendorClass ?? "device")]);
            var source = new NetworkEndpoint(device.Mac, state.Address, 5353);
            var group = new NetworkEndpoint(MacAddress.ForIpv4Multicast(MdnsGroup), MdnsGroup, 5353);
            var first = t + TimeSpan.FromSeconds(2);
            SendUdp(source, group, announcement, first, state.NextIpId(), ttl: 255);
            SendUdp(source, group, announcement, first + TimeSpan.FromSeconds(1), state.NextIpId(), ttl: 255);
            _flows.Add(new LabFlow(first, first + TimeSpan.FromSeconds(1), device.Id, "udp", "mdns", state.Address, 5353, MdnsGroup, 5353, null,
                2 * announcement.Length, 0, 2, 0));
        }
    }

    private void RunActivities(DeviceState state)
    {
        var device = state.Device;
        var joined = _options.Start + device.JoinOffset;
        var ticks = new List<(DateTime Time, int Order, LabActivity Activity, int Sequence)>();
        for (var a = 0; a < device.Activities.Count; a++)
        {
            var activity = device.Activities[a];
            var start = joined + activity.StartOffset;
            var end = ActivityEnd(activity, start);
            if (activity is MqttActivity)
            {
                if (start < end)
                {
                    ticks.Add((start, a, activity, 0));
                }

                continue;
            }

            var sequence = 0;
            for (var t = start; t < end; t += activity.Interval)
            {
                ticks.Add((t, a, activity, sequence++));
            }
        }

        foreach (var (time, _, activity, sequence) in ticks.OrderBy(t => t.Time).ThenBy(t => t.Order).ThenBy(t => t.Sequence))
        {
            switch (activity)
            {
                case HttpActivity http:
                    RunHttp(state, http, time, sequence);
                    break;
                case TlsActivity tls:
                    RunTls(state, tls, time);
                    break;
                case MqttActivity mqtt:
                    RunMqtt(state, mqtt, time, ActivityEnd(mqtt, time));
                    break;
                default:
                    throw new NotSupportedException($"Unknown activity type {activity.GetType().Name}.");
            }
        }
    }

    private DateTime ActivityEnd(LabActivity activity, DateTime start) =>
        activity.Duration is { } duration && start + duration < End ? start + duration : End;

    private void RunHttp(DeviceState state, HttpActivity activity, DateTime time, int sequence)
    {
        var (ready, address) = Resolve(state, activity.Host, time);
        var context = new TemplateContext(state.Device, state.Address, sequence, time, _random);
        var path = PayloadTemplate.Expand(activity.PathTemplate, context);
        var body = activity.BodyTemplate is null ? null : PayloadTemplate.Expand(activity.BodyTemplate, context);
        var host = activity.Port == 80 ? activity.Host : activity.Host + ":" + activity.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = HttpMessageBuilder.Request(new HttpRequestSpec
        {
            Method = activity.Method,
            Host = host,
            Path = path,
            UserAgent = activity.UserAgent,
            ContentType = body is null ? null : activity.ContentType,
            Body = body is null ? null : Encoding.UTF8.GetBytes(body),
            Gzip = activity.Gzip,
            Chunked = activity.Chunked,
        });
        var response = HttpMessageBuilder.Response(new HttpResponseSpec
        {
            StatusCode = activity.ResponseStatus,
            Body = Encoding.UTF8.GetBytes(PayloadTemplate.Expand(activity.ResponseBodyTemplate, context)),
        });

        var session = NewSession(state, address, activity.Port, activity.Host, ready)
            .Open()
            .ClientSends(request)
            .ServerSends(response)
            .Close();
        AddFlow(state, session, ready, "http", activity.Host);
        _http.Add(new LabHttpRequest(ready, state.Device.Id, activity.Method, host, path, body is null ? null : activity.ContentType, body, activity.ResponseStatus));
    }

    private void RunTls(DeviceState state, TlsActivity activity, DateTime time)
    {
        var (ready, address) = Resolve(state, activity.Host, time);
        var tls13 = activity.Version == TlsVersions.Tls13;
        var handshake = new TlsHandshakeBuilder(
            new TlsClientHelloSpec
            {
                ServerName = activity.SendServerName ? activity.Host : null,
                Alpn = activity.Alpn,
                SupportedVersions = tls13 ? [TlsVersions.Tls13, TlsVersions.Tls12] : [],
            },
            new TlsServerHelloSpec { Version = activity.Version, Alpn = activity.Alpn.Count > 0 ? activity.Alpn[0] : null },
            new Random(_random.Next()));
        var session = NewSession(state, address, activity.Port, activity.Host, ready)
            .Open()
            .ClientSends(handshake.ClientHello())
            .ServerSends(handshake.ServerFlight())
            .ClientSends(handshake.ClientFinishFlight())
            .ServerSends(handshake.ServerFinishFlight());
        if (activity.UploadBytes > 0)
        {
            session.ClientSends(handshake.ApplicationData(activity.UploadBytes));
        }

        if (activity.DownloadBytes > 0)
        {
            session.ServerSends(handshake.ApplicationData(activity.DownloadBytes));
        }

        session.Close();
        AddFlow(state, session, ready, "tls", activity.Host);
        _tls.Add(new LabTlsHello(ready, state.Device.Id, activity.SendServerName ? activity.Host : null, activity.Alpn, activity.Version, activity.Port));
    }

    private void RunMqtt(DeviceState state, MqttActivity activity, DateTime start, DateTime end)
    {
        var (ready, address) = Resolve(state, activity.Host, start);
        var version = activity.Version;
        var clientId = PayloadTemplate.Expand(activity.ClientIdTemplate, new TemplateContext(state.Device, state.Address, 0, start, _random));
        var keepAlive = TimeSpan.FromSeconds(activity.KeepAliveSeconds);
        var session = NewSession(state, address, activity.Port, activity.Host, ready)
            .Open()
            .ClientSends(MqttPacketBuilder.Connect(new MqttConnectSpec
            {
                Version = version,
                ClientId = clientId,
                Username = activity.Username,
                Password = activity.Password,
                KeepAliveSeconds = activity.KeepAliveSeconds,
            }))
            .ServerSends(MqttPacketBuilder.ConnAck(version));
        ushort packetId = 1;
        if (activity.SubscribeTopic is { } filterTemplate)
        {
            var filter = PayloadTemplate.Expand(filterTemplate, new TemplateContext(state.Device, state.Address, 0, start, _random));
            session.ClientSends(MqttPacketBuilder.Subscribe(version, packetId++, [(filter, activity.Qos)]))
                .ServerSends(MqttPacketBuilder.SubAck(version, 1, [activity.Qos]));
        }

        var lastSent = session.Now;
        var sequence = 0;
        for (var tick = start; tick < end; tick += activity.Interval, sequence++)
        {
            lastSent = KeepAlive(session, lastSent, tick, keepAlive);
            session.WaitUntil(tick);
            var context = new TemplateContext(state.Device, state.Address, sequence, session.Now, _random);
            var topic = PayloadTemplate.Expand(activity.TopicTemplate, context);
            var payload = PayloadTemplate.Expand(activity.PayloadTemplate, context);
            lastSent = session.Now;
            session.ClientSends(MqttPacketBuilder.Publish(version, topic, Encoding.UTF8.GetBytes(payload), activity.Qos, activity.Qos > 0 ? packetId : (ushort)0));
            if (activity.Qos > 0)
            {
                session.ServerSends(MqttPacketBuilder.PubAck(packetId));
                packetId = packetId == ushort.MaxValue ? (ushort)1 : (ushort)(packetId + 1);
            }

            _mqtt.Add(new LabMqttPublish(lastSent, state.Device.Id, clientId, topic, payload, activity.Qos));
        }

        KeepAlive(session, lastSent, end, keepAlive);
        session.WaitUntil(end).ClientSends(MqttPacketBuilder.Disconnect()).Close();
        AddFlow(state, session, ready, "mqtt", activity.Host);
    }

    /// <summary>PINGREQ/PINGRESP for every keep-alive period without a client packet before <paramref name="until"/>.</summary>
    private static DateTime KeepAlive(TcpSessionBuilder session, DateTime lastSent, DateTime until, TimeSpan keepAlive)
    {
        while (keepAlive > TimeSpan.Zero && until - lastSent >= keepAlive)
        {
            session.WaitUntil(lastSent + keepAlive);
            lastSent = session.Now;
            session.ClientSends(MqttPacketBuilder.PingReq()).ServerSends(MqttPacketBuilder.PingResp());
        }

        return lastSent;
    }

    private TcpSessionBuilder NewSession(DeviceState state, IPAddress address, ushort port, string host, DateTime start)
    {
        var client = new NetworkEndpoint(state.Device.Mac, state.Address, state.NextPort());
        var server = new NetworkEndpoint(_network.GatewayMac, address, port);
        var options = new TcpSessionOptions
        {
            Seed = _random.Next(),
            RoundTripTime = TimeSpan.FromMilliseconds(15 + StableHash(host) % 45),
            Frame = FrameOptions.Default with { VlanId = _options.VlanId },
        };
        return new TcpSessionBuilder(_timeline, client, server, start, options);
    }

    private void AddFlow(DeviceState state, TcpSessionBuilder session, DateTime start, string service, string host) =>
        _flows.Add(new LabFlow(start, session.Now, state.Device.Id, "tcp", service, session.Client.Address, session.Client.Port,
            session.Server.Address, session.Server.Port, host, session.ClientPayloadBytes, session.ServerPayloadBytes,
            session.ClientPackets, session.ServerPackets));

    /// <summary>Looks <paramref name="host"/> up unless cached; returns when the device can connect and to where.</summary>
    private (DateTime Ready, IPAddress Address) Resolve(DeviceState state, string host, DateTime time)
    {
        var entry = _zone[host];
        if (state.DnsCache.TryGetValue(host, out var expires) && expires > time)
        {
            return (time, entry.Addresses[0]);
        }

        var ready = Lookup(state, entry, DnsRecordType.A, time);
        if (state.Device.QueryAaaa)
        {
            ready = Lookup(state, entry, DnsRecordType.Aaaa, time + TimeSpan.FromMilliseconds(0.1));
        }

        state.DnsCache[host] = time + TimeSpan.FromSeconds(entry.Ttl);
        return (ready + TimeSpan.FromMilliseconds(1), entry.Addresses[0]);
    }

    private DateTime Lookup(DeviceState state, LabDnsEntry entry, DnsRecordType type, DateTime time)
    {
        var id = (ushort)_random.Next(0, 65536);
        var addresses = type == DnsRecordType.A ? entry.Addresses : entry.Ipv6Addresses;
        var query = DnsMessageBuilder.Query(id, entry.Name, type);
        var answers = addresses.Count == 0 && type == DnsRecordType.Aaaa
            ? []
            : DnsMessageBuilder.AnswerChain(entry.Name, entry.CnameChain, addresses, entry.Ttl);
        var response = DnsMessageBuilder.Response(id, entry.Name, type, answers);
        var client = new NetworkEndpoint(state.Device.Mac, state.Address, (ushort)_random.Next(32768, 61000));
        var server = new NetworkEndpoint(_network.DnsServerMac, _network.DnsServerAddress, 53);
        SendUdp(client, server, query, time, state.NextIpId(), ttl: 64);
        var answered = time + DnsDelay;
        SendUdp(server, client, response, answered, _serverIpId++, ttl: 64);
        _lookups.Add(new LabDnsLookup(time, state.Device.Id, entry.Name, type == DnsRecordType.A ? "A" : "AAAA", id,
            answers.Count == 0 ? [] : entry.CnameChain, addresses, entry.Ttl));
        _flows.Add(new LabFlow(time, answered, state.Device.Id, "udp", "dns", client.Address, client.Port, server.Address, 53, null,
            query.Length, response.Length, 1, 1));
        return answered;
    }

    private void SendUdp(NetworkEndpoint source, NetworkEndpoint destination, byte[] payload, DateTime time, ushort ipId, byte ttl)
    {
        var options = new FrameOptions { VlanId = _options.VlanId, IpIdentification = ipId, TimeToLive = ttl, DontFragment = false };
        _timeline.Write(time, FrameBuilder.Udp(source, destination, payload, options));
    }

    /// <summary>FNV-1a over the name: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
