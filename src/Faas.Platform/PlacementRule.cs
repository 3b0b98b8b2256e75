namespace Faas.Platform;

/// <summary>How the node of a new container is chosen among the nodes it fits on.</summary>
public enum PlacementRule
{
    /// <summary>The first node in declaration order with room (packs nodes one after another).</summary>
    FirstFit,

    /// <summary>The node with the least free memory that still fits (tightest packing).</summary>
    BestFit,

    /// <summary>The node with the most free memory (spreads load; ties to the first).</summary>
    WorstFit,

    /// <summary>The first node with room after the one used last (cycles through nodes).</summary>
    RoundRobin,

    /// <summary>
    /// A home node per function (its index modulo the node count; a pool container's home is its
    /// runtime's), then the following nodes in order: OpenWhisk's hashing load balancer, which keeps
    /// a function's containers together.
    /// </summary>
    Affinity,
}
