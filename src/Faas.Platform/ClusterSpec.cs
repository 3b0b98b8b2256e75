namespace Faas.Platform;

/// <summary>
/// Where containers run: one node (the default; <c>cluster: {memory: 8GiB}</c>) or several nodes,
/// each with its own memory and optionally cores, and a placement rule that picks the node of a new
/// container. Calls queue (or are dropped, for models with <c>when_full: drop</c>) when no node can
/// take them, even after evicting idle containers.
/// </summary>
/// <param name="Nodes">The nodes, in declaration order (at least one).</param>
/// <param name="Placement">How a node is chosen for a new container.</param>
public sealed record ClusterSpec(IReadOnlyList<NodeSpec> Nodes, PlacementRule Placement = PlacementRule.FirstFit)
{
    /// <summary>One node of <paramref name="memoryBytes"/> (<see cref="long.MaxValue"/> for unlimited) and unlimited cores.</summary>
    public ClusterSpec(long memoryBytes) : this([new NodeSpec("node0", memoryBytes, 0)]) { }

    public static readonly ClusterSpec Unlimited = new(long.MaxValue);

    /// <summary>Total memory of all nodes; <see cref="long.MaxValue"/> when any node is unlimited.</summary>
    public long MemoryBytes
    {
        get
        {
            long sum = 0;
            foreach (var n in Nodes)
            {
                if (n.MemoryBytes == long.MaxValue || sum > long.MaxValue - n.MemoryBytes) return long.MaxValue;
                sum += n.MemoryBytes;
            }
            return sum;
        }
    }

    public bool IsUnlimited => MemoryBytes == long.MaxValue;

    /// <summary>True for a single node without a core limit: the model every earlier result used.</summary>
    public bool IsSingleNode => Nodes.Count == 1 && Nodes[0].Cores == 0;

    /// <summary>The largest memory of any one node (a container must fit in one node).</summary>
    public long LargestNodeBytes => Nodes.Max(n => n.MemoryBytes);
}
