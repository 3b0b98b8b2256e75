namespace Faas.Results;

/// <summary>
/// Pool state over time for one model in one replication, summed over runtimes and, when the
/// run sampled densely, averaged into at most a few thousand time bins. All arrays have the
/// same length and are ordered by <see cref="TimeS"/>.
/// </summary>
public sealed record TimeSeriesTrace(
    string Scenario,
    string Model,
    int Replication,
    IReadOnlyList<double> TimeS,
    IReadOnlyList<double> ArrivalsPerS,
    IReadOnlyList<double> Idle,
    IReadOnlyList<double> Starting,
    IReadOnlyList<double> Busy,
    IReadOnlyList<double> PoolTarget)
{
    /// <summary>Number of (possibly binned) sample instants.</summary>
    public int Count => TimeS.Count;

    /// <summary>True when any sample has a positive pool target (policies without a pool write 0 or nothing).</summary>
    public bool HasPoolTarget => PoolTarget.Any(v => v > 0);
}
