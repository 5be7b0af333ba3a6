using System.Net;
using DeviceWatch.Synth.Frames;

namespace DeviceWatch.Capture.Tests.Writing;

/// <summary>A deterministic mix of Ethernet frames (UDP and TCP over IPv4 and IPv6, some VLAN-tagged).</summary>
internal static class SampleFrames
{
    public static readonly MacAddress ClientMac = MacAddress.Parse("02:00:5e:10:00:01");
    public static readonly MacAddress GatewayMac = MacAddress.Parse("02:00:5e:00:00:01");

    public static List<byte[]> Build(int count)
    {
        var v4Client = new NetworkEndpoint(ClientMac, IPAddress.Parse("192.168.50.100"), 40000);
        var v4Server = new NetworkEndpoint(GatewayMac, IPAddress.Parse("203.0.113.7"), 9000);
        var v6Client = new NetworkEndpoint(ClientMac, IPAddress.Parse("2001:db8::100"), 40001);
        var v6Server = new NetworkEndpoint(GatewayMac, IPAddress.Parse("2001:db8:1::7"), 9001);
        var frames = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[(i * 37) % 300];
            for (var k = 0; k < payload.Length; k++)
            {
                payload[k] = (byte)(i + k);
            }

            var options = new FrameOptions { IpIdentification = (ushort)i, VlanId = i % 5 == 4 ? (ushort)42 : null };
            frames.Add((i % 4) switch
            {
                0 => FrameBuilder.Udp(v4Client, v4Server, payload, options),
                1 => FrameBuilder.Tcp(v4Server, v4Client, new TcpHeader((uint)(1000 * i), 77, TcpFlags.Ack | TcpFlags.Psh, 502), payload, options),
                2 => FrameBuilder.Udp(v6Client, v6Server, payload, options),
                _ => FrameBuilder.Tcp(v6Client, v6Server, new TcpHeader((uint)(1000 * i), 88, TcpFlags.Ack, 502), payload, options),
            });
        }

        return frames;
    }
}
