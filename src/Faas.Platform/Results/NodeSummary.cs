namespace Faas.Platform.Results;

/// <summary>
/// One node of a multi-node run: one row of nodes.csv. Memory-time in GB·s (GB = 2^30 bytes, as in
/// <see cref="RunSummary"/>); means are time averages over the run.
/// </summary>
/// <param name="MemoryBytes">The node's memory; <see cref="long.MaxValue"/> for unlimited.</param>
/// <param name="Cores">Calls it runs at once; 0 for no limit.</param>
/// <param name="MeanBusyContainers">Time-averaged busy containers (running calls) on the node.</param>
public sealed record NodeSummary(
    string Node,
    long MemoryBytes,
    int Cores,
    long ContainersCreated,
    long Evictions,
    double IdleMemGbS,
    double UsedMemGbS,
    double MeanBusyContainers,
    long PeakUsedBytes)
{
    /// <summary>Mean fraction of the node's cores busy; NaN without a core limit.</summary>
    public double CoreUtilisation => Cores == 0 ? double.NaN : MeanBusyContainers / Cores;
}
