using System.Diagnostics;
using System.Globalization;

namespace DeviceWatch.Cli.Commands;

/// <summary>Prints a progress line on standard error at most every two seconds for long inputs.</summary>
internal sealed class ProgressReporter(bool quiet)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastPrint = TimeSpan.Zero;
    private bool _printed;

    public void Report(string file, int index, int count, long done, long total, long packets)
    {
        if (quiet || _clock.Elapsed - _lastPrint < TimeSpan.FromSeconds(2))
        {
            return;
        }

        _lastPrint = _clock.Elapsed;
        _printed = true;
        var percent = total > 0 ? 100.0 * done / total : 0;
        var rate = packets / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r[{index + 1}/{count}] {Path.GetFileName(file)}: {percent,5:0.0}%  {packets:N0} packets ({rate:N0}/s)   "));
    }

    public void Done()
    {
        if (_printed)
        {
            Console.Error.WriteLine();
        }
    }
}
