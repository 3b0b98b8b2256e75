namespace Faas.Platform.Results;

/// <summary>
/// Accumulates a run's per-call figures (counts by start type and status, latency histogram, queue
/// time) and, with the policy's <see cref="ContainerTable"/> integrals, builds the
/// <see cref="RunSummary"/>. Shared by the simulator and the Docker backend so both summarise alike.
/// </summary>
public sealed class RunMetrics
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;
    private readonly LatencyHistogram _latency = new();
    private long _cold, _prewarm, _warm, _failed, _dropped, _arrivals;
    private double _queueSumMicros;

    /// <summary>Calls that arrived (each must end as exactly one record).</summary>
    public long Arrivals => _arrivals;

    /// <summary>Calls that ended (completed, failed or dropped).</summary>
    public long Ended => _cold + _prewarm + _warm + _failed + _dropped;

    public void OnArrival() => _arrivals++;

    public void Add(in InvocationRecord r)
    {
        switch (r.Status)
        {
            case CallStatus.Dropped:
                _dropped++;
                return;
            case CallStatus.Failed:
                _failed++;
                return;
        }
        switch (r.StartType)
        {
            case StartType.Cold: _cold++; break;
            case StartType.Prewarm: _prewarm++; break;
            default: _warm++; break;
        }
        _latency.Add(r.Latency.Micros);
        _queueSumMicros += r.Queue.Micros;
    }

    /// <summary>Builds the summary; <paramref name="endMicros"/> is the run's length for time averages.</summary>
    public RunSummary Summarise(string scenario, string model, int replication, ulong seed, ContainerTable table, long endMicros)
    {
        double span = Math.Max(1, endMicros);
        long completed = _cold + _prewarm + _warm;
        return new RunSummary(
            scenario, model, replication, seed,
            _arrivals, _cold, _prewarm, _warm, _failed, _dropped,
            _latency.Quantile(0.50) / 1e3,
            _latency.Quantile(0.95) / 1e3,
            _latency.Quantile(0.99) / 1e3,
            _latency.MeanMicros / 1e3,
            table.IdleMemoryArea / 1e6 / BytesPerGb,
            table.Created,
            table.LiveArea / span,
            table.BusyArea / span,
            table.IdleArea / span,
            table.StartingArea / span,
            table.UsedMemoryArea / 1e6 / BytesPerGb,
            completed == 0 ? double.NaN : _queueSumMicros / completed / 1e3,
            endMicros / 1e6);
    }
}
