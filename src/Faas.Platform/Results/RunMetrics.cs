namespace Faas.Platform.Results;

/// <summary>
/// The one summariser of a run: accumulates its per-call figures (counts by start type and status,
/// latencies, queue time) and builds the <see cref="RunSummary"/>, either with the policy's
/// <see cref="ContainerTable"/> integrals (the simulator) or with figures measured beside the calls
/// (a real replay: idle memory-time sampled, containers counted by the driver). The simulator, the
/// Docker driver and the replay all summarise here, so a fidelity check compares like with like.
/// The latency estimator is the caller's: a <see cref="LatencyHistogram"/> by default (fixed memory),
/// <see cref="ExactLatencies"/> for a replay.
/// </summary>
public sealed class RunMetrics(ILatencyStatistics latency)
{
    private const double BytesPerGb = 1024.0 * 1024 * 1024;
    private readonly ILatencyStatistics _latency = latency;

    public RunMetrics() : this(new LatencyHistogram()) { }
    private long _cold, _prewarm, _warm, _failed, _dropped, _arrivals;
    private double _queueSumMicros;

    /// <summary>Calls that arrived (each must end as exactly one record).</summary>
    public long Arrivals => _arrivals;

    /// <summary>Calls that ended (completed, failed or dropped).</summary>
    public long Ended => _cold + _prewarm + _warm + _failed + _dropped;

    public void OnArrival() => _arrivals++;

    public void Add(in InvocationRecord r) => Add(r.Status, r.StartType, r.Latency.Micros, r.Queue.Micros);

    /// <summary>Adds one ended call: its status, start type, latency (counted only when completed) and queue time.</summary>
    public void Add(CallStatus status, StartType type, long latencyMicros, long queueMicros)
    {
        switch (status)
        {
            case CallStatus.Dropped:
                _dropped++;
                return;
            case CallStatus.Failed:
                _failed++;
                return;
        }
        switch (type)
        {
            case StartType.Cold: _cold++; break;
            case StartType.Prewarm: _prewarm++; break;
            default: _warm++; break;
        }
        _latency.Add(latencyMicros);
        _queueSumMicros += queueMicros;
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
            _latency.QuantileMs(0.50),
            _latency.QuantileMs(0.95),
            _latency.QuantileMs(0.99),
            _latency.MeanMs,
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

    /// <summary>
    /// Builds the summary of a run measured on a real driver: the given idle memory-time and
    /// containers created, no time-averaged container counts (NaN: the replay does not integrate them).
    /// </summary>
    public RunSummary Summarise(string scenario, string model, int replication, ulong seed, double idleMemGbS, long containersCreated, double endSeconds)
    {
        long completed = _cold + _prewarm + _warm;
        return new RunSummary(
            scenario, model, replication, seed,
            _arrivals, _cold, _prewarm, _warm, _failed, _dropped,
            _latency.QuantileMs(0.50), _latency.QuantileMs(0.95), _latency.QuantileMs(0.99), _latency.MeanMs,
            idleMemGbS, containersCreated, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN,
            completed == 0 ? double.NaN : _queueSumMicros / completed / 1e3, endSeconds);
    }
}
