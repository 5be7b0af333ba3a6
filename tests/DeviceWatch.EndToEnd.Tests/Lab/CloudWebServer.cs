using System.Diagnostics;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>
/// nginx inside the <c>cloud</c> namespace answering every request with 200 (POST included) on port 80 and, given a
/// certificate, on 443 with TLS; killed on dispose.
/// </summary>
internal sealed class CloudWebServer : IDisposable
{
    private readonly Process _process;

    public CloudWebServer(string ns, string folder, TestCloudCertificates? tls = null)
    {
        Directory.CreateDirectory(folder);
        AccessLog = Path.Combine(folder, "access.log");
        var config = Path.Combine(folder, "nginx.conf");
        var https = tls is null ? "" : $$"""
              server {
                listen {{LabNetwork.CloudAddress}}:443 ssl;
                ssl_certificate {{tls.ServerCertificateFile}};
                ssl_certificate_key {{tls.ServerKeyFile}};
                location / { return 200 "{\"ok\":true}\n"; }
              }
            """;
        File.WriteAllText(config, $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 64; }
            http {
              log_format lab '$server_port $request_method $host $request_uri $status';
              access_log {{AccessLog}} lab;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              server {
                listen {{LabNetwork.CloudAddress}}:80;
                location / { return 200 "{\"ok\":true}\n"; }
              }
            {{https}}
            }
            """);
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", ns, "nginx", "-c", config, "-p", folder })
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start nginx");
    }

    /// <summary>One line per request: <c>PORT METHOD HOST URI STATUS</c>.</summary>
    public string AccessLog { get; }

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
