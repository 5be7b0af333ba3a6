using System.Buffers.Binary;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Synth.Bulk;

/// <summary>
/// Writes large benchmark captures fast and in constant memory: HTTP/1.1 exchanges, TLS sessions (hellos and
/// application data) and DNS lookups from many clients, <see cref="BulkCaptureOptions.ConcurrentSessions"/> at a
/// time, interleaved in time order. Sessions are recorded once as templates; each instance copies a template
/// frame and patches the client MAC, addresses, ports, IP id, TCP sequence numbers or DNS id, and the checksums
/// (incrementally). The capture stops exactly at the target, so the sessions in progress then are cut off, as
/// in a real capture.
/// </summary>
public static class BulkCapture
{
    private static readonly long MaxGapTicks = TimeSpan.FromMilliseconds(5).Ticks;

    /// <summary>Writes a capture of exactly <paramref name="targetPackets"/> frames to <paramref name="path"/> (pcap); returns the frame count.</summary>
    public static long WriteBulk(string path, long targetPackets, int seed) =>
        Write(path, new BulkCaptureOptions { TargetPackets = targetPackets, Seed = seed }).Packets;

    /// <summary>Writes a capture to <paramref name="path"/> (created or truncated).</summary>
    public static BulkCaptureResult Write(string path, BulkCaptureOptions options)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.SequentialScan);
        return Write(stream, options);
    }

    /// <summary>Writes a capture to <paramref name="stream"/>, which is left open.</summary>
    public static BulkCaptureResult Write(Stream stream, BulkCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Validate(options);
        var (http, tls, dns) = SessionTemplateFactory.Build(options.Seed);
        var random = new Random(options.Seed ^ 0x5BD1E995);
        var totalWeight = options.HttpWeight + options.TlsWeight + options.DnsWeight;
        var clientPorts = new ushort[options.Clients];
        for (var i = 0; i < clientPorts.Length; i++)
        {
            clientPorts[i] = (ushort)random.Next(32768, 61000);
        }

        var scratch = new byte[http.Concat(tls).Concat(dns).SelectMany(t => t.Packets).Max(p => p.Frame.Length)];
        var lanes = new BulkSession[options.ConcurrentSessions];
        var queue = new PriorityQueue<int, long>(lanes.Length);
        long httpCount = 0, tlsCount = 0, dnsCount = 0, packets = 0, lastTicks = options.Start.Ticks;

        using var writer = CaptureFile.Open(stream, options.Format, LinkType.Ethernet, options.Resolution, leaveOpen: true);
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            StartSession(ref lanes[lane], options.Start.Ticks + random.NextInt64(0, TimeSpan.FromMilliseconds(20).Ticks));
            queue.Enqueue(lane, lanes[lane].StartTicks);
        }

        while (!(packets >= options.TargetPackets || writer.BytesWritten >= options.TargetBytes))
        {
            queue.TryDequeue(out var lane, out var ticks);
            ref var session = ref lanes[lane];
            var template = session.Template.Packets[session.Next];
            var frame = scratch.AsSpan(0, template.Frame.Length);
            template.Frame.CopyTo(frame);
            Patch(frame, template, ref session);
            writer.Write(new DateTime(ticks, DateTimeKind.Utc), frame);
            packets++;
            lastTicks = ticks;
            if (++session.Next == session.Template.Packets.Length)
            {
                StartSession(ref session, ticks + random.NextInt64(0, MaxGapTicks));
            }

            queue.Enqueue(lane, session.StartTicks + session.Template.Packets[session.Next].OffsetTicks);
        }

        writer.Flush();
        return new BulkCaptureResult
        {
            Packets = packets,
            Bytes = writer.BytesWritten,
            HttpSessions = httpCount,
            TlsSessions = tlsCount,
            DnsLookups = dnsCount,
            Start = options.Start,
            End = new DateTime(lastTicks, DateTimeKind.Utc),
        };

        void StartSession(ref BulkSession session, long startTicks)
        {
            var pick = random.Next(totalWeight);
            SessionTemplate[] pool;
            if (pick < options.HttpWeight)
            {
                pool = http;
                httpCount++;
            }
            else if (pick < options.HttpWeight + options.TlsWeight)
            {
                pool = tls;
                tlsCount++;
            }
            else
            {
                pool = dns;
                dnsCount++;
            }

            var client = random.Next(clientPorts.Length);
            var port = clientPorts[client];
            clientPorts[client] = port >= 60999 ? (ushort)32768 : (ushort)(port + 1);
            session.Template = pool[random.Next(pool.Length)];
            session.Next = 0;
            session.StartTicks = startTicks;
            session.ClientAddress = 0x0A000100u + (uint)client;
            session.ClientMac = 0x0210_0000_0000UL | (uint)client;
            session.ClientPort = port;
            session.ClientIsn = (uint)random.NextInt64(0, 1L << 32);
            session.ServerIsn = (uint)random.NextInt64(0, 1L << 32);
            session.ClientIpId = (ushort)random.Next(65536);
            session.ServerIpId = (ushort)random.Next(65536);
            session.DnsId = (ushort)random.Next(65536);
        }
    }

    private static void Patch(Span<byte> frame, PacketTemplate template, ref BulkSession session)
    {
        // 1. client MAC, 2. IP id + addresses + header checksum, 3. ports, 4. TCP numbers or DNS id + L4 checksum.
        var mac = new MacAddress(session.ClientMac);
        mac.WriteTo(frame[(template.FromClient ? 6 : 0)..]);

        var server = session.Template.ServerAddress;
        uint source, destination;
        ushort ipId;
        if (template.FromClient)
        {
            (source, destination, ipId) = (session.ClientAddress, server, session.ClientIpId++);
        }
        else
        {
            (source, destination, ipId) = (server, session.ClientAddress, session.ServerIpId++);
        }

        var ip = frame[PacketTemplate.IpOffset..];
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], ipId);
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], destination);
        var addressSum = (ulong)(source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], InternetChecksum.Finish(template.IpBaseSum + ipId + addressSum));

        var l4 = frame[PacketTemplate.L4Offset..];
        var sourcePort = template.FromClient ? session.ClientPort : BinaryPrimitives.ReadUInt16BigEndian(l4);
        var destinationPort = template.FromClient ? BinaryPrimitives.ReadUInt16BigEndian(l4[2..]) : session.ClientPort;
        BinaryPrimitives.WriteUInt16BigEndian(l4, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(l4[2..], destinationPort);
        var sum = template.L4BaseSum + addressSum + sourcePort + destinationPort;
        if (template.IsTcp)
        {
            var sequence = template.Sequence + (template.FromClient ? session.ClientIsn : session.ServerIsn);
            var acknowledgment = template.HasAck
                ? template.Acknowledgment + (template.FromClient ? session.ServerIsn : session.ClientIsn)
                : template.Acknowledgment;
            BinaryPrimitives.WriteUInt32BigEndian(l4[4..], sequence);
            BinaryPrimitives.WriteUInt32BigEndian(l4[8..], acknowledgment);
            sum += (sequence >> 16) + (sequence & 0xFFFF) + (acknowledgment >> 16) + (acknowledgment & 0xFFFF);
            BinaryPrimitives.WriteUInt16BigEndian(l4[16..], InternetChecksum.Finish(sum));
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(l4[8..], session.DnsId);
            var checksum = InternetChecksum.Finish(sum + session.DnsId);
            BinaryPrimitives.WriteUInt16BigEndian(l4[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        }
    }

    private static void Validate(BulkCaptureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TargetPackets is null && options.TargetBytes is null)
        {
            throw new ArgumentException("Set TargetPackets, TargetBytes or both.", nameof(options));
        }

        if (options.TargetPackets < 0 || options.TargetBytes < 0)
        {
            throw new ArgumentException("Targets must not be negative.", nameof(options));
        }

        if (options.Clients is < 1 or > 1 << 22)
        {
            throw new ArgumentException("Clients must be between 1 and 4194304.", nameof(options));
        }

        if (options.ConcurrentSessions is < 1 or > 65536)
        {
            throw new ArgumentException("ConcurrentSessions must be between 1 and 65536.", nameof(options));
        }

        if (options.HttpWeight < 0 || options.TlsWeight < 0 || options.DnsWeight < 0 || options.HttpWeight + options.TlsWeight + options.DnsWeight <= 0)
        {
            throw new ArgumentException("Weights must not be negative and must not all be zero.", nameof(options));
        }

        if (options.Start < DateTime.UnixEpoch)
        {
            throw new ArgumentException("Start must not be before 1970.", nameof(options));
        }
    }
}
