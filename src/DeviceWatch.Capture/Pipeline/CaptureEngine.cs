using DeviceWatch.Capture.Decoding;
using DeviceWatch.Capture.Flows;
using DeviceWatch.Capture.Reassembly;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Dhcp;
using DeviceWatch.Dissect.Dns;
using PacketDotNet;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>
/// The packet pipeline shared by replay and live capture: frames in; flows, protocol records and payloads out.
/// Single-threaded and deterministic: it reads packet timestamps, never the clock.
/// </summary>
public sealed class CaptureEngine
{
    private readonly IRecordSink _sink;
    private readonly IAnalysisStage? _analysis;
    private readonly CaptureEngineOptions _options;
    private readonly FlowTable _flows;
    private readonly FlowUidGenerator _uids = new();
    private readonly Ipv4Defragmenter _ipv4Defragmenter = new();
    private readonly Ipv6Defragmenter _ipv6Defragmenter = new();
    private bool _fragmentLossesCounted;
    private readonly FactRouter _router;
    private readonly Action<Flow> _endFlow;
    private DateTime _lastExpiry;

    /// <summary>Creates an engine writing records to <paramref name="sink"/> and payloads to <paramref name="analysis"/>.</summary>
    public CaptureEngine(IRecordSink sink, IAnalysisStage? analysis, CaptureEngineOptions? options = null, IDeviceIdentityResolver? resolver = null)
    {
        _sink = sink;
        _analysis = analysis;
        _options = options ?? new CaptureEngineOptions();
        _flows = new FlowTable(_options.ToFlowTableOptions());
        Devices = new DeviceTracker(resolver);
        _router = new FactRouter(sink, analysis, Devices, Names, Statistics);
        _endFlow = EndFlow;
    }

    /// <summary>Counters of this session.</summary>
    public CaptureStatistics Statistics { get; } = new();

    internal DeviceTracker Devices { get; }

    internal DnsNameCache Names { get; } = new();

    /// <summary>The devices seen so far.</summary>
    public IReadOnlyList<DeviceRecord> DeviceSnapshot() => Devices.Snapshot();

    /// <summary>Processes one captured frame of link type <paramref name="linkType"/>.</summary>
    public void ProcessFrame(LinkLayers linkType, ReadOnlySpan<byte> frame, DateTime timestamp)
    {
        var stats = Statistics;
        stats.Packets++;
        stats.Bytes += frame.Length;
        stats.FirstPacket ??= timestamp;
        if (stats.LastPacket is null || timestamp > stats.LastPacket)
        {
            stats.LastPacket = timestamp;
        }

        if (timestamp - _lastExpiry >= TimeSpan.FromSeconds(1) || timestamp < _lastExpiry)
        {
            _lastExpiry = timestamp;
            _flows.Expire(timestamp, _endFlow);
        }

        var packet = default(DecodedPacket);
        var status = PacketDecoder.Decode(linkType, frame, ref packet);
        switch (status)
        {
            case DecodeStatus.Ok:
                ProcessPacket(frame, ref packet, timestamp, PacketUse.Full);
                return;
            case DecodeStatus.NotIp:
                stats.NonIpPackets++;
                return;
            case DecodeStatus.Malformed:
                stats.CountAnomaly("packet", packet.Anomaly ?? "malformed");
                return;
            case DecodeStatus.UnsupportedLinkType:
                stats.CountAnomaly("link", "unsupported-" + ((int)linkType).ToString(System.Globalization.CultureInfo.InvariantCulture));
                return;
            case DecodeStatus.Fragment:
                ProcessFragment(frame, ref packet, timestamp);
                return;
        }
    }

    private void ProcessFragment(ReadOnlySpan<byte> frame, ref DecodedPacket packet, DateTime timestamp)
    {
        if (packet.IsSnapTruncated)
        {
            // The capture cut this fragment short: it cannot be reassembled faithfully. A first fragment is
            // still dissected as far as it goes (like tshark); later ones are only counted.
            if (packet.IsFirstFragment)
            {
                ProcessPacket(frame, ref packet, timestamp, PacketUse.Full);
            }
            else
            {
                Statistics.CountAnomaly("ip", "fragment-truncated");
            }

            return;
        }

        if (packet.IsFirstFragment)
        {
            // Count the datagram on its flow now (the header is here); its payload is dissected once reassembled.
            ProcessPacket(frame, ref packet, timestamp, PacketUse.CountOnly);
        }

        var ipPacket = frame.Slice(packet.IpOffset, Math.Min(packet.IpLength, frame.Length - packet.IpOffset));
        var whole = packet.Source.IsV4 ? _ipv4Defragmenter.Add(ipPacket, timestamp) : _ipv6Defragmenter.Add(ipPacket, timestamp);
        if (whole is null)
        {
            return;
        }

        Statistics.Reassembled++;
        var reassembled = default(DecodedPacket);
        var status = PacketDecoder.DecodeIp(whole, 0, ref reassembled);
        if (status != DecodeStatus.Ok)
        {
            Statistics.CountAnomaly("packet", reassembled.Anomaly ?? "bad-reassembly");
            return;
        }

        reassembled.SourceMac = packet.SourceMac;
        reassembled.DestinationMac = packet.DestinationMac;
        reassembled.HasMac = packet.HasMac;
        reassembled.VlanId = packet.VlanId;
        ProcessPacket(whole, ref reassembled, timestamp, packet.Source.IsV4 ? PacketUse.DissectOnly : PacketUse.Full);
    }

    private void ProcessPacket(ReadOnlySpan<byte> frame, ref DecodedPacket packet, DateTime timestamp, PacketUse use)
    {
        var key = FlowKey.From(packet);
        if (!_flows.TryGet(key, out var flow))
        {
            flow = CreateFlow(key, packet, timestamp);
        }

        var fromOriginator = packet.Source == flow.OrigAddress && packet.SourcePort == flow.OrigPort
            && (flow.OrigAddress != flow.RespAddress || flow.OrigPort != flow.RespPort || packet.SourceMac == flow.OrigMac);
        if (timestamp > flow.LastSeen)
        {
            flow.LastSeen = timestamp;
        }

        if (packet.HasMac)
        {
            LearnMac(flow, fromOriginator, packet.SourceMac, timestamp);
        }

        var payload = frame.Slice(packet.PayloadOffset, packet.PayloadLength);
        if (use == PacketUse.DissectOnly)
        {
            if (packet.Protocol == 17)
            {
                ProcessUdp(flow, payload, fromOriginator, timestamp);
            }
            else if (packet.Protocol == 6)
            {
                ProcessTcp(flow, ref packet, payload, fromOriginator, timestamp);
            }

            _flows.Touch(flow);
            return;
        }

        if (fromOriginator)
        {
            flow.OrigPackets++;
        }
        else
        {
            flow.RespPackets++;
        }

        if (use == PacketUse.CountOnly)
        {
            if (fromOriginator)
            {
                flow.OrigDatagramBytes += packet.WirePayloadLength;
            }
            else
            {
                flow.RespDatagramBytes += packet.WirePayloadLength;
            }

            _flows.Touch(flow);
            return;
        }

        if (packet.Protocol == 6)
        {
            ProcessTcp(flow, ref packet, payload, fromOriginator, timestamp);
        }
        else
        {
            if (fromOriginator)
            {
                flow.OrigDatagramBytes += packet.WirePayloadLength;
            }
            else
            {
                flow.RespDatagramBytes += packet.WirePayloadLength;
            }

            if (packet.Protocol == 17)
            {
                ProcessUdp(flow, payload, fromOriginator, timestamp);
            }
        }

        _flows.Touch(flow);
    }

    private Flow CreateFlow(in FlowKey key, in DecodedPacket packet, DateTime timestamp)
    {
        // Orientation: the SYN's sender originates; a SYN-ACK or a reply from a service port means we saw the answer first.
        var flip = packet.Protocol == 6
            ? (packet.TcpFlags & (DecodedPacket.Syn | DecodedPacket.Ack)) == (DecodedPacket.Syn | DecodedPacket.Ack)
              || ((packet.TcpFlags & DecodedPacket.Syn) == 0 && IsServicePort(packet.SourcePort) && !IsServicePort(packet.DestinationPort))
            : packet.Protocol == 17 && IsServicePort(packet.SourcePort) && !IsServicePort(packet.DestinationPort);
        var flow = new Flow(key, _uids.Next(timestamp, key.StableHash()), packet, timestamp, flip);
        if (packet.Protocol == 6)
        {
            flow.OrigTcp = new TcpDirectionState(_options.MaxBufferedBytesPerDirection);
            flow.RespTcp = new TcpDirectionState(_options.MaxBufferedBytesPerDirection);
            flow.OrigOutput = new FlowStreamOutput(this, flow, FlowDirection.FromOriginator);
            flow.RespOutput = new FlowStreamOutput(this, flow, FlowDirection.FromResponder);
        }
        else if (packet.Protocol == 17)
        {
            flow.Service = UdpServiceOf(flow.OrigPort, flow.RespPort);
        }

        AttributeDevice(flow, timestamp);
        flow.ServerName = flow.DeviceIsOriginator ? Names.Find(flow.OrigAddress, flow.RespAddress) : Names.Find(flow.RespAddress, flow.OrigAddress);
        _flows.Add(flow, _endFlow);
        return flow;
    }

    private static bool IsServicePort(ushort port) => port < 1024 || port is 1883 or 8883 or 5353 or 5355 or 8080 or 8443 or 1900;

    private static string? UdpServiceOf(int origPort, int respPort) => (origPort, respPort) switch
    {
        (_, 5353) or (5353, _) => "dns",
        (_, 5355) or (5355, _) => "dns",
        (_, 53) or (53, _) => "dns",
        (_, 67) or (_, 68) or (67, _) or (68, _) => "dhcp",
        _ => null,
    };

    private void LearnMac(Flow flow, bool fromOriginator, MacAddress source, DateTime timestamp)
    {
        var changed = false;
        if (fromOriginator)
        {
            if (flow.OrigMac.Value == 0 && source.Value != 0)
            {
                flow.OrigMac = source;
                changed = true;
            }
        }
        else if (flow.RespMac.Value == 0 && source.Value != 0)
        {
            flow.RespMac = source;
            changed = true;
        }

        if (changed && flow.DeviceMac is null)
        {
            AttributeDevice(flow, timestamp);
        }
    }

    private void AttributeDevice(Flow flow, DateTime timestamp)
    {
        if (!flow.HasMac)
        {
            return;
        }

        // DHCP server → client messages are attributed through chaddr by the router, not by the flow.
        if (flow.Protocol == 17 && flow.OrigPort == 67)
        {
            return;
        }

        var origLocal = flow.OrigAddress.IsLocal;
        var respLocal = flow.RespAddress.IsLocal && !flow.RespAddress.IsMulticastOrBroadcast;
        MacAddress mac;
        bool deviceIsOriginator;
        if (origLocal && !flow.OrigMac.IsGroupOrZero)
        {
            (mac, deviceIsOriginator) = (flow.OrigMac, true);
        }
        else if (respLocal && !flow.RespMac.IsGroupOrZero)
        {
            (mac, deviceIsOriginator) = (flow.RespMac, false);
        }
        else if (!origLocal && !respLocal && !flow.OrigMac.IsGroupOrZero)
        {
            // Both ends public: the capture was taken next to the client.
            (mac, deviceIsOriginator) = (flow.OrigMac, true);
        }
        else
        {
            return;
        }

        var text = mac.ToString();
        var device = Devices.Touch(text, timestamp);
        if (device is null)
        {
            Statistics.CountAnomaly("device", "table-full");
            return;
        }

        flow.DeviceMac = text;
        flow.DeviceIsOriginator = deviceIsOriginator;
        var address = deviceIsOriginator ? flow.OrigAddress : flow.RespAddress;
        if (address.Value != 0 && address.IsLocal && !(address.IsV4 && address.V4 == 0))
        {
            device.AddIp(address.ToString());
        }
    }

    private void ProcessTcp(Flow flow, ref DecodedPacket packet, ReadOnlySpan<byte> payload, bool fromOriginator, DateTime timestamp)
    {
        var state = fromOriginator ? flow.OrigTcp! : flow.RespTcp!;
        var flags = packet.TcpFlags;
        var syn = (flags & DecodedPacket.Syn) != 0;
        var ack = (flags & DecodedPacket.Ack) != 0;
        var fin = (flags & DecodedPacket.Fin) != 0;
        var rst = (flags & DecodedPacket.Rst) != 0;
        if (syn)
        {
            if (ack)
            {
                flow.SawSynAck = true;
                flow.AddHistory('H', fromOriginator);
            }
            else
            {
                flow.AddHistory('S', fromOriginator);
            }

            state.SawSyn = true;
        }

        if (fin)
        {
            state.SawFin = true;
            flow.AddHistory('F', fromOriginator);
        }

        if (rst)
        {
            state.SawRst = true;
            flow.AddHistory('R', fromOriginator);
        }

        if (packet.WirePayloadLength > 0)
        {
            flow.AddHistory('D', fromOriginator);
        }
        else if (ack && !syn && !fin && !rst)
        {
            flow.AddHistory('A', fromOriginator);
        }

        state.Track(packet.Sequence, syn, packet.WirePayloadLength);
        if (rst || (flow.OrigTcp!.SawFin && flow.RespTcp!.SawFin))
        {
            flow.Closed = true;
        }

        if (!flow.StreamIgnored && (payload.Length > 0 || syn || fin))
        {
            var output = fromOriginator ? flow.OrigOutput! : flow.RespOutput!;
            output.Timestamp = timestamp;
            state.Reassembler.OnSegment(packet.Sequence, payload, syn, fin, output);
        }
    }

    private void ProcessUdp(Flow flow, ReadOnlySpan<byte> payload, bool fromOriginator, DateTime timestamp)
    {
        if (payload.IsEmpty)
        {
            return;
        }

        var direction = fromOriginator ? FlowDirection.FromOriginator : FlowDirection.FromResponder;
        if (flow.Service is null && fromOriginator && flow.DatagramsProbed++ < 4
            && DeviceWatch.Dissect.Quic.QuicInitialDissector.Probe(payload) == ProbeResult.Yes)
        {
            // Recognised by content: QUIC on any port (its Initial reveals the SNI).
            flow.Service = "quic";
            flow.Encrypted = true;
            flow.Quic = new DeviceWatch.Dissect.Quic.QuicInitialDissector(_options.Limits);
        }

        try
        {
            DissectDatagram(flow, payload, direction, timestamp);
        }
        catch (Exception ex) when (ContainDissectorFailure(flow, ex))
        {
            // Counted; the datagram is skipped (a QUIC flow is dissected no further).
        }
    }

    private void DissectDatagram(Flow flow, ReadOnlySpan<byte> payload, FlowDirection direction, DateTime timestamp)
    {
        switch (flow.Service)
        {
            case "quic":
                if (flow.Quic is { WantsMoreData: true } quic)
                {
                    _router.Current = flow;
                    quic.OnDatagram(direction, payload, timestamp, _router);
                }

                break;
            case "dns":
                if (DnsMessageParser.TryParse(payload, timestamp, out var dns, out var dnsAnomaly))
                {
                    if (dnsAnomaly is not null)
                    {
                        Statistics.CountAnomaly("dns", dnsAnomaly);
                    }

                    _router.Route(flow, dns with { Direction = direction });
                }
                else
                {
                    Statistics.CountAnomaly("dns", dnsAnomaly ?? "malformed");
                }

                break;
            case "dhcp":
                if (DhcpMessageParser.TryParse(payload, timestamp, out var dhcp, out var dhcpAnomaly))
                {
                    if (dhcpAnomaly is not null)
                    {
                        Statistics.CountAnomaly("dhcp", dhcpAnomaly);
                    }

                    _router.Route(flow, dhcp with { Direction = direction });
                }
                else
                {
                    Statistics.CountAnomaly("dhcp", dhcpAnomaly ?? "malformed");
                }

                break;
        }
    }

    internal void OnStreamData(Flow flow, FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp)
    {
        if (flow.StreamIgnored || data.IsEmpty)
        {
            return;
        }

        try
        {
            if (!flow.DetectionDone)
            {
                Detect(flow, direction, data, timestamp);
                return;
            }

            Feed(flow, direction, data, timestamp);
        }
        catch (Exception ex) when (ContainDissectorFailure(flow, ex))
        {
            // Counted; the rest of this flow's stream is not dissected.
        }
    }

    /// <summary>
    /// A parser's exception on one flow's bytes is a DeviceWatch bug, not a reason to end the run: when
    /// <paramref name="exception"/> came from the flow's dissector (not from where its facts went: the record sink and
    /// the analysis stage, whose failures such as a full disk must end the run), it is counted as the anomaly
    /// <c>dissector-error</c>, the first one is kept for the report, and the flow is dissected no further.
    /// </summary>
    private bool ContainDissectorFailure(Flow flow, Exception exception)
    {
        if (ReferenceEquals(exception, _router.DownstreamFailure) || exception is OutOfMemoryException)
        {
            return false;
        }

        Statistics.CountDissectorFailure(flow.Service ?? "stream", exception);
        flow.StreamIgnored = true;
        flow.Quic = null;
        return true;
    }

    private void Detect(Flow flow, FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp)
    {
        if (direction == FlowDirection.FromResponder)
        {
            // The server spoke first (or we missed the client's first bytes): hold a little, then give up.
            if (flow.PendingResponderLength + data.Length > 4096)
            {
                DecideUnknown(flow);
                return;
            }

            flow.PendingResponderBytes ??= new byte[4096];
            data.CopyTo(flow.PendingResponderBytes.AsSpan(flow.PendingResponderLength));
            flow.PendingResponderLength += data.Length;
            return;
        }

        // Held originator bytes (fewer than MaxProbeBytes) plus this segment form the probe.
        ReadOnlySpan<byte> probe = data;
        if (flow.DetectionLength > 0)
        {
            var combined = new byte[flow.DetectionLength + data.Length];
            flow.DetectionBuffer.AsSpan(0, flow.DetectionLength).CopyTo(combined);
            data.CopyTo(combined.AsSpan(flow.DetectionLength));
            probe = combined;
        }

        var dissector = StreamProtocolDetector.Detect(probe, flow.RespPort, _options.Limits, out var needMore);
        if (needMore)
        {
            flow.DetectionBuffer ??= new byte[StreamProtocolDetector.MaxProbeBytes];
            probe.CopyTo(flow.DetectionBuffer);
            flow.DetectionLength = probe.Length;
            return;
        }

        flow.DetectionDone = true;
        flow.DetectionLength = 0;
        if (dissector is null)
        {
            DecideUnknown(flow);
            return;
        }

        if (_options.WrapDissector is { } wrap)
        {
            dissector = wrap(dissector);
        }

        flow.Dissector = dissector;
        flow.Service = dissector.Protocol;
        if (dissector.Protocol == "tls")
        {
            flow.Encrypted = true;
        }

        // Replay the originator's bytes, then the responder's early bytes.
        Feed(flow, FlowDirection.FromOriginator, probe, timestamp);
        if (flow.PendingResponderLength > 0 && !flow.StreamIgnored)
        {
            Feed(flow, FlowDirection.FromResponder, flow.PendingResponderBytes.AsSpan(0, flow.PendingResponderLength), timestamp);
        }

        flow.PendingResponderBytes = null;
        flow.PendingResponderLength = 0;
        flow.DetectionBuffer = null;
    }

    private static void DecideUnknown(Flow flow)
    {
        flow.DetectionDone = true;
        flow.StreamIgnored = true;
        flow.PendingResponderBytes = null;
        flow.DetectionBuffer = null;
        flow.DetectionLength = 0;
        flow.PendingResponderLength = 0;
    }

    private void Feed(Flow flow, FlowDirection direction, ReadOnlySpan<byte> data, DateTime timestamp)
    {
        var dissector = flow.Dissector;
        if (dissector is null || flow.StreamIgnored)
        {
            return;
        }

        _router.Current = flow;
        dissector.OnData(direction, data, timestamp, _router);
        if (!dissector.WantsMoreData)
        {
            flow.StreamIgnored = true;
        }
    }

    internal void OnStreamGap(Flow flow, FlowDirection direction, long missingBytes, DateTime timestamp)
    {
        if (!flow.DetectionDone)
        {
            DecideUnknown(flow);
            return;
        }

        if (flow.Dissector is { } dissector && !flow.StreamIgnored)
        {
            _router.Current = flow;
            try
            {
                dissector.OnGap(direction, missingBytes, timestamp, _router);
                if (!dissector.WantsMoreData)
                {
                    flow.StreamIgnored = true;
                }
            }
            catch (Exception ex) when (ContainDissectorFailure(flow, ex))
            {
                // Counted; the flow is dissected no further.
            }
        }
    }

    private void EndFlow(Flow flow)
    {
        if (flow.Protocol == 6 && !flow.StreamIgnored)
        {
            flow.OrigOutput!.Timestamp = flow.LastSeen;
            flow.RespOutput!.Timestamp = flow.LastSeen;
            flow.OrigTcp!.Reassembler.Close(flow.OrigOutput);
            flow.RespTcp!.Reassembler.Close(flow.RespOutput);
        }

        if (flow.Dissector is { } dissector)
        {
            _router.Current = flow;
            try
            {
                dissector.OnEnd(flow.LastSeen, _router);
            }
            catch (Exception ex) when (ContainDissectorFailure(flow, ex))
            {
                // Counted; the flow's record is still written below.
            }
        }

        _router.FlushFlow(flow);
        var record = ToConnRecord(flow);
        Statistics.Flows++;
        var service = record.Service ?? "-";
        Statistics.FlowsByService[service] = Statistics.FlowsByService.GetValueOrDefault(service) + 1;
        if (flow.DeviceMac is not null && Devices.Find(flow.DeviceMac) is { } device)
        {
            device.Flows++;
            if (flow.LastSeen > device.LastSeen)
            {
                device.LastSeen = flow.LastSeen;
            }

            if (device.Destinations.Count < DeviceState.MaxDestinations)
            {
                var remote = flow.DeviceIsOriginator ? record.RespH : record.OrigH;
                device.Destinations.Add(record.ServerName ?? remote);
            }
        }

        _sink.OnConn(record);
        _analysis?.OnFlowEnded(record);
    }

    private ConnRecord ToConnRecord(Flow flow)
    {
        long origBytes, respBytes, missed = 0;
        if (flow.Protocol == 6)
        {
            origBytes = flow.OrigTcp!.SequenceBytes;
            respBytes = flow.RespTcp!.SequenceBytes;
            missed = flow.OrigTcp.Reassembler.MissedBytes + flow.RespTcp.Reassembler.MissedBytes;
        }
        else
        {
            origBytes = flow.OrigDatagramBytes;
            respBytes = flow.RespDatagramBytes;
        }

        return new ConnRecord
        {
            Uid = flow.Uid,
            Ts = flow.FirstSeen,
            Proto = flow.Protocol switch { 6 => "tcp", 17 => "udp", 1 => "icmp", 58 => "icmp6", _ => flow.Protocol.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            OrigH = flow.OrigAddress.ToString(),
            OrigP = flow.OrigPort,
            RespH = flow.RespAddress.ToString(),
            RespP = flow.RespPort,
            Device = flow.DeviceMac is null ? null : Devices.IdOf(flow.DeviceMac),
            DeviceMac = flow.DeviceMac,
            Service = flow.Service,
            Duration = Math.Round((flow.LastSeen - flow.FirstSeen).TotalSeconds, 6),
            OrigBytes = origBytes,
            RespBytes = respBytes,
            OrigPkts = flow.OrigPackets,
            RespPkts = flow.RespPackets,
            State = flow.ConnState(),
            MissedBytes = missed,
            ServerName = flow.ServerName,
            History = flow.History,
            Encrypted = flow.Encrypted,
        };
    }

    /// <summary>Ends every live flow (end of input) and completes the analysis stage.</summary>
    public void Complete()
    {
        _flows.Drain(_endFlow);
        Statistics.FlowsEvicted = _flows.Evicted;
        if (!_fragmentLossesCounted)
        {
            _fragmentLossesCounted = true;
            CountFragmentLosses("ipv4", _ipv4Defragmenter);
            CountFragmentLosses("ipv6", _ipv6Defragmenter);
        }

        _analysis?.Complete();
    }

    // IP datagrams whose fragments never made a whole one are anomalies like any other skipped input: timed out,
    // still waiting when the input ended, evicted from the full table, rejected (too large or contradictory), or
    // fragments that were not valid at all.
    private void CountFragmentLosses<TKey>(string protocol, Defragmenter<TKey> defragmenter)
        where TKey : notnull
    {
        var timedOut = defragmenter.TimedOut;
        defragmenter.Expire(DateTime.MaxValue);
        Statistics.AddAnomalies(protocol, "fragments-timed-out", timedOut);
        Statistics.AddAnomalies(protocol, "fragments-incomplete-at-end", defragmenter.TimedOut - timedOut);
        Statistics.AddAnomalies(protocol, "fragments-evicted", defragmenter.Evicted);
        Statistics.AddAnomalies(protocol, "fragments-rejected", defragmenter.Rejected);
        Statistics.AddAnomalies(protocol, "fragment-malformed", defragmenter.Malformed);
    }

    /// <summary>Ends every live flow without completing the analysis stage (end of one input among several).</summary>
    public void FlushFlows() => _flows.Drain(_endFlow);
}
