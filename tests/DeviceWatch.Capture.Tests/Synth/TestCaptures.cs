using System.Net;
using DeviceWatch.Capture.Tests.Writing;
using DeviceWatch.Synth.Frames;
using DeviceWatch.Synth.Tcp;
using DeviceWatch.Synth.Writing;

namespace DeviceWatch.Capture.Tests.Synth;

/// <summary>Writes small captures of hand-built payloads for tshark to decode.</summary>
internal static class TestCaptures
{
    public static readonly DateTime Start = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    public static readonly NetworkEndpoint Client = new(SampleFrames.ClientMac, IPAddress.Parse("192.168.50.100"), 41000);
    public static readonly NetworkEndpoint Server = new(SampleFrames.GatewayMac, IPAddress.Parse("203.0.113.9"), 443);

    /// <summary>One TCP connection to <paramref name="serverPort"/> carrying <paramref name="messages"/> in order.</summary>
    public static void WriteTcp(string path, ushort serverPort, IReadOnlyList<(bool FromClient, byte[] Data)> messages, TcpSessionOptions? options = null)
    {
        using var writer = PcapFileWriter.Create(path);
        var session = new TcpSessionBuilder(writer, Client, Server with { Port = serverPort }, Start, options).Open();
        foreach (var (fromClient, data) in messages)
        {
            session.Send(fromClient ? TcpDirection.ClientToServer : TcpDirection.ServerToClient, data);
        }

        session.Close();
    }

    /// <summary>The frames, one millisecond apart.</summary>
    public static void WriteFrames(string path, IEnumerable<byte[]> frames)
    {
        using var writer = PcapFileWriter.Create(path);
        var time = Start;
        foreach (var frame in frames)
        {
            writer.Write(time, frame);
            time = time.AddMilliseconds(1);
        }
    }

    /// <summary>Expert messages of severity warning or higher (checksums validated).</summary>
    public static List<string> Problems(string path, params string[] extraArguments) =>
        Tshark.Fields(path, ["frame.number", "_ws.expert.severity", "_ws.expert.message"], null, [.. Tshark.ChecksumValidation, .. extraArguments])
            .Where(r => r[1].Split('|', StringSplitOptions.RemoveEmptyEntries).Any(s => long.Parse(s, System.Globalization.CultureInfo.InvariantCulture) >= Tshark.WarningSeverity))
            .Select(r => $"frame {r[0]}: {r[2]}")
            .ToList();

    /// <summary>Decodes tshark's hex rendering of a bytes field.</summary>
    public static string HexToText(string hex) => System.Text.Encoding.UTF8.GetString(Convert.FromHexString(hex.Replace(":", "", StringComparison.Ordinal)));
}
