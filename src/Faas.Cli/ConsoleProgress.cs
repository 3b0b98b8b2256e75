using System.Diagnostics;

namespace Faas.Cli;

/// <summary>
/// Progress of many runs for a person watching: silent for the first two seconds (short runs stay
/// quiet), then on a terminal a single self-updating line with a bar, elsewhere (CI logs) a line
/// every ten seconds. Thread-safe: runs report from worker threads.
/// </summary>
public sealed class ConsoleProgress(TextWriter err, string title, int runs) : IDisposable
{
    private readonly double[] _done = new double[runs];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _interactive = !Console.IsErrorRedirected && ReferenceEquals(err, Console.Error);
    private long _lastPrintMs = -1;
    private bool _printed;
    private readonly object _gate = new();

    public void Report(int run, double fraction)
    {
        lock (_gate)
        {
            _done[run] = fraction;
            long ms = _clock.ElapsedMilliseconds;
            if (ms < 2000) return;
            long every = _interactive ? 250 : 10_000;
            if (_lastPrintMs >= 0 && ms - _lastPrintMs < every) return;
            _lastPrintMs = ms;
            Print(ms);
        }
    }

    private void Print(long ms)
    {
        double total = _done.Sum() / Math.Max(1, _done.Length);
        int finished = _done.Count(d => d >= 1);
        string eta = total > 0.01 ? $", ~{TimeSpan.FromMilliseconds(ms / total - ms):hh\\:mm\\:ss} left" : "";
        if (_interactive)
        {
            int width = 30;
            int fill = (int)(total * width);
            err.Write($"\r{title} [{new string('#', fill)}{new string('.', width - fill)}] {total:P0} ({finished}/{_done.Length} runs{eta})   ");
        }
        else
        {
            err.WriteLine($"{title}: {total:P0} ({finished}/{_done.Length} runs, {ms / 1000} s elapsed{eta})");
        }
        _printed = true;
    }

    public void Dispose()
    {
        if (_printed && _interactive) err.WriteLine();
    }
}
