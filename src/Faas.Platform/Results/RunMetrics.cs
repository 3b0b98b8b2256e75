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
    /// <param name="nodeNames">Names of the table's nodes; when given and the cluster has several nodes or core limits, the summary lists them (<see cref="RunSummary.Nodes"/>).</param>
    public RunSummary Summarise(string scenario, string model, int replication, ulong seed, ContainerTable table, long endMicros, IReadOnlyList<string>? nodeNames = null)
    {
        double span = Math.Max(1, endMicros);
        long completed = _cold + _prewarm + _warm;
        List<NodeSummary>? nodes = null;
        if (nodeNames is not null && (table.NodeCount > 1 || table.CoresLimited))
        {
            nodes = new List<NodeSummary>(table.NodeCount);
            for (int n = 0; n < table.NodeCount; n++)
                nodes.Add(new NodeSummary(nodeNames[n], table.NodeCapacity(n), table.NodeCores(n), table.NodeCreated(n), table.NodeEvictions(n),
                    table.NodeIdleMemoryArea(n) / 1e6 / BytesPerGb, table.NodeUsedMemoryArea(n) / 1e6 / BytesPerGb,
                    table.NodeBusyArea(n) / span, table.NodePeakUsedBytes(n)));
        }
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
            endMicros / 1e6)
        { Nodes = nodes };
    }
}
