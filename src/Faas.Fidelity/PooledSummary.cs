using Faas.Platform;
using Faas.Platform.Results;

namespace Faas.Fidelity;

/// <summary>
/// Several runs of one model taken together: all their calls pooled (start-type fractions = counts over
/// the completed calls of all runs; p50/p95/p99 = nearest-rank quantiles of all completed latencies),
/// idle memory-time and containers created as means per run.
/// </summary>
public sealed record PooledSummary(int Runs, long Calls, long Cold, long Prewarm, long Warm, long FailedOrDropped,
    double P50Ms, double P95Ms, double P99Ms, double IdleMemGbS, double ContainersCreated)
{
    public long Completed => Cold + Prewarm + Warm;
    public double ColdFraction => Completed == 0 ? double.NaN : (double)Cold / Completed;
    public double PrewarmFraction => Completed == 0 ? double.NaN : (double)Prewarm / Completed;
    public double WarmFraction => Completed == 0 ? double.NaN : (double)Warm / Completed;

    /// <summary>Pools <paramref name="runs"/> (at least one).</summary>
    public static PooledSummary Pool(IReadOnlyList<PooledRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        long calls = 0, cold = 0, prewarm = 0, warm = 0, other = 0;
        var lat = new List<double>();
        foreach (var run in runs)
            foreach (var c in run.Calls)
            {
                calls++;
                if (!c.Completed) { other++; continue; }
                switch (c.StartType)
                {
                    case StartType.Cold: cold++; break;
                    case StartType.Prewarm: prewarm++; break;
                    default: warm++; break;
                }
                lat.Add(c.LatencyMs);
            }
        return new PooledSummary(runs.Count, calls, cold, prewarm, warm, other,
            NearestRank.Quantile(lat, 0.50), NearestRank.Quantile(lat, 0.95), NearestRank.Quantile(lat, 0.99),
            runs.Average(r => r.IdleMemGbS), runs.Average(r => r.ContainersCreated));
    }

    /// <summary>The value of a compared metric by its comparison.csv name; NaN for one not pooled.</summary>
    public double Metric(string name) => name switch
    {
        "cold_fraction" => ColdFraction,
        "prewarm_fraction" => PrewarmFraction,
        "warm_fraction" => WarmFraction,
        "p50_ms" => P50Ms,
        "p95_ms" => P95Ms,
        "p99_ms" => P99Ms,
        "idle_mem_gb_s" => IdleMemGbS,
        "containers_created" => ContainersCreated,
        "failed_or_dropped" => (double)FailedOrDropped / Runs,
        _ => double.NaN,
    };
}
