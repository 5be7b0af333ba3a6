using System.Diagnostics;

namespace DeviceWatch.EndToEnd.Tests.Lab;

/// <summary>nginx inside the <c>cloud</c> namespace answering every request with 200 (POST included); killed on dispose.</summary>
internal sealed class CloudWebServer : IDisposable
{
    private readonly Process _process;

    public CloudWebServer(string ns, string folder)
    {
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "nginx.conf");
        File.WriteAllText(config, $$"""
            daemon off;
            user root;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log;
            events { worker_connections 64; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              server {
                listen {{LabNetwork.CloudAddress}}:80;
                location / { return 200 "{\"ok\":true}\n"; }
              }
            }
            """);
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "netns", "exec", ns, "nginx", "-c", config, "-p", folder })
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start nginx");
    }

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
