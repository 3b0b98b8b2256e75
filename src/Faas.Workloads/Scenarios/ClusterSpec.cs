namespace Faas.Workloads.Scenarios;

/// <summary>The capacity shared by all containers; calls queue when it is full.</summary>
/// <param name="MemoryBytes">Total memory; <see cref="long.MaxValue"/> means unlimited.</param>
public sealed record ClusterSpec(long MemoryBytes)
{
    public static readonly ClusterSpec Unlimited = new(long.MaxValue);
    public bool IsUnlimited => MemoryBytes == long.MaxValue;
}
