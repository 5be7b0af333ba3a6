using Microsoft.Extensions.Hosting;

namespace DeviceWatch.Cli.Commands;

/// <summary>Runs a <see cref="RunSession"/> as a hosted service: opened at start, drained and written at stop (SIGTERM, Ctrl-C, systemd stop).</summary>
internal sealed class RunHostedService(RunSession session) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        session.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        session.Stop();
        return Task.CompletedTask;
    }
}
