using System.Net;
using DeviceWatch.Capture.Decoding;
using DeviceWatch.Capture.Flows;
using DeviceWatch.Core.Analysis;
using DeviceWatch.Core.Records;
using DeviceWatch.Dissect.Common;
using DeviceWatch.Dissect.Dhcp;
using DeviceWatch.Dissect.Dns;
using DeviceWatch.Dissect.Http;
using DeviceWatch.Dissect.Mqtt;
using DeviceWatch.Dissect.Records;
using DeviceWatch.Dissect.Tls;

namespace DeviceWatch.Capture.Pipeline;

/// <summary>
/// Turns dissector facts into log records (with flow uid, device and destination) and payloads for analysis.
/// This is where facts meet context; it decides nothing about personal information.
/// </summary>
internal sealed class FactRouter : IFactSink
{
    private readonly IRecordSink _sink;
    private readonly IAnalysisStage? _analysis;
    private readonly DeviceTracker _devices;
    private readonly DnsNameCache _names;
    private readonly CaptureStatistics _statistics;

    public FactRouter(IRecordSink sink, IAnalysisStage? analysis, DeviceTracker devices, DnsNameCache names, CaptureStatistics statistics)
    {
        _sink = sink;
        _analysis = analysis;
        _devices = devices;
        _names = names;
        _statistics = statistics;
    }

    /// <summary>The flow whose dissector is running.</summary>
    public Flow? Current { get; set; }

    public void Route(Flow flow, DissectedFact fact)
    {
        Current = flow;
        Emit(fact);
    }

    public void CountAnomaly(string protocol, string kind) => _statistics.CountAnomaly(protocol, kind);

    /// <summary>
    /// The last exception thrown by what a fact was handed to (record sink, analysis stage) rather than by the
    /// dissector that emitted it; the engine lets these end the run.
    /// </summary>
    public Exception? DownstreamFailure { get; private set; }

    public void Emit(DissectedFact fact)
    {
        var flow = Current;
        if (flow is null)
        {
            return;
        }

        try
        {
            Dispatch(flow, fact);
        }
        catch (Exception ex) when (MarkDownstream(ex))
        {
            // Never entered: the filter only marks the exception on its way up.
        }
    }

    private bool MarkDownstream(Exception exception)
    {
        DownstreamFailure = exception;
        return false;
    }

    private void Dispatch(Flow flow, DissectedFact fact)
    {
        switch (fact)
        {
            case DnsMessage dns:
                OnDns(flow, dns);
                break;
            case DhcpMessage dhcp:
                OnDhcp(flow, dhcp);
                break;
            case TlsClientHello hello:
                State(flow).PendingClientHello = hello;
                flow.ServerName ??= hello.ServerName;
                break;
            case TlsServerHello serverHello:
                var pending = State(flow).PendingClientHello;
                State(flow).PendingClientHello = null;
                if (pending is not null)
                {
                    _sink.OnTls(ToTlsRecord(flow, pending, serverHello));
                }

                break;
            case HttpRequestMessage request:
                OnHttpRequest(flow, request);
                break;
            case HttpResponseMessage response:
                OnHttpResponse(flow, response);
                break;
            case MqttPacket mqtt:
                OnMqtt(flow, mqtt);
                break;
        }
    }

    /// <summary>The flow ended: write what was still waiting for an answer.</summary>
    public void FlushFlow(Flow flow)
    {
        if (flow.EmitterState is not FlowEmitterState state)
        {
            return;
        }

        if (state.PendingClientHello is { } hello)
        {
            _sink.OnTls(ToTlsRecord(flow, hello, null));
        }

        foreach (var request in state.PendingRequests)
        {
            _sink.OnHttp(ToHttpRecord(flow, request, null));
        }

        state.PendingRequests.Clear();
        flow.EmitterState = null;
    }

    private static FlowEmitterState State(Flow flow) => (FlowEmitterState)(flow.EmitterState ??= new FlowEmitterState());

    private string? DeviceId(Flow flow) => flow.DeviceMac is null ? null : _devices.IdOf(flow.DeviceMac);

    private void OnDns(Flow flow, DnsMessage dns)
    {
        var flavor = flow.RespPort == 5353 || flow.OrigPort == 5353 ? "mdns" : flow.RespPort == 5355 || flow.OrigPort == 5355 ? "llmnr" : "dns";
        var question = dns.Questions.Count > 0 ? dns.Questions[0] : null;
        var answers = dns.Answers;
        if (flavor == "dns" && dns.IsResponse && question is not null)
        {
            // The receiver of the answer is the client that will use these addresses.
            var client = dns.Direction == FlowDirection.FromResponder ? flow.OrigAddress : flow.RespAddress;
            foreach (var answer in answers)
            {
                if (answer.Type is 1 or 28 && IPAddress.TryParse(answer.Data, out var address))
                {
                    _names.Add(client, IpAddressBytes.FromIPAddress(address), question.Name);
                }
            }
        }

        if (flavor == "mdns" && answers.Count == 0 && dns.Additionals.Count > 0 && dns.IsResponse)
        {
            answers = dns.Additionals;
        }

        _sink.OnDns(new DnsRecord
        {
            Ts = dns.Timestamp,
            Uid = flow.Uid,
            Device = DeviceId(flow),
            Query = question?.Name,
            Qtype = question is null ? null : DnsTypeNames.ToName(question.Type),
            Rcode = dns.IsResponse ? DnsRcodeNames.ToName(dns.Rcode) : null,
            Answers = answers.Select(a => a.Data).ToArray(),
            Ttls = answers.Select(a => a.Ttl).ToArray(),
            TransId = dns.Id,
            IsResponse = dns.IsResponse,
            Flavor = flavor,
        });
    }

    private void OnDhcp(Flow flow, DhcpMessage dhcp)
    {
        string? deviceId = null;
        var mac = dhcp.ClientHardwareAddress;
        if (mac.Length == 17 && mac != "00:00:00:00:00:00")
        {
            var device = _devices.Touch(mac, dhcp.Timestamp);
            if (device is not null)
            {
                if (dhcp.Op == 1)
                {
                    if (dhcp.Hostname is { Length: > 0 } hostname && hostname != device.Hostname)
                    {
                        device.Hostname = hostname;
                        device.CachedId = null;
                    }

                    if (dhcp.VendorClass is { Length: > 0 } vendor)
                    {
                        device.VendorClass = vendor;
                    }

                    if (dhcp.ClientAddress is { } ciaddr)
                    {
                        device.AddIp(ciaddr.ToString());
                    }
                }
                else if (dhcp.MessageType == 5 && dhcp.YourAddress is { } assigned)
                {
                    device.AddIp(assigned.ToString());
                }

                deviceId = _devices.IdOf(mac);
            }
        }

        _sink.OnDhcp(new DhcpRecord
        {
            Ts = dhcp.Timestamp,
            Uid = flow.Uid,
            Device = deviceId,
            MsgType = dhcp.MessageTypeName,
            Hostname = dhcp.Hostname,
            VendorClass = dhcp.VendorClass,
            RequestedAddr = dhcp.RequestedAddress?.ToString(),
            AssignedAddr = dhcp.YourAddress?.ToString(),
            ClientMac = mac,
            TransId = dhcp.TransactionId,
        });
    }

    private TlsRecord ToTlsRecord(Flow flow, TlsClientHello hello, TlsServerHello? serverHello)
    {
        var offered = hello.SupportedVersions.Count > 0 ? hello.SupportedVersions.Max() : hello.LegacyVersion;
        return new TlsRecord
        {
            Ts = hello.Timestamp,
            Uid = flow.Uid,
            Device = DeviceId(flow),
            ServerName = hello.ServerName,
            Alpn = hello.Alpn,
            Version = TlsNames.VersionName(serverHello?.NegotiatedVersion ?? offered),
            Ja3 = hello.Ja3,
            Ja4 = hello.Ja4,
            RespH = flow.RespAddress.ToString(),
            RespP = flow.RespPort,
            Cipher = serverHello is null ? null : TlsNames.CipherName(serverHello.CipherSuite),
            ServerAlpn = serverHello?.Alpn,
            ClientVersions = hello.SupportedVersions.Select(TlsNames.VersionName).ToArray(),
            Established = serverHello is not null,
        };
    }

    private void OnHttpRequest(Flow flow, HttpRequestMessage request)
    {
        flow.ServerName ??= request.Host is { } host ? StripPort(host) : null;
        var state = State(flow);
        if (state.PendingRequests.Count >= FlowEmitterState.MaxPendingRequests)
        {
            _sink.OnHttp(ToHttpRecord(flow, state.PendingRequests[0], null));
            state.PendingRequests.RemoveAt(0);
            _statistics.CountAnomaly("http", "unanswered-requests-overflow");
        }

        state.PendingRequests.Add(request);
        if (_analysis is not null && IsFromDevice(flow, request.Direction))
        {
            _analysis.OnPayload(FactRecords.RequestPayload(Origin(flow), request));
        }
    }

    private void OnHttpResponse(Flow flow, HttpResponseMessage response)
    {
        var state = State(flow);
        var request = response.Request;
        if (request is not null)
        {
            state.PendingRequests.Remove(request);
        }

        _sink.OnHttp(ToHttpRecord(flow, request, response));
    }

    private HttpRecord ToHttpRecord(Flow flow, HttpRequestMessage? request, HttpResponseMessage? response) =>
        FactRecords.Http(Origin(flow), request, response);

    private void OnMqtt(Flow flow, MqttPacket packet)
    {
        var origin = Origin(flow);
        _sink.OnMqtt(FactRecords.Mqtt(origin, packet));
        if (_analysis is not null && IsFromDevice(flow, packet.Direction) && FactRecords.MqttPayload(origin, packet) is { } payload)
        {
            _analysis.OnPayload(payload);
        }
    }

    private PayloadOrigin Origin(Flow flow) => new(
        flow.Uid, DeviceId(flow), DeviceKey(flow), DeviceIp(flow), Destination(flow), flow.RespPort, Transports.Cleartext);

    private static bool IsFromDevice(Flow flow, FlowDirection direction) =>
        (direction == FlowDirection.FromOriginator) == flow.DeviceIsOriginator;

    private static string DeviceKey(Flow flow) =>
        flow.DeviceMac ?? (flow.DeviceIsOriginator ? flow.OrigAddress : flow.RespAddress).ToString();

    private static string DeviceIp(Flow flow) => (flow.DeviceIsOriginator ? flow.OrigAddress : flow.RespAddress).ToString();

    private static string Destination(Flow flow) =>
        flow.ServerName ?? (flow.DeviceIsOriginator ? flow.RespAddress : flow.OrigAddress).ToString();

    private static string StripPort(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close > 0 ? host[1..close] : host;
        }

        var colon = host.LastIndexOf(':');
        return colon > 0 && host.IndexOf(':', StringComparison.Ordinal) == colon ? host[..colon] : host;
    }
}
