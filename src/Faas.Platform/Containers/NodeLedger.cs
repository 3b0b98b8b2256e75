using System.Diagnostics.CodeAnalysis;

namespace Faas.Platform.Containers;

/// <summary>
/// The books of the cluster's nodes: each node's memory and cores, what its containers use of them,
/// and its occupancy (<see cref="OccupancyMonitor"/>), plus the cluster-wide occupancy. The ledger
/// never lets a node hold more memory than it has, nor run more calls than it has cores: an entry
/// that would overdraw throws before anything changes (placement, <see cref="NodePlacement"/>,
/// chooses a node that has room).
/// <para>
/// The cluster-wide monitor is advanced on every change (<see cref="AdvanceTo"/>); a node's only when
/// that node changes, to the cluster's time, so many nodes cost nothing per event. With one node the
/// node is the cluster: the cluster-wide monitor is its monitor, and there is no second one to keep.
/// </para>
/// <para>
/// A mutable struct, held by value in <see cref="ContainerTable"/> (no extra indirection on the hot
/// path) and used in place: never copy it (a copy's books would diverge); readers take it by <c>in</c>.
/// </para>
/// </summary>
internal struct NodeLedger
{
    private struct Node
    {
        public long Capacity;
        public int Cores; // 0: unlimited
        public int CoresUsed;
        public long Created, Evictions;
        public OccupancyMonitor Occupancy; // unused with one node (see Levels)
    }

    private readonly Node[] _nodes;
    private OccupancyMonitor _total;

    /// <param name="nodes">Memory of each node in bytes (<see cref="long.MaxValue"/>: unlimited) and its cores (0: unlimited).</param>
    public NodeLedger(IReadOnlyList<(long MemoryBytes, int Cores)> nodes)
    {
        if (nodes.Count == 0) throw new ArgumentException("a cluster needs at least one node", nameof(nodes));
        _nodes = new Node[nodes.Count];
        for (int n = 0; n < _nodes.Length; n++)
        {
            if (nodes[n].MemoryBytes < 0 || nodes[n].Cores < 0) throw new ArgumentOutOfRangeException(nameof(nodes), $"node {n}: memory and cores must not be negative");
            _nodes[n] = new Node { Capacity = nodes[n].MemoryBytes, Cores = nodes[n].Cores };
            CoresLimited |= nodes[n].Cores > 0;
        }
    }

    /// <summary>Number of nodes.</summary>
    public readonly int Count => _nodes.Length;

    /// <summary>True when some node limits the calls it runs at once.</summary>
    public bool CoresLimited { get; }

    /// <summary>The cluster-wide occupancy, integrated up to the latest <see cref="AdvanceTo"/>.</summary>
    [UnscopedRef]
    public readonly ref readonly OccupancyMonitor Total => ref _total;

    /// <summary>The node the latest container entered (−1 before the first): where round-robin placement goes on from.</summary>
    public int LastEntered { get; private set; } = -1;

    /// <summary>Idle containers evicted to make room, over all nodes.</summary>
    public long Evictions { get; private set; }

    public readonly long Capacity(int node) => _nodes[node].Capacity;
    public readonly int Cores(int node) => _nodes[node].Cores;
    public readonly int CoresUsed(int node) => _nodes[node].CoresUsed;
    public readonly long Created(int node) => _nodes[node].Created;
    public readonly long EvictionsOn(int node) => _nodes[node].Evictions;
    public readonly long UsedBytes(int node) => Levels(node).UsedBytes;
    public readonly long IdleBytes(int node) => Levels(node).IdleBytes;
    public readonly long PeakUsedBytes(int node) => Levels(node).PeakUsedBytes;

    /// <summary>Memory of <paramref name="node"/> not held by any container.</summary>
    public readonly long FreeBytes(int node) => _nodes[node].Capacity - Levels(node).UsedBytes;

    /// <summary>True when <paramref name="memoryBytes"/> fit on <paramref name="node"/> now.</summary>
    public readonly bool FitsOn(int node, long memoryBytes) => memoryBytes <= FreeBytes(node);

    /// <summary>True when some node has <paramref name="memoryBytes"/> free.</summary>
    public readonly bool Fits(long memoryBytes)
    {
        if (_nodes.Length == 1) return FitsOn(0, memoryBytes);
        for (int n = 0; n < _nodes.Length; n++)
            if (FitsOn(n, memoryBytes)) return true;
        return false;
    }

    /// <summary>True when <paramref name="node"/> can run one more call (a free core, or no core limit).</summary>
    public readonly bool HasFreeCore(int node) => _nodes[node].Cores == 0 || _nodes[node].CoresUsed < _nodes[node].Cores;

    /// <summary>∫ idle memory of <paramref name="node"/> dt up to the cluster's time, in byte·µs.</summary>
    public readonly double IdleMemoryArea(int node) => Levels(node).IdleMemoryAreaAt(Now);

    /// <summary>∫ memory of live containers on <paramref name="node"/> dt up to the cluster's time, in byte·µs.</summary>
    public readonly double UsedMemoryArea(int node) => Levels(node).UsedMemoryAreaAt(Now);

    /// <summary>∫ busy containers on <paramref name="node"/> dt up to the cluster's time, in container·µs.</summary>
    public readonly double BusyArea(int node) => Levels(node).BusyAreaAt(Now);

    /// <summary>Integrates the cluster-wide occupancy up to <paramref name="now"/> (call before every change); throws if time went backwards.</summary>
    public void AdvanceTo(long now) => _total.AdvanceTo(now);

    /// <summary>
    /// A new container of <paramref name="memoryBytes"/> starts on <paramref name="node"/>, holding one
    /// of its cores when <paramref name="holdsCore"/> (a cold start). Throws when the node lacks the memory or the core.
    /// </summary>
    public void Enter(int node, long memoryBytes, bool holdsCore)
    {
        if (!FitsOn(node, memoryBytes) || (holdsCore && !HasFreeCore(node)))
            throw new InvalidOperationException($"node {node} has no room for a container of {memoryBytes} bytes{(holdsCore ? " and a free core" : "")}");
        ref Node ns = ref _nodes[node];
        if (_nodes.Length > 1) ns.Occupancy.Enter(Now, memoryBytes);
        ns.Created++;
        if (holdsCore) ns.CoresUsed++;
        _total.Enter(Now, memoryBytes);
        LastEntered = node;
    }

    /// <summary>
    /// A container of <paramref name="memoryBytes"/> on <paramref name="node"/> went from <paramref name="from"/>
    /// to <paramref name="to"/>. It holds a core while busy; <paramref name="heldCore"/> says whether it
    /// held one before (busy, or starting for a call). Becoming busy without one takes a free core, and
    /// throws when the node has none.
    /// </summary>
    public void Move(int node, ContainerState from, bool heldCore, ContainerState to, long memoryBytes)
    {
        bool holdsCore = to == ContainerState.Busy;
        if (holdsCore && !heldCore && !HasFreeCore(node))
            throw new InvalidOperationException($"node {node} has no free core");
        ref Node ns = ref _nodes[node];
        if (_nodes.Length > 1) ns.Occupancy.Move(Now, from, to, memoryBytes);
        if (holdsCore != heldCore) ns.CoresUsed += holdsCore ? 1 : -1;
        _total.Move(Now, from, to, memoryBytes);
    }

    /// <summary>A container of <paramref name="memoryBytes"/> in state <paramref name="from"/> left <paramref name="node"/>, freeing its memory (and its core when <paramref name="heldCore"/>).</summary>
    public void Leave(int node, ContainerState from, bool heldCore, long memoryBytes)
    {
        ref Node ns = ref _nodes[node];
        if (_nodes.Length > 1) ns.Occupancy.Leave(Now, from, memoryBytes);
        if (heldCore) ns.CoresUsed--;
        _total.Leave(Now, from, memoryBytes);
    }

    /// <summary>Counts an eviction (an idle container removed to make room) on <paramref name="node"/>.</summary>
    public void CountEviction(int node)
    {
        _nodes[node].Evictions++;
        Evictions++;
    }

    /// <summary>The cluster's time: where the latest <see cref="AdvanceTo"/> left it, when every change takes effect.</summary>
    private readonly long Now => _total.Until;

    /// <summary>The monitor of <paramref name="node"/>: its own, or with one node the cluster's, which is the same thing.</summary>
    [UnscopedRef]
    private readonly ref readonly OccupancyMonitor Levels(int node) => ref _nodes.Length == 1 ? ref _total : ref _nodes[node].Occupancy;
}
