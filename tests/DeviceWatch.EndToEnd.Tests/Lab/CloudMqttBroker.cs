using System.Diagnostics;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>mosquitto inside the <c>cloud</c> namespace: MQTT over TLS on 8883 with the test certificate, anonymous; killed on dispose.</summary>
internal sealed class CloudMqttBroker : IDisposable
{
    public const int Port = 8883;
    private readonly Process _process;

    public CloudMqttBroker(string ns, string folder, TestCloudCertificates tls)
    {
        Directory.CreateDirectory(folder);
        Log = Path.Combine(folder, "mosquitto.log");
        var config = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(config, $"""
            user root
            persistence false
            log_dest file {Log}
            log_type all
            allow_anonymous true
            listener {Port} {LabNetwork.CloudAddress}
            cafile {tls.CaFile}
            certfile {tls.ServerCertificateFile}
            keyfile {tls.ServerKeyFile}
            """ + "\n");
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", ns, "mosquitto", "-c", config })
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start mosquitto");
    }

    /// <summary>The broker's log (connections, publishes).</summary>
    public string Log { get; }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}
