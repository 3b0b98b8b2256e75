namespace Faas.Platform.Results;

/// <summary>
/// The per-run result: one row of summary.csv. Immutable; exporters read only this.
/// Fractions are of completed calls; latencies in milliseconds; memory-time in GB·s with
/// GB = 2^30 bytes (as AWS bills GB-s); container means are time averages over the run.
/// </summary>
public sealed record RunSummary(
    string Scenario,
    string Model,
    int Replication,
    ulong Seed,
    long Invocations,
    long Cold,
    long Prewarm,
    long Warm,
    long Failed,
    long Dropped,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MeanMs,
    double IdleMemGbS,
    long ContainersCreated,
    double MeanContainers,
    double MeanBusyContainers,
    double MeanIdleContainers,
    double MeanStartingContainers,
    double UsedMemGbS,
    double MeanQueueMs,
    double EndSeconds)
{
    public long Completed => Cold + Prewarm + Warm;
    public double ColdFraction => Completed == 0 ? double.NaN : (double)Cold / Completed;
    public double PrewarmFraction => Completed == 0 ? double.NaN : (double)Prewarm / Completed;
    public double WarmFraction => Completed == 0 ? double.NaN : (double)Warm / Completed;

    /// <summary>Per node, for a cluster of several nodes or with core limits (nodes.csv); null for one plain node.</summary>
    public IReadOnlyList<NodeSummary>? Nodes { get; init; }
}
