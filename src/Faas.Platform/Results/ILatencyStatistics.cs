namespace Faas.Platform.Results;

/// <summary>
/// Latencies of completed calls as a run summary reports them: count, mean and quantiles. Two
/// estimators exist: <see cref="LatencyHistogram"/> (fixed memory, for the simulator's 10^8 calls)
/// and <see cref="ExactLatencies"/> (every value kept, for a real replay's few thousand).
/// </summary>
public interface ILatencyStatistics
{
    /// <summary>Adds one latency in microseconds.</summary>
    void Add(long micros);

    long Count { get; }

    /// <summary>The mean in milliseconds; NaN when empty.</summary>
    double MeanMs { get; }

    /// <summary>The q-quantile (0 &lt; q ≤ 1) in milliseconds, nearest rank; NaN when empty.</summary>
    double QuantileMs(double q);
}
