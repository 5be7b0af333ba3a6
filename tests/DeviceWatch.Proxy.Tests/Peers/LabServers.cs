using System.Security.Cryptography.X509Certificates;

namespace DeviceWatch.Proxy.Tests.Peers;

/// <summary>
/// The real peers of the integration tests, started once per test class: nginx with TLS (a trusted port with a
/// certificate from a test CA, and an untrusted port with a self-signed one) and mosquitto with TLS.
/// </summary>
public sealed class LabServers : IDisposable
{
    private readonly ServerProcess _nginx;
    private readonly ServerProcess _mosquitto;

    public LabServers()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("dw-proxy-lab-").FullName;
        TestCa = TestPki.CreateCa("DeviceWatch Test Upstream CA");
        TestCaFile = Path.Combine(Directory, "test-ca.pem");
        File.WriteAllText(TestCaFile, TestCa.ExportCertificatePem() + "\n");
        var (cert, key) = TestPki.CreateServer(TestCa);
        File.WriteAllText(Path.Combine(Directory, "server.pem"), cert);
        File.WriteAllText(Path.Combine(Directory, "server.key"), key);
        var (selfCert, selfKey) = TestPki.CreateServer(null);
        File.WriteAllText(Path.Combine(Directory, "self.pem"), selfCert);
        File.WriteAllText(Path.Combine(Directory, "self.key"), selfKey);

        var www = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "data.json"), DataJson);
        LargeBody = new byte[3 * 1024 * 1024 + 17];
        new Random(5).NextBytes(LargeBody);
        File.WriteAllBytes(Path.Combine(www, "large.bin"), LargeBody);

        HttpsPort = FreePort.Next();
        HttpPort = FreePort.Next();
        UntrustedPort = FreePort.Next();
        MqttPort = FreePort.Next();
        var d = Directory;
        var conf = Path.Combine(d, "nginx.conf");
        File.WriteAllText(conf, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            error_log {{d}}/error.log;
            pid {{d}}/nginx.pid;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{d}}/body; proxy_temp_path {{d}}/proxy; fastcgi_temp_path {{d}}/fcgi;
              uwsgi_temp_path {{d}}/uwsgi; scgi_temp_path {{d}}/scgi;
              keepalive_requests 10000;
              server {
                listen 127.0.0.1:{{HttpsPort}} ssl http2;
                listen 127.0.0.1:{{HttpPort}};
                server_name localhost;
                ssl_certificate {{d}}/server.pem; ssl_certificate_key {{d}}/server.key;
                root {{www}};
                location = /api/upload { default_type application/json; return 200 '{"ok":true}'; }
                location = /chunked { default_type application/json; chunked_transfer_encoding on; gzip off; return 200 '{"chunk":1}'; }
              }
              server {
                listen 127.0.0.1:{{UntrustedPort}} ssl;
                server_name localhost;
                ssl_certificate {{d}}/self.pem; ssl_certificate_key {{d}}/self.key;
                root {{www}};
              }
            }
            """);
        _nginx = ServerProcess.Start("nginx", ["-c", conf, "-p", d], [HttpsPort, UntrustedPort, HttpPort]);

        var mqttConf = Path.Combine(d, "mosquitto.conf");
        File.WriteAllText(mqttConf, $"""
            user root
            listener {MqttPort} 127.0.0.1
            certfile {d}/server.pem
            keyfile {d}/server.key
            allow_anonymous true
            persistence false
            """ + "\n");
        _mosquitto = ServerProcess.Start("mosquitto", ["-c", mqttConf], [MqttPort]);
    }

    public const string DataJson = """{"device":"kids-watch-01","lat":52.520008,"lon":13.404954,"note":"relayed unchanged"}""";

    public string Directory { get; }
    public X509Certificate2 TestCa { get; }
    public string TestCaFile { get; }
    public int HttpsPort { get; }
    /// <summary>The same site in plain HTTP.</summary>
    public int HttpPort { get; }
    public int UntrustedPort { get; }
    public int MqttPort { get; }
    public byte[] LargeBody { get; }

    public void Dispose()
    {
        _nginx.Dispose();
        _mosquitto.Dispose();
        TestCa.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still writing its log: the temp folder is cleaned later.
        }
    }
}
