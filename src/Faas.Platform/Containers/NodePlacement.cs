
namespace Faas.Platform.Containers;

/// <summary>
/// Where a new container goes: a pure function of the ledger's free memory and cores and the
/// cluster's <see cref="PlacementRule"/> (it reads the ledger, never changes it), so it is tested on
/// small hand-made ledgers. A node qualifies when the container's memory fits in its free memory
/// (counting its idle containers' memory as free too, when asked: where evicting would make room)
/// and, when a call will run at once, it has a free core. Among those the rule chooses; −1 when none
/// qualifies. With one node there is no choice to make.
/// </summary>
internal static class NodePlacement
{
    /// <summary>The node for a container of <paramref name="memoryBytes"/> by <paramref name="rule"/>, or −1.</summary>
    /// <param name="function">The function it is for (Affinity's home node), or −1 for a generic pool container, whose home is its <paramref name="runtime"/>'s.</param>
    /// <param name="needCore">A call runs on it as soon as it is ready (a cold start): the node needs a free core.</param>
    /// <param name="countIdleAsFree">Count idle containers' memory as free (placement after evicting them).</param>
    public static int Choose(in NodeLedger nodes, PlacementRule rule, long memoryBytes, int function, int runtime, bool needCore, bool countIdleAsFree)
    {
        int count = nodes.Count;
        if (count == 1) return Qualifies(nodes, 0, memoryBytes, needCore, countIdleAsFree) ? 0 : -1;
        switch (rule)
        {
            case PlacementRule.BestFit:
            case PlacementRule.WorstFit:
                {
                    int best = -1;
                    long bestFree = 0;
                    for (int n = 0; n < count; n++)
                    {
                        if (!Qualifies(nodes, n, memoryBytes, needCore, countIdleAsFree)) continue;
                        long free = Free(nodes, n, countIdleAsFree);
                        if (best < 0 || (rule == PlacementRule.BestFit ? free < bestFree : free > bestFree)) { best = n; bestFree = free; }
                    }
                    return best;
                }
            case PlacementRule.RoundRobin:
            case PlacementRule.Affinity:
                {
                    int start = rule == PlacementRule.RoundRobin ? nodes.LastEntered + 1 : (function >= 0 ? function : Math.Max(0, runtime));
                    start %= count;
                    for (int i = 0; i < count; i++)
                    {
                        int n = (start + i) % count;
                        if (Qualifies(nodes, n, memoryBytes, needCore, countIdleAsFree)) return n;
                    }
                    return -1;
                }
            default:
                for (int n = 0; n < count; n++)
                    if (Qualifies(nodes, n, memoryBytes, needCore, countIdleAsFree)) return n;
                return -1;
        }
    }

    /// <summary>Memory free on node <paramref name="n"/>, idle containers' included when <paramref name="countIdleAsFree"/>.</summary>
    private static long Free(in NodeLedger nodes, int n, bool countIdleAsFree) => nodes.FreeBytes(n) + (countIdleAsFree ? nodes.IdleBytes(n) : 0);

    /// <summary>True when node <paramref name="n"/> can take the container (see the type's summary).</summary>
    private static bool Qualifies(in NodeLedger nodes, int n, long memoryBytes, bool needCore, bool countIdleAsFree) =>
        memoryBytes <= Free(nodes, n, countIdleAsFree) && (!needCore || nodes.HasFreeCore(n));
}
